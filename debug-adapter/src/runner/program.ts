// Runner child: loads the user's workflow file through the engine's host loader (SDK imports
// bound to the embedded engine, packages such as @medusajs/core-flows included), and builds the
// container the run gets: the mocks module's registrations, or the auto-mocked container when
// `"container": "auto"`, or the user's Medusa app's own container (`"container": "app"`, booted
// first: engine/src/host/medusaApp.ts).
import { getWorkflowFlow, forcedFailureTargets } from '../../../engine/src/index';
import {
  applyMocks,
  bootMedusaApp,
  createEngineLoader,
  defaultCacheDir,
  overlay,
  withOwnPackageCopies,
} from '../../../engine/src/host/index';
import type { Instrumentation } from '../../../engine/src/instrumentation';
import type { Container } from '../../../engine/src/index';
import type { LoadedWorkflow, LoadOptions } from '../ipc';
import type { FieldCheck } from '../../../engine/src/mock/index';
import type { StepResponder } from '../../../shared/medusa/stepResponse';
import { buildRunContainer, recording, stepChecks, type OnCall } from './runContainer';

export interface RunnableWorkflow {
  run(options: {
    input: unknown;
    instrumentation: Instrumentation;
    container?: unknown;
    throwOnError?: boolean;
  }): Promise<unknown>;
  /** Like `wf(container)`: answers its async steps (setStepSuccess / setStepFailure). */
  runner(container?: unknown): StepResponder;
}

export interface LoadedProgram {
  workflows: Map<string, RunnableWorkflow>;
  listing: LoadedWorkflow[];
  container: unknown;
  /** With the auto-mocked container: the field checks of a workflow's own steps, read lazily. */
  fieldChecks?: (workflow: string) => () => FieldCheck[];
}

export async function loadProgram(
  options: LoadOptions,
  onCall: OnCall,
  notice: (line: string) => void = () => undefined,
): Promise<LoadedProgram> {
  // The app boots before our loader binds the SDK in packages: its own workflows keep Medusa's.
  const app =
    options.container === 'app'
      ? await bootMedusaApp({
          cwd: process.cwd(),
          allowRemoteDatabase: options.allowRemoteDatabase,
          notice,
        })
      : undefined;
  // Warm runs skip loading the TypeScript compiler altogether (the CLI shares the cache).
  const loader = createEngineLoader({ cacheDir: defaultCacheDir() });
  // Every workflow registered while loading, the file's imports (core-flows...) included.
  const loaded = app
    ? withOwnPackageCopies(() => loader.load(options.program))
    : loader.load(options.program);
  const workflows = new Map<string, RunnableWorkflow>(loaded.workflows);
  const exported = new Set(exportedWorkflows(loaded.exports));
  const listing = [...loaded.workflows.keys()].map((id) => ({
    id,
    steps: stepsOf(getWorkflowFlow(id)),
    forcedFailureTargets: forcedFailureTargets(id),
    exported: exported.has(id),
  }));
  const container = app
    ? recording(await appServices(app.container as Container, options, loader), onCall)
    : await buildRunContainer(options, (file) => loader.loadModule(file), onCall);
  const fieldChecks = app ? undefined : (id: string) => stepChecks(options.program, id);
  return { workflows, listing, container, fieldChecks };
}

/** The app's container; with a mocks module, its services first and the app's for the rest. */
async function appServices(
  app: Container,
  options: LoadOptions,
  loader: { loadModule(file: string): unknown },
): Promise<Container> {
  if (options.mocks === undefined) return app;
  const services = overlay(app);
  await applyMocks(services, loader.loadModule(options.mocks), options.mocks);
  return services;
}

function exportedWorkflows(exports: unknown): string[] {
  if (!exports || typeof exports !== 'object') return [];
  return Object.values(exports as Record<string, unknown>).flatMap((v) => {
    const name = (v as { getName?: unknown } | null)?.getName;
    return typeof v === 'function' && typeof name === 'function' ? [String(name.call(v))] : [];
  });
}

function stepsOf(flow: unknown): string[] {
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const n = node as { action?: unknown; next?: unknown };
    if (typeof n.action === 'string') names.push(n.action);
    walk(n.next);
  };
  walk(flow);
  return names;
}
