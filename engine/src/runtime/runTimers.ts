// Timers of one run on its clock: retry intervals (the run sleeps until one fires), and the
// timeouts of a run that waits on async steps. Used by runtime/run.ts only.
import type { Clock } from '../clock';
import { checkTransactionTimeout, handleExpiration } from './timeouts';
import type { RunContext } from './runContext';
import type { StepRecord } from './transaction';

export class RunTimers {
  /** Retry timers not yet fired: while any is, the run sleeps instead of returning. */
  pendingRetries = 0;
  private wake: (() => void) | undefined;
  /** Timeouts of an awaiting run; cleared when the run ends. */
  private readonly watchers: unknown[] = [];

  constructor(private readonly clock: Clock) {}

  /** Resolves when a retry timer fires. */
  sleep(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve));
  }

  /** Calls `due` after `retryInterval` seconds from the step's last attempt. */
  retryAfter(rec: StepRecord, interval: number, due: () => void): void {
    const at = (rec.lastAttempt ?? 0) + interval * 1e3;
    this.pendingRetries++;
    rec.retryTimer = this.clock.setTimeout(
      () => {
        rec.retryTimer = undefined;
        this.pendingRetries--;
        due();
        const wake = this.wake;
        this.wake = undefined;
        wake?.();
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  /** An awaiting async step with a `timeout` times out when the time passes (no response yet). */
  watchStepTimeout(run: RunContext, rec: StepRecord): void {
    const seconds = rec.definition.timeout as number | undefined;
    if (!seconds || rec.stepFailed) return;
    this.watch((rec.startedAt ?? this.clock.now()) + seconds * 1e3 + 1, () => {
      if (run.tx.hasFinished() || rec.invoke.status !== 'waiting_response') return;
      handleExpiration(run, rec, [rec.index]);
      void run.drive();
    });
  }

  /** A run with async steps times out while it waits (Medusa schedules this in its storage). */
  watchRunTimeout(run: RunContext): void {
    const at = (run.tx.flow.startedAt ?? 0) + (run.tx.getTimeout() ?? 0) * 1e3 + 1;
    this.watch(at, () => {
      if (run.tx.hasFinished()) return;
      if (checkTransactionTimeout(run, run.currentSteps())) void run.drive();
    });
  }

  clearWatchers(): void {
    for (const w of this.watchers) this.clock.clearTimeout(w);
    this.watchers.length = 0;
  }

  private watch(at: number, fn: () => void): void {
    this.watchers.push(this.clock.setTimeout(fn, Math.max(0, at - this.clock.now())));
  }
}
