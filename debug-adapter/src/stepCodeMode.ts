// Debug adapter: the controller's side of "debugStepCode" (issue 11). Which step's code runs
// (the graph shows it while JavaScript is paused, parallel steps included), boundaries held until
// the client says how a paused handler was resumed, and Step Into's way into the handler. Used by
// controller.ts; the JavaScript session's handshake is stepCode.ts.
import { ContinuedEvent, Event, StoppedEvent } from '@vscode/debugadapter';
import { resolve } from 'node:path';
import type { RunFrame } from '../../engine/src/instrumentation';
import type { Location } from '../../server/src/analysis/index';
import type { WireBoundary } from './ipc';
import {
  ResumeJavaScriptEvent,
  type JavaScriptFrame,
  type JavaScriptSessionRequest,
} from './protocol';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { RunnerProcess } from './runnerProcess';
import { StepCodeSession, type StepCodePort } from './stepCode';
import type { StepLocations } from './stepLocations';

const key = (run: RunFrame, step: string): string => `${run.transactionId}\u0000${step}`;

/** VS Code moves the focus off a stepped thread that has not stopped again within 800 ms. */
export const HIDE_RUNNING_AFTER_MS = 500;

/** The stop reason VS Code shows on the workflow thread ("Paused on step code"). */
export const IN_STEP_CODE_REASON = 'step code';

export interface StepCodeModePort extends StepCodePort {
  threadOf(b: WireBoundary): number;
}

export class StepCodeMode {
  private readonly session: StepCodeSession;
  /** Step boundaries let through whose step has not ended: their code may be running. */
  private readonly inCode = new Map<string, WireBoundary>();
  private last?: WireBoundary;
  /** The step whose thread is shown stopped (its workflow frames) while JavaScript is paused. */
  private shown?: WireBoundary;
  private hideTimer?: NodeJS.Timeout;

  constructor(
    private readonly port: StepCodeModePort,
    private readonly locations: () => StepLocations | undefined,
  ) {
    this.session = new StepCodeSession({
      sendEvent: (e) => port.sendEvent(e),
      resumed: (how) => {
        this.hide();
        port.resumed(how);
      },
      pausedChanged: () => {
        this.pausedChanged();
        port.pausedChanged();
      },
    });
  }

  attach(child: RunnerProcess): Promise<void> {
    return this.session.attach(child);
  }

  onInspecting(url: string): void {
    this.session.onInspecting(url);
  }

  fromClient(args: JavaScriptSessionRequest.Arguments): void {
    this.session.fromClient(args);
  }

  /** See StepCodeSession.whenRunning: boundaries wait while the JavaScript session is paused. */
  whenRunning(go: () => void): void {
    this.session.whenRunning(go);
  }

  /** The workflow stopped at a boundary (every thread is shown stopped by that stop). */
  stopped(): void {
    this.session.notPaused();
    this.shown = undefined;
  }

  /** While JavaScript is paused in a step's code, that step's thread stops too, without taking
   * the focus: the Call Stack shows the workflow's frames above the JavaScript ones. */
  showPaused(): void {
    const b = this.pausedIn(true);
    if (!b || b === this.shown) return;
    this.hide();
    this.shown = b;
    const ev: DebugProtocol.StoppedEvent = new StoppedEvent(
      IN_STEP_CODE_REASON,
      this.port.threadOf(b),
    );
    ev.body.preserveFocusHint = true;
    ev.body.allThreadsStopped = false;
    ev.body.description = `Paused in the code of step "${b.step}" (${b.action})`;
    this.port.sendEvent(ev);
  }

  /** The JavaScript session paused or went on. Running on for HIDE_RUNNING_AFTER_MS, its step's
   * thread stops being shown stopped: else, when the stepped JavaScript thread has not stopped
   * again within 800 ms (a slow line, a busy machine), VS Code moves the focus to that still
   * stopped thread, and the next stop in the handler does not take it back. Not at once: each
   * line stepped would cost a continued and a stopped event, and the views' refresh. */
  private pausedChanged(): void {
    if (this.session.paused) {
      clearTimeout(this.hideTimer);
      this.hideTimer = undefined;
      return;
    }
    this.hideTimer ??= setTimeout(() => {
      this.hideTimer = undefined;
      if (!this.session.paused) this.hide();
    }, HIDE_RUNNING_AFTER_MS).unref();
  }

  private hide(): void {
    const b = this.shown;
    this.shown = undefined;
    if (b) this.port.sendEvent(new ContinuedEvent(this.port.threadOf(b), false));
  }

  /** The boundary whose frames thread `threadId` shows while JavaScript is paused. */
  shownOn(threadId: number): WireBoundary | undefined {
    return this.shown && this.port.threadOf(this.shown) === threadId ? this.shown : undefined;
  }

  /** Continue or a step on that thread: passed on to the JavaScript session. false when no thread
   * is shown (the request is the workflow's own). */
  resumeShown(how: ResumeJavaScriptEvent.Body['how']): boolean {
    if (!this.shown) return false;
    this.shown = undefined;
    const body: ResumeJavaScriptEvent.Body = { how };
    this.port.sendEvent(new Event(ResumeJavaScriptEvent.event, body));
    return true;
  }

  released(b: WireBoundary): void {
    if (b.kind !== 'step') return;
    this.inCode.set(key(b.run, b.step), b);
    this.last = b;
  }

  ended(run: RunFrame, step: string): void {
    this.inCode.delete(key(run, step));
    if (this.shown && key(this.shown.run, this.shown.step) === key(run, step)) this.hide();
  }

  /** The step whose code the JavaScript session is paused in: the innermost frame inside a
   * running step's handler decides; else the step let through last (`sure`: only when it is the
   * only one running). */
  pausedIn(sure = false): WireBoundary | undefined {
    if (!this.session.paused) return undefined;
    const running = [...this.inCode.values()];
    for (const frame of this.session.frames) {
      const found = running.filter((b) => holds(this.handlerOf(b), frame));
      if (found.length > 0) return found.find((b) => b === this.last) ?? found[0];
    }
    return !sure || running.length === 1 ? this.last : undefined;
  }

  private handlerOf(b: WireBoundary): Location | undefined {
    return this.locations()?.stepFrame(b.run.workflowId, b.step, b.action);
  }

  /** Step Into at `b`: a one-shot breakpoint on the handler's first line, then `go` (which
   * resumes, so the JavaScript session stops there). Without a handler, `go` at once. */
  stepInto(b: WireBoundary, go: () => void): void {
    const loc = b.kind === 'step' ? this.handlerOf(b) : undefined;
    if (!loc) {
      go();
      return;
    }
    const { start, end } = loc.span;
    const line = end.line > start.line ? start.line + 1 : start.line;
    // If that breakpoint does not bind, Step Into still stops at the next boundary.
    void this.session.armStepInto(loc.file, line).then(go);
  }
}

function holds(loc: Location | undefined, frame: JavaScriptFrame): boolean {
  if (!loc || resolve(loc.file) !== resolve(frame.path)) return false;
  const line = frame.line - 1;
  return loc.span.start.line <= line && line <= loc.span.end.line;
}
