// Extension host: what the client tells our adapter about the JavaScript session of a workflow
// session (issue 11), decided from the DAP messages js-debug exchanges with VS Code. Pure (timers
// injected) so unit tests drive it; stepCode.ts feeds it from a debug adapter tracker.
//
// Each report is a custom request that crosses the workbench and our adapter, so stepping a
// handler's lines sends as few as it can, none of them between F10 and js-debug's `stopped`:
// - Step Over / Step Into: 'resumed' waits RESUME_TOLD_AFTER_MS; the stop that usually follows
//   first makes it needless: that 'paused' says it came after a resume.
// - Stopped: 'paused' waits for the views' first stack answer and carries its frames (the step
//   whose code is paused), or goes without after PAUSED_TOLD_AFTER_MS.
// Continue and Step Out are told at once: the adapter's next boundary depends on them.
import type {
  JavaScriptFrame,
  JavaScriptSessionRequest,
} from '../../../shared/protocol/debugProtocol';

/** A step that has not stopped by then left the handler (the adapter holds the boundary it
 * reaches until it hears 'resumed'). */
export const RESUME_TOLD_AFTER_MS = 40;
/** VS Code asks for the stack at once after a stop; a view that does not still gets the report. */
export const PAUSED_TOLD_AFTER_MS = 150;

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const nodeTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

type Tell = (args: JavaScriptSessionRequest.Arguments) => void;

export class JavaScriptReports {
  /** Paused, as far as the adapter was told or is about to be. */
  private paused = false;
  /** A stop not told yet: waiting for the views' stack. */
  private pausedTimer?: unknown;
  /** That stop ended a Step Over / Step Into whose 'resumed' was never told. */
  private afterResume = false;
  /** A Step Over / Step Into not told yet. */
  private resumeTimer?: unknown;

  constructor(
    private readonly tell: Tell,
    private readonly timers: Timers = nodeTimers,
  ) {}

  /** VS Code sends `command` to the JavaScript session. */
  request(command: string | undefined): void {
    const how = command === 'continue' ? 'continue' : command === 'stepOut' ? 'stepOut' : undefined;
    if (!how && command !== 'next' && command !== 'stepIn') return;
    this.flushPaused();
    this.paused = false;
    this.cancelResume();
    if (how) {
      this.tell({ kind: 'resumed', how });
      return;
    }
    this.resumeTimer = this.timers.set(() => {
      this.resumeTimer = undefined;
      this.tell({ kind: 'resumed', how: 'other' });
    }, RESUME_TOLD_AFTER_MS);
  }

  /** js-debug sent `stopped`. */
  stopped(): void {
    const afterResume = this.cancelResume();
    this.flushPaused();
    this.paused = true;
    this.afterResume = afterResume;
    this.pausedTimer = this.timers.set(() => this.flushPaused(), PAUSED_TOLD_AFTER_MS);
  }

  /** The views' stack request was answered with `frames` (in pieces, top first). */
  stack(frames: JavaScriptFrame[]): void {
    if (!this.paused || frames.length === 0) return;
    if (this.pausedTimer !== undefined) {
      this.timers.clear(this.pausedTimer);
      this.pausedTimer = undefined;
      this.tell(this.pausedReport(frames));
    } else this.tell({ kind: 'located', frames });
  }

  /** The JavaScript session ended. */
  exit(): void {
    this.flushPaused();
    const wasRunning = this.cancelResume();
    if (this.paused || wasRunning) this.tell({ kind: 'resumed', how: 'other' });
    this.paused = false;
  }

  private flushPaused(): void {
    if (this.pausedTimer === undefined) return;
    this.timers.clear(this.pausedTimer);
    this.pausedTimer = undefined;
    this.tell(this.pausedReport());
  }

  private pausedReport(frames?: JavaScriptFrame[]): JavaScriptSessionRequest.Arguments {
    const resumed = this.afterResume;
    this.afterResume = false;
    return { kind: 'paused', ...(frames && { frames }), ...(resumed && { resumed }) };
  }

  /** true when a 'resumed' was waiting. */
  private cancelResume(): boolean {
    if (this.resumeTimer === undefined) return false;
    this.timers.clear(this.resumeTimer);
    this.resumeTimer = undefined;
    return true;
  }
}
