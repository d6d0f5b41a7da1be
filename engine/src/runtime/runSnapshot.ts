// A consistent copy of a run's state for the debugger (instrumentation `attach` handles).
import type { RunSnapshot, StepSnapshot } from '../instrumentation';
import type { Run } from './run';
import { stepOutput } from './resolve';
import { runOf } from './liveRuns';
import type { Transaction } from './transaction';

function copyValue(v: unknown): unknown {
  if (v === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(v)) as unknown;
  } catch {
    return typeof v === 'bigint' ? v.toString() : '[unserializable]';
  }
}

/** `values` false: no inputs or outputs (nothing JSON-copied), for a view of the states only. */
export function snapshotOfRun(run: Run, values = true): RunSnapshot {
  const tx = run.tx;
  const copy = values ? copyValue : (): undefined => undefined;
  const steps: StepSnapshot[] = tx.records.map((rec) => {
    const step = rec.definition.action;
    const invokeDone = rec.invoke.state === 'done' || rec.invoke.state === 'timeout';
    const snap: StepSnapshot = {
      step,
      depth: rec.depth - 1,
      invoke: {
        state: rec.invoke.state,
        status: rec.invoke.status,
        attempt: rec.stepFailed ? Math.max(1, rec.invokeAttempts ?? rec.attempts) : rec.attempts,
        input: copy(rec.input),
        output: values && invokeDone ? copy(stepOutput(tx.context.invoke, step)) : undefined,
        error: rec.error,
      },
      compensate: {
        state: rec.compensate.state,
        status: rec.compensate.status,
        attempt: rec.stepFailed ? rec.attempts : 0,
        input: copy(rec.compensateInput),
        error: rec.compensateError,
      },
      noCompensation: !!rec.definition.noCompensation,
    };
    const child = rec.child as Run | undefined;
    if (child) snap.child = snapshotOfRun(child, values);
    return snap;
  });
  return {
    run: run.frame ?? { workflowId: tx.modelId, transactionId: tx.transactionId, parents: [] },
    state: tx.getState(),
    input: copy(tx.payload),
    steps,
  };
}

/** Snapshot of a transaction returned by `run()` (works with or without instrumentation). */
export function snapshotOf(transaction: Transaction): RunSnapshot {
  const run = runOf(transaction);
  if (!run) throw new Error('snapshotOf: not a transaction of this engine');
  return snapshotOfRun(run);
}
