// Runner child: loads the user's workflow file through the engine's loader (SDK imports bound to
// the embedded engine), and builds the container the run gets: the mocks module's registrations,
// or the auto-mocked container when `"container": "auto"`.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as engine from '../../../engine/src/index';
import { WorkflowLoader } from '../../../engine/src/host/loader';
import type { Instrumentation } from '../../../engine/src/instrumentation';
import type { LoadedWorkflow, LoadOptions } from '../ipc';
import { applyMocks, autoContainer, plainContainer, type OnCall } from './container';

export interface RunnableWorkflow {
  run(options: {
    input: unknown;
    instrumentation: Instrumentation;
    container?: unknown;
    throwOnError?: boolean;
  }): Promise<unknown>;
}

export interface LoadedProgram {
  workflows: Map<string, RunnableWorkflow>;
  listing: LoadedWorkflow[];
  container: unknown;
}

export async function loadProgram(options: LoadOptions, onCall: OnCall): Promise<LoadedProgram> {
  // The workflow functions the user's code creates, by id: the SDK it gets is ours, with
  // createWorkflow observed (the engine's registry holds definitions, not runnable functions).
  const functions = new Map<string, engine.WorkflowFunction>();
  const sdk = {
    ...engine,
    createWorkflow: (...args: Parameters<typeof engine.createWorkflow>) => {
      const wf = engine.createWorkflow(...args);
      functions.set(wf.getName(), wf);
      return wf;
    },
  };
  const loader = new WorkflowLoader<engine.WorkflowFunction>({
    sdk,
    workflows: () => functions.entries(),
    // Warm runs then skip loading the TypeScript compiler altogether.
    cacheDir: join(tmpdir(), 'medusa-workflows-transpile-cache'),
  });
  const loaded = loader.load(options.program);
  const workflows = new Map<string, RunnableWorkflow>(loaded.workflows);
  const exported = new Set(exportedWorkflows(loaded.exports));
  const listing = [...loaded.workflows.keys()].map((id) => ({
    id,
    steps: stepsOf(engine.getWorkflowFlow(id)),
    exported: exported.has(id),
  }));
  const container = options.container === 'auto' ? autoContainer(onCall) : plainContainer(onCall);
  if (options.mocks) await applyMocks(container, loader.loadModule(options.mocks));
  return { workflows, listing, container };
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
