// The reference the debugger is compared with: the same example workflow run directly on the
// engine in this process (no debugger), observing the order in which steps begin.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildContainer } from '../../engine/src/host/mocksContainer';
import { createEngineLoader } from '../../engine/src/host/engineLoader';
import type { EngineEvent, StepAction } from '../../engine/src/instrumentation';
import { EXAMPLES } from './helpers';

// The loader and the container the runner child uses, in this process.
const loader = createEngineLoader();

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
  const loaded = loader.load(program);
  // The workflow the file itself defines (not one it imports to run as a step).
  const wf = [...loaded.workflows.values()].find((w) => w.sourcePath === loaded.file);
  assert.ok(wf, `no workflow defined in ${program}`);
  const container = await buildContainer({ mocks: join(EXAMPLES, 'src', 'mocks.ts') }, (f) =>
    loader.loadModule(f),
  );
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
