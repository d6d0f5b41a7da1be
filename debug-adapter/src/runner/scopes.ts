// Runner child: the Step, Workflow and Container calls scopes of a paused boundary, built from the
// engine's run snapshots, and the bindings that evaluate/conditions see.
import type { RunHandle, StepBoundary, StepSnapshot } from '../../../engine/src/instrumentation';
import type { WireBoundary } from '../ipc';
import type { Bindings } from './expressions';

export interface RecordedCall {
  step?: string;
  action?: string;
  transactionId?: string;
  key: string;
  method: string;
  args: unknown;
  result: unknown;
  error?: string;
  /** The result was made up by the auto-mocked container (shown as `mocked: true`). */
  mocked?: boolean;
}

/** A boundary the child is paused at, with the live engine object for invoke/compensate. */
export interface Paused {
  wire: WireBoundary;
  live?: StepBoundary;
  /** The last error the step threw, when paused after a failure (end of run). */
  error?: unknown;
}

export interface ScopeSource {
  runHandle(transactionId: string): RunHandle | undefined;
  calls(): RecordedCall[];
  /** The live output a step returned (from its success event), rather than the snapshot's copy. */
  output(transactionId: string, step: string): { value: unknown } | undefined;
}

const DATA_WRAPPER = 'Symbol(WorkflowWorkflowData)';

/** The engine reports an undefined output as its internal `{ __type: WorkflowWorkflowData }` record. */
export function unwrapOutput(v: unknown): unknown {
  const rec = v as { __type?: unknown; output?: unknown } | null;
  return rec && typeof rec === 'object' && rec.__type === DATA_WRAPPER ? rec.output : v;
}

export function findStep(snapshotSteps: StepSnapshot[], step: string): StepSnapshot | undefined {
  return snapshotSteps.find((s) => s.step === step);
}

/** The run and step a frame at `depth` shows: 0 is the paused step, then its parent runs. */
export function frameAt(
  paused: Paused,
  depth: number,
): { transactionId: string; workflowId: string; step: string } {
  const run = paused.wire.run;
  if (depth === 0)
    return { transactionId: run.transactionId, workflowId: run.workflowId, step: paused.wire.step };
  const parent = run.parents[run.parents.length - depth];
  if (!parent) throw new Error(`no frame at depth ${depth}`);
  return parent;
}

/** The Step scope as a plain object; `input` is the live value the gate will hand to the step. */
export function stepScope(
  paused: Paused,
  depth: number,
  src: ScopeSource,
): Record<string, unknown> {
  const frame = frameAt(paused, depth);
  const snap = src.runHandle(frame.transactionId)?.snapshot();
  const rec = snap ? findStep(snap.steps, frame.step) : undefined;
  const live = depth === 0 ? paused.live : undefined;
  const action = depth === 0 ? paused.wire.action : 'invoke';
  const scope: Record<string, unknown> = {
    input: live && action === 'invoke' ? live.input : rec?.invoke.input,
    output: unwrapOutput(src.output(frame.transactionId, frame.step)?.value ?? rec?.invoke.output),
    'compensate input': live && action === 'compensate' ? live.input : rec?.compensate.input,
    attempt: depth === 0 ? paused.wire.attempt : rec?.invoke.attempt,
    state: action === 'invoke' ? rec?.invoke.state : rec?.compensate.state,
  };
  const error =
    (depth === 0 ? paused.error : undefined) ?? rec?.compensate.error ?? rec?.invoke.error;
  if (error !== undefined) scope.error = error;
  return scope;
}

export function workflowScope(
  paused: Paused,
  depth: number,
  src: ScopeSource,
): Record<string, unknown> {
  const frame = frameAt(paused, depth);
  const snap = src.runHandle(frame.transactionId)?.snapshot();
  const steps: Record<string, unknown> = {};
  for (const s of snap?.steps ?? []) {
    const live = src.output(frame.transactionId, s.step);
    const invoke = { ...s.invoke, output: unwrapOutput(live ? live.value : s.invoke.output) };
    steps[s.step] = { invoke, compensate: s.compensate };
  }
  return {
    input: snap?.input,
    'transaction id': frame.transactionId,
    workflow: frame.workflowId,
    state: snap?.state,
    steps,
  };
}

export function callsScope(src: ScopeSource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  src.calls().forEach((c, i) => {
    const by = c.step ? ` (${c.step}${c.action === 'compensate' ? ', compensate' : ''})` : '';
    out[`${i + 1}. ${c.key}.${c.method}${by}`] = c;
  });
  return out;
}

/** What evaluate and breakpoint conditions see at a boundary. */
export function bindings(paused: Paused, src: ScopeSource): Bindings {
  const step = stepScope(paused, 0, src);
  const wf = workflowScope(paused, 0, src);
  const run = paused.wire.run;
  return {
    input: step.input,
    output: step.output,
    compensateInput: step['compensate input'],
    attempt: step.attempt,
    error: step.error,
    state: step.state,
    step: paused.wire.step,
    action: paused.wire.action,
    workflow: wf,
    context: {
      workflowId: run.workflowId,
      transactionId: run.transactionId,
      stepName: paused.wire.step,
      action: paused.wire.action,
      attempt: paused.wire.attempt,
    },
  };
}
