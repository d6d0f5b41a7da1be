// Public entry of the engine's Node host: loading workflow files (transpiled, with the engine as
// their SDK), booting a Medusa app, building the run's container. Imported by the CLI and the
// debug adapter's runner process (never by the extension or the language server).
export { applyMocks, buildContainer, MocksError } from './mocksContainer';
export type { ContainerOptions, ModuleLoader } from './mocksContainer';
export { createEngineLoader } from './engineLoader';
export type { LoadedWorkflow } from './engineLoader';
export {
  AppBootError,
  bootMedusaApp,
  describeDatabase,
  findMedusaApp,
  withOwnPackageCopies,
} from './medusaApp';
export type { BootedApp, BootOptions, DatabaseTarget } from './medusaApp';
export { loadModelCatalog, projectRoot } from './modelCatalog';
export { overlay, recording } from './recording';
export type { OnServiceCall } from './recording';
export { defaultCacheDir, Transpiler } from './transpile';
