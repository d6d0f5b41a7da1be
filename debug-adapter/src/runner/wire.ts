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
function wireStep(s: StepSnapshot): StepSnapshot {
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
  if (s.child) out.child = wireSnapshot(s.child);
  return out;
}

export function wireSnapshot(s: RunSnapshot): RunSnapshot {
  return { run: s.run, state: s.state, input: undefined, steps: s.steps.map(wireStep) };
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
