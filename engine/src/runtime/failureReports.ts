// Failures handed to instrumentation's `afterFailure` hook (the debugger pauses there), in the
// order they were recorded; used by runtime/run.ts and runtime/waves.ts only.
import type { Instrumentation, StepFailure } from '../instrumentation';

export class FailureReports {
  /** Failures recorded but not yet handed to `afterFailure` (only with that hook). */
  private recorded: StepFailure[] | undefined;
  /** Reports in progress outside a wave (async steps): the run waits for them. */
  private holding: Set<Promise<void>> | undefined;

  constructor(private readonly ins: Instrumentation | undefined) {}

  /** A failure was recorded and its event sent; the hook runs at the next report. */
  record(failure: StepFailure): void {
    (this.recorded ??= []).push(failure);
  }

  /** Something to report or a report still in progress: the run must settle it first. */
  get pending(): boolean {
    return this.recorded !== undefined || this.holding !== undefined;
  }

  get hasRecorded(): boolean {
    return this.recorded !== undefined;
  }

  /** Hands the recorded failures to `afterFailure`, in order; settles when every hook has. */
  async report(): Promise<void> {
    const list = this.recorded;
    this.recorded = undefined;
    if (!list) return;
    for (const f of list) {
      try {
        await this.ins?.afterFailure?.(f);
      } catch {
        // observers must not break the run
      }
    }
  }

  /** Keeps the run from moving on (rollback, retries) until an async step's report settled. */
  async hold(report: Promise<void>): Promise<void> {
    const held = (this.holding ??= new Set());
    held.add(report);
    try {
      await report;
    } finally {
      held.delete(report);
      if (held.size === 0 && this.holding === held) this.holding = undefined;
    }
  }

  /** Before the next wave: reports failures recorded outside a wave (timeouts, registered
   * failures) and waits for the reports in progress. */
  async settle(): Promise<void> {
    if (this.recorded) await this.report();
    while (this.holding) await Promise.all(this.holding);
  }
}
