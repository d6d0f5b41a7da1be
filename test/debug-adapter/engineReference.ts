// The reference the debugger is compared with: the same example workflow run directly on the
// engine in this process (no debugger), observing the order in which steps begin.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as engine from '../../engine/src/index';
import { WorkflowLoader } from '../../engine/src/host/loader';
import type { EngineEvent, StepAction } from '../../engine/src/instrumentation';
import { EXAMPLES } from './helpers';

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
});

export interface Reference {
  /** Every step boundary, `<step> (<action>)`, in the order the engine began them. */
  boundaries: string[];
  /** Compensations in the order they began. */
  order: string[];
  /** Pairs of steps compensating at the same time. */
  concurrent: [string, string][];
}

export async function engineRun(
  program: string,
  inputName: string,
  failing?: string,
): Promise<Reference> {
  const wf = [...loader.load(program).workflows.values()][0];
  assert.ok(wf);
  const container = engine.createContainer();
  const mocks = loader.loadModule(join(EXAMPLES, 'src', 'mocks.ts')) as {
    default: (c: unknown) => void;
  };
  mocks.default(container);
  const ref: Reference = { boundaries: [], order: [], concurrent: [] };
  const active = new Set<string>();
  const begin = (step: string, action: StepAction): void => {
    ref.boundaries.push(`${step} (${action})`);
    if (action !== 'compensate') return;
    ref.order.push(step);
    for (const other of active) ref.concurrent.push([other, step]);
    active.add(step);
  };
  await wf.run({
    input: JSON.parse(readFileSync(join(EXAMPLES, 'inputs', `${inputName}.json`), 'utf8')),
    container,
    throwOnError: false,
    instrumentation: {
      // Boundaries are where gates are awaited: a step without a compensate function has none.
      gate: (b) => begin(b.step, b.action),
      onEvent(e: EngineEvent) {
        if ((e.type === 'step.success' || e.type === 'step.failure') && e.action === 'compensate')
          active.delete(e.step);
      },
      shouldFail: (step, action) => step === failing && action === 'invoke',
    },
  });
  return ref;
}

export async function engineRollback(failing: string): Promise<Reference> {
  return engineRun(join(EXAMPLES, 'src', 'workflows', 'create-order.ts'), 'create-order', failing);
}
