// Runner child: bounded, JSON-safe copies of engine events and run snapshots for the IPC channel.
import type { EngineEvent, RunSnapshot, StepSnapshot } from '../../../engine/src/instrumentation';
import type { WireEvent } from '../ipc';
import { bounded, errorText } from './preview';

const VALUE = { depth: 3, maxKeys: 20, maxString: 200 };

function value(v: unknown): unknown {
  return v === undefined ? undefined : bounded(v, VALUE);
}

/** States, attempts and errors only: values are for the Variables view (asked for, lazily), and
 * leaving them out keeps the per-change state event small whatever the steps return. */
function wireStep(s: StepSnapshot, prev: StepSnapshot | undefined): StepSnapshot {
  const child = s.child && wireRun(s.child, prev?.child);
  if (prev && sameStates(s, prev) && child === prev.child) return prev;
  const out: StepSnapshot = {
    step: s.step,
    depth: s.depth,
    noCompensation: s.noCompensation,
    invoke: { state: s.invoke.state, status: s.invoke.status, attempt: s.invoke.attempt },
    compensate: {
      state: s.compensate.state,
      status: s.compensate.status,
      attempt: s.compensate.attempt,
    },
  };
  if (s.invoke.error !== undefined) out.invoke.error = value(s.invoke.error);
  if (s.compensate.error !== undefined) out.compensate.error = value(s.compensate.error);
  if (child) out.child = child;
  return out;
}

type ActionStates = { state: string; status: string; attempt: number; error?: unknown };

const sameAction = (a: ActionStates, b: ActionStates): boolean =>
  a.state === b.state &&
  a.status === b.status &&
  a.attempt === b.attempt &&
  a.error === undefined &&
  b.error === undefined;

/** The engine's step has the states of the wire copy `w` (steps with errors never match: their
 * copies are made afresh and compared by value). */
const sameStates = (s: StepSnapshot, w: StepSnapshot): boolean =>
  s.step === w.step &&
  s.depth === w.depth &&
  s.noCompensation === w.noCompensation &&
  sameAction(s.invoke, w.invoke) &&
  sameAction(s.compensate, w.compensate);

/** `prev` itself when nothing in the run changed, so a parent step can be kept too. */
function wireRun(s: RunSnapshot, prev: RunSnapshot | undefined): RunSnapshot {
  const same =
    prev?.run.transactionId === s.run.transactionId && prev.run.workflowId === s.run.workflowId
      ? prev
      : undefined;
  const steps = s.steps.map((step, i) => wireStep(step, same?.steps[i]));
  if (
    same?.state === s.state &&
    same.steps.length === steps.length &&
    steps.every((step, i) => step === same.steps[i])
  )
    return same;
  return { run: s.run, state: s.state, input: undefined, steps };
}

/** The wire form of an engine snapshot. Given the wire form sent before (`prev`), the steps whose
 * states did not change are its very records: nothing is copied for them, and the diff against
 * `prev` passes them by identity (the stepping round trip's garbage, hence its GC pauses, stays
 * small on long runs). The result is a new object, never `prev` itself. */
export function wireSnapshot(s: RunSnapshot, prev?: RunSnapshot): RunSnapshot {
  const out = wireRun(s, prev);
  return out === prev ? { ...out } : out;
}

export function wireEvent(e: EngineEvent): WireEvent {
  const out: WireEvent = { type: e.type, run: e.run };
  switch (e.type) {
    case 'step.begin':
      return { ...out, step: e.step, action: e.action, attempt: e.attempt };
    case 'step.success':
      return { ...out, step: e.step, action: e.action };
    case 'step.failure':
      return {
        ...out,
        step: e.step,
        action: e.action,
        willRetry: e.willRetry,
        error: { message: failureMessage(e.error) },
      };
    case 'step.skipped':
    case 'step.awaiting':
      return { ...out, step: e.step };
    case 'run.end':
      return {
        ...out,
        state: e.state,
        // The summary lists every error: run()'s, then the compensations'.
        errors: [...e.errors, ...e.compensationErrors].map((x) => ({
          ...x,
          message: String(x.message),
        })),
      };
    case 'service.call':
      return { ...out, step: e.step, action: e.action, key: e.key, method: e.method };
    default:
      return out;
  }
}

export function failureMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const m = error.message;
    if (typeof m === 'string') return m;
  }
  return errorText(error);
}
