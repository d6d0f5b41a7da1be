// Debug adapter: the controller's side of "debugStepCode" (issue 11). Which step's code runs
// (the graph shows it while JavaScript is paused, parallel steps included), boundaries held until
// the client says how a paused handler was resumed, and Step Into's way into the handler. Used by
// controller.ts; the JavaScript session's handshake is stepCode.ts.
import { resolve } from 'node:path';
import type { RunFrame } from '../../engine/src/instrumentation';
import type { Location } from '../../server/src/analysis/index';
import type { WireBoundary } from './ipc';
import type { JavaScriptFrame, JavaScriptSessionRequest } from './protocol';
import type { RunnerProcess } from './runnerProcess';
import { StepCodeSession, type StepCodePort } from './stepCode';
import type { StepLocations } from './stepLocations';

const key = (run: RunFrame, step: string): string => `${run.transactionId}\u0000${step}`;

export class StepCodeMode {
  private readonly session: StepCodeSession;
  /** Step boundaries let through whose step has not ended: their code may be running. */
  private readonly inCode = new Map<string, WireBoundary>();
  private last?: WireBoundary;

  constructor(
    port: StepCodePort,
    private readonly locations: () => StepLocations | undefined,
  ) {
    this.session = new StepCodeSession(port);
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

  /** The workflow stopped at a boundary. */
  stopped(): void {
    this.session.notPaused();
  }

  released(b: WireBoundary): void {
    if (b.kind !== 'step') return;
    this.inCode.set(key(b.run, b.step), b);
    this.last = b;
  }

  ended(run: RunFrame, step: string): void {
    this.inCode.delete(key(run, step));
  }

  /** The step whose code the JavaScript session is paused in: the innermost frame inside a
   * running step's handler decides; the step let through last when no frame tells. */
  pausedIn(): WireBoundary | undefined {
    if (!this.session.paused) return undefined;
    const running = [...this.inCode.values()];
    for (const frame of this.session.frames) {
      const found = running.filter((b) => holds(this.handlerOf(b), frame));
      if (found.length > 0) return found.find((b) => b === this.last) ?? found[0];
    }
    return this.last;
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
