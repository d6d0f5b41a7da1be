// Extension host (RunStates) and unit tests: the debug overlay as a pure function of what the
// adapter reports (a run snapshot, the paused boundary, the compensations so far): each graph
// node's invoke and compensate state as a user reads it ("not run", "paused"), the paused node,
// the rollback by node id and the first failure. No vscode here.
import type { RunSnapshot, StepState } from '../../../engine/src/instrumentation';
import type { ExecutionStateRequest, StateEvent } from '../../../shared/protocol/debugProtocol';
import type { DisplayState, Overlay } from '../graph/messages';

export function invokeState(s: StepState): DisplayState {
  switch (s) {
    case 'invoking':
      return 'running';
    case 'done':
    case 'reverted':
      return 'done';
    case 'failed':
    case 'timeout':
      return 'failed';
    case 'skipped':
    case 'skipped_failure':
      return 'skipped';
    case 'compensating':
      return 'done';
    default:
      return 'pending';
  }
}

export function compensateState(s: StepState): DisplayState {
  switch (s) {
    case 'compensating':
    case 'invoking':
      return 'compensating';
    case 'reverted':
    case 'done':
      return 'compensated';
    case 'failed':
    case 'timeout':
      return 'failed';
    case 'skipped':
    case 'skipped_failure':
      return 'skipped';
    default:
      return 'pending';
  }
}

/** How a run's moment changes what a state reads as. */
interface Moment {
  /** The run no longer invokes (rolling back or over): steps still pending never will. */
  invokingOver: boolean;
  /** The debugger is stopped: every step between its gates waits, as Call Stack shows. */
  stopped: boolean;
}

function addSteps(out: Overlay['nodes'], run: RunSnapshot, prefix: string, stopped: boolean): void {
  const moment: Moment = {
    invokingOver: run.state !== 'invoking' && run.state !== 'not_started',
    stopped,
  };
  for (const s of run.steps) {
    const key = prefix ? `${prefix}::${s.step}` : s.step;
    // A step without a compensation has nothing to undo: its rollback shows as skipped.
    const compensate =
      s.noCompensation && s.compensate.state !== 'failed'
        ? 'skipped'
        : compensateState(s.compensate.state);
    out[key] = {
      invoke: atMoment(invokeState(s.invoke.state), moment),
      compensate: atMoment(compensate, { ...moment, invokingOver: false }),
    };
    if (s.child) addSteps(out, s.child, key, stopped);
  }
}

function atMoment(state: DisplayState, moment: Moment): DisplayState {
  if (state === 'pending' && moment.invokingOver) return 'not-run';
  if ((state === 'running' || state === 'compensating') && moment.stopped) return 'paused';
  return state;
}

/** The first failed step (invoke or compensate), depth first, as a node id. */
function firstFailed(nodes: Overlay['nodes']): string | undefined {
  const all = Object.entries(nodes);
  return (
    all.find(([, s]) => s.invoke === 'failed')?.[0] ??
    all.find(([, s]) => s.compensate === 'failed')?.[0]
  );
}

/** The node id (with nested prefixes) of a step paused in the run `workflowId` inside `run`. */
function pausedKey(
  run: RunSnapshot,
  workflowId: string,
  step: string,
  prefix = '',
): string | undefined {
  if (run.run.workflowId === workflowId && run.steps.some((s) => s.step === step)) {
    return prefix ? `${prefix}::${step}` : step;
  }
  for (const s of run.steps) {
    if (!s.child) continue;
    const key = pausedKey(s.child, workflowId, step, prefix ? `${prefix}::${s.step}` : s.step);
    if (key) return key;
  }
  return undefined;
}

/** The adapter names a nested compensation `<workflow> › <step>`; the graph, by node path. */
function rollbackKey(run: RunSnapshot, name: string): string {
  const cut = name.indexOf(' › ');
  if (cut < 0) return name;
  return pausedKey(run, name.slice(0, cut), name.slice(cut + 3)) ?? name;
}

function pausedAt(step: string, p: NonNullable<StateEvent.Body['paused']>): Overlay['paused'] {
  const awaiting = p.awaiting?.some((s) => s.step === p.step && s.action === p.action);
  return awaiting ? { step, action: p.action, awaiting } : { step, action: p.action };
}

export function toOverlay(
  body: StateEvent.Full | ExecutionStateRequest.Response,
  rollback?: string[],
): Overlay | null {
  const snapshot = body.snapshot;
  if (!snapshot) return null;
  const nodes: Overlay['nodes'] = {};
  const p = body.paused;
  addSteps(nodes, snapshot, '', p !== undefined);
  const step = p ? pausedKey(snapshot, p.workflowId, p.step) : undefined;
  return {
    nodes,
    paused: p && step ? pausedAt(step, p) : undefined,
    rollback: (rollback ?? ('rollback' in body ? body.rollback : [])).map((name) =>
      rollbackKey(snapshot, name),
    ),
    runState: snapshot.state,
    failed: firstFailed(nodes),
    ended: false,
    ...('error' in body && body.error ? { refused: body.error } : {}),
  };
}

/** The overlay once its session has ended: nothing waits any more, pending steps never ran. */
export function endedOverlay(overlay: Overlay): Overlay {
  const nodes: Overlay['nodes'] = {};
  for (const [id, s] of Object.entries(overlay.nodes)) {
    const settle = (d: DisplayState): DisplayState =>
      d === 'pending' || d === 'paused' || d === 'running' ? 'not-run' : d;
    nodes[id] = {
      invoke: settle(s.invoke),
      compensate: s.compensate === 'pending' ? 'pending' : settle(s.compensate),
    };
  }
  return { ...overlay, nodes, ended: true, paused: undefined };
}
