// Host entry (Node only): the workflow loader bound to this bundle's engine. User files get this
// engine for their SDK imports; loaded workflows come back as runnable handles by id.
import { getDefinition, getWorkflowIds, type WorkflowDefinition } from '../runtime/definition';
import * as sdk from '../index';
import { WorkflowRunner, type RunOptions, type RunResult } from '../runtime/runner';
import { WorkflowLoader } from './loader';

/** A workflow defined by a loaded file: what `wf(container)` / `wf.run(...)` offer. */
export interface LoadedWorkflow {
  id: string;
  /** The file whose code called createWorkflow, when known. */
  sourcePath?: string;
  /** Like `wf(container)`: a runner with run, registerStepSuccess, registerStepFailure, cancel. */
  runner(container?: unknown): WorkflowRunner;
  /** Like `wf.run(options)`. */
  run(options?: RunOptions): Promise<RunResult>;
}

const handles = new WeakMap<WorkflowDefinition, LoadedWorkflow>();

function handleOf(def: WorkflowDefinition): LoadedWorkflow {
  let handle = handles.get(def);
  if (!handle) {
    const runner = (container?: unknown) =>
      new WorkflowRunner(def.id, def.defaultResult, container);
    handle = {
      id: def.id,
      sourcePath: def.sourcePath,
      runner,
      run: (options = {}) => runner().run(options),
    };
    handles.set(def, handle);
  }
  return handle;
}

function* registered(): Iterable<readonly [string, LoadedWorkflow]> {
  for (const id of getWorkflowIds()) {
    const def = getDefinition(id);
    if (def) yield [id, handleOf(def)];
  }
}

export function createEngineLoader(
  options: { cacheDir?: string } = {},
): WorkflowLoader<LoadedWorkflow> {
  return new WorkflowLoader({
    sdk,
    workflows: registered,
    cacheDir: options.cacheDir,
    bindPackages: true,
  });
}
