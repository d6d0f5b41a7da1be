// Extension host: follows medusa-workflow debug sessions (the adapter's `medusaWorkflows.state`
// events, and `executionState` on each stop) and keeps, per workflow id, the overlay the graph
// view draws. The last state of a finished session is kept, marked ended (the view hides it
// until asked to show the last run).
import * as vscode from 'vscode';
import type { RunSnapshot, StepState } from '../../../engine/src/instrumentation';
import { DEBUG_TYPE, ExecutionStateRequest, StateEvent } from '../../../debug-adapter/src/protocol';
import type { DisplayState, Overlay } from '../graph/messages';

function invokeState(s: StepState): DisplayState {
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

function compensateState(s: StepState): DisplayState {
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

export function toOverlay(
  body: StateEvent.Body | ExecutionStateRequest.Response,
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
    paused: p && step ? { step, action: p.action } : undefined,
    rollback: (rollback ?? ('rollback' in body ? body.rollback : [])).map((name) =>
      rollbackKey(snapshot, name),
    ),
    runState: snapshot.state,
    failed: firstFailed(nodes),
    ended: false,
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

export class RunStates implements vscode.Disposable {
  private readonly byWorkflow = new Map<string, { session: string; overlay: Overlay }>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the workflow id whose overlay changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    this.disposables.push(
      vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
        if (e.session.type !== DEBUG_TYPE || e.event !== StateEvent.event) return;
        const body = e.body as StateEvent.Body;
        this.set(e.session, body.snapshot?.run.workflowId, toOverlay(body));
      }),
      vscode.debug.onDidStartDebugSession((s) => {
        if (s.type !== DEBUG_TYPE) return;
        const wf = (s.configuration as { workflow?: unknown }).workflow;
        if (typeof wf === 'string' && this.byWorkflow.delete(wf)) this.changed.fire(wf);
      }),
      vscode.debug.onDidTerminateDebugSession((s) => {
        for (const [wf, entry] of this.byWorkflow) {
          if (entry.session !== s.id) continue;
          entry.overlay = endedOverlay(entry.overlay);
          this.changed.fire(wf);
        }
      }),
      vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, {
        createDebugAdapterTracker: (session) => ({
          onDidSendMessage: (m: { type?: string; event?: string }) => {
            if (m.type === 'event' && m.event === 'stopped') void this.refresh(session);
          },
        }),
      }),
    );
  }

  overlayFor(workflowId: string): Overlay | null {
    return this.byWorkflow.get(workflowId)?.overlay ?? null;
  }

  /** Asks the adapter for the current snapshot (the state event may lag a stop). */
  async refresh(session: vscode.DebugSession): Promise<void> {
    try {
      const res = (await session.customRequest(
        ExecutionStateRequest.command,
      )) as ExecutionStateRequest.Response;
      const wf = res.snapshot?.run.workflowId;
      const previous = wf ? this.byWorkflow.get(wf)?.overlay.rollback : undefined;
      this.set(session, wf, toOverlay(res, previous));
    } catch {
      // An adapter without executionState, or a session already gone: the events still count.
    }
  }

  private set(
    session: vscode.DebugSession,
    workflowId: string | undefined,
    overlay: Overlay | null,
  ): void {
    if (!overlay || !workflowId) return;
    this.byWorkflow.set(workflowId, { session: session.id, overlay });
    this.changed.fire(workflowId);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
