// Debug adapter: when the graph hears that the JavaScript session paused or went on (issue 11).
// Each Step Over inside a handler makes the client report 'resumed', 'paused' and 'located'
// within milliseconds, all about the same step: the overlay changes only when the paused step
// does, and "running again" is told once it has lasted a moment, so stepping through a handler's
// lines costs no state event (each is a whole snapshot, redrawn by the graph). Used by controller.ts.

/** How long the JavaScript session must run before the graph stops showing its step paused. */
export const RUNNING_AFTER_MS = 150;

export interface PausedAt {
  step: string;
  action: string;
  workflowId: string;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const nodeTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const keyOf = (p: PausedAt | undefined): string | undefined =>
  p && `${p.workflowId}\u0000${p.step}\u0000${p.action}`;

export class PausedStates {
  /** The paused step of the last state event sent (undefined: none shown). */
  private shown?: string;
  private pending?: unknown;

  constructor(
    private readonly current: () => PausedAt | undefined,
    private readonly send: () => void,
    private readonly timers: Timers = nodeTimers,
  ) {}

  /** A state event went out (for any reason) showing `paused`. */
  sent(paused: PausedAt | undefined): void {
    this.shown = keyOf(paused);
    this.cancel();
  }

  /** The JavaScript session paused, went on, or said where it is. */
  changed(): void {
    const now = keyOf(this.current());
    if (now === this.shown) {
      this.cancel();
      return;
    }
    if (now !== undefined) {
      this.send();
      return;
    }
    this.pending ??= this.timers.set(() => {
      this.pending = undefined;
      if (keyOf(this.current()) !== this.shown) this.send();
    }, RUNNING_AFTER_MS);
  }

  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.pending === undefined) return;
    this.timers.clear(this.pending);
    this.pending = undefined;
  }
}
