// Runner child: loads the user's workflow file through the engine's loader, and builds the
// container the run gets (mocks module, or the auto-mocked container when asked for).
import type { Instrumentation } from '../../../engine/src/instrumentation';
import type { LoadedWorkflow, LoadOptions } from '../ipc';

export interface RunnableWorkflow {
  run(options: { input: unknown; instrumentation: Instrumentation; container?: unknown }): Promise<unknown>;
}

export interface LoadedProgram {
  workflows: Map<string, RunnableWorkflow>;
  listing: LoadedWorkflow[];
  container?: unknown;
}

export function loadProgram(_options: LoadOptions): Promise<LoadedProgram> {
  return Promise.reject(new Error('The engine loader is not available yet.'));
}
