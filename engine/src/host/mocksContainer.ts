// The container a CLI run gets: the engine's awilix-like container filled from the user's mocks
// module (an object of registrations, or a function receiving the container). `buildContainer`
// is the one seam for other kinds of containers (the auto-mocked one plugs in here).
import { createContainer, type Container } from '../runtime/container';

export interface ContainerOptions {
  /** Path of the mocks module, relative to the working directory. */
  mocks?: string;
}

/** Loads a module of the user's project (through the workflow loader, so TS works). */
export type ModuleLoader = (file: string) => unknown;

export async function buildContainer(
  options: ContainerOptions,
  loadModule: ModuleLoader,
): Promise<Container> {
  const container = createContainer();
  if (options.mocks !== undefined) {
    await applyMocks(container, loadModule(options.mocks), options.mocks);
  }
  return container;
}

/** Registers what a mocks module exports: `default` (or the module) as a function or an object. */
export async function applyMocks(
  container: Container,
  exports: unknown,
  file: string,
): Promise<void> {
  const candidate = isObject(exports) && 'default' in exports ? exports.default : exports;
  if (typeof candidate === 'function') {
    await (candidate as (c: Container) => unknown)(container);
    return;
  }
  if (!isObject(candidate)) {
    throw new MocksError(
      `mocks module ${file} must export an object of registrations or a function`,
    );
  }
  const entries = Object.entries(candidate).filter(([key]) => key !== '__esModule');
  container.register(Object.fromEntries(entries));
}

export class MocksError extends Error {
  override name = 'MocksError';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null;
}
