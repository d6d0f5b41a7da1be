// Extension host: follows medusa-workflow debug sessions (the adapter's `medusaWorkflows.state`
// events, and `executionState` on each stop) and keeps, per workflow id, the overlay the graph
// view draws. The last state of a finished session stays visible, marked ended.
import * as vscode from 'vscode';
import type { RunSnapshot, StepSnapshot, StepState } from '../../../engine/src/instrumentation';
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

function addSteps(out: Overlay['nodes'], steps: StepSnapshot[], prefix: string): void {
  for (const s of steps) {
    const key = prefix ? `${prefix}::${s.step}` : s.step;
    // A step without a compensation has nothing to undo: its rollback shows as skipped.
    const compensate =
      s.noCompensation && s.compensate.state !== 'failed'
        ? 'skipped'
        : compensateState(s.compensate.state);
    out[key] = { invoke: invokeState(s.invoke.state), compensate };
    if (s.child) addSteps(out, s.child.steps, key);
  }
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

export function toOverlay(
  body: StateEvent.Body | ExecutionStateRequest.Response,
  rollback?: string[],
): Overlay | null {
  const snapshot = body.snapshot;
  if (!snapshot) return null;
  const nodes: Overlay['nodes'] = {};
  addSteps(nodes, snapshot.steps, '');
  const p = body.paused;
  const step = p ? pausedKey(snapshot, p.workflowId, p.step) : undefined;
  return {
    nodes,
    paused: p && step ? { step, action: p.action } : undefined,
    rollback: rollback ?? ('rollback' in body ? body.rollback : []),
    runState: snapshot.state,
    ended: false,
  };
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
          entry.overlay = { ...entry.overlay, ended: true, paused: undefined };
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
