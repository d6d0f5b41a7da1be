// Extension host: follows medusa-workflow debug sessions (the adapter's `medusaWorkflows.state`
// events, and `executionState` on each stop) and keeps, per workflow id, the overlay the graph
// view draws. The last state of a finished session is kept, marked ended (the view hides it
// until asked to show the last run).
import * as vscode from 'vscode';
import {
  DEBUG_TYPE,
  ExecutionStateRequest,
  StateEvent,
} from '../../../shared/protocol/debugProtocol';
import type { RunSnapshot } from '../../../engine/src/instrumentation';
import { applyRun } from '../../../shared/protocol/snapshotDelta';
import type { Overlay } from '../graph/messages';
import { endedOverlay, toOverlay } from './overlayModel';

export class RunStates implements vscode.Disposable {
  private readonly byWorkflow = new Map<string, { session: string; overlay: Overlay }>();
  /** Per session, the run snapshot its state events have built so far (they carry deltas). */
  private readonly held = new Map<string, RunSnapshot>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the workflow id whose overlay changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    this.disposables.push(
      vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
        if (e.session.type !== DEBUG_TYPE || e.event !== StateEvent.event) return;
        const { delta, ...rest } = e.body as StateEvent.Body;
        let snapshot: RunSnapshot;
        try {
          snapshot = applyRun(this.held.get(e.session.id), delta);
        } catch {
          // A delta without its base (events missed): the next stop's refresh brings it whole.
          this.held.delete(e.session.id);
          return;
        }
        this.held.set(e.session.id, snapshot);
        this.set(e.session, snapshot.run.workflowId, toOverlay({ ...rest, snapshot }));
      }),
      vscode.debug.onDidStartDebugSession((s) => {
        if (s.type !== DEBUG_TYPE) return;
        const wf = (s.configuration as { workflow?: unknown }).workflow;
        if (typeof wf === 'string' && this.byWorkflow.delete(wf)) this.changed.fire(wf);
      }),
      vscode.debug.onDidTerminateDebugSession((s) => {
        this.held.delete(s.id);
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

  /** Shows a stored execution's states on its workflow's graph, until a session of it starts. */
  showRecord(workflowId: string, overlay: Overlay): void {
    const execution = overlay.recorded?.execution ?? '';
    this.byWorkflow.set(workflowId, { session: `record:${execution}`, overlay });
    this.changed.fire(workflowId);
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
