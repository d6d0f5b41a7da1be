// Watches one CLI run through the engine's events: its end, the failures that explain it, the
// async steps it waits on, and when a run that `run()` left `invoking` has come to rest.
import type { EngineEvent, StepAction } from '../engine/src/instrumentation';
import type { WaitingStep } from '../shared/medusa/stepResponse';

export type RunEnd = Extract<EngineEvent, { type: 'run.end' }>;

export interface Failure {
  step: string;
  action: StepAction;
  message: string;
}

export class RunObserver {
  end: RunEnd | undefined;
  readonly failures: Failure[] = [];
  /** Steps begun and not yet settled, and steps waiting for an external response. */
  private readonly running = new Set<string>();
  private readonly waiting = new Map<string, WaitingStep>();
  private rest: (() => void) | undefined;

  /** Names of the steps the run waits on (registerStepSuccess/Failure). */
  get awaiting(): string[] {
    return [...this.waiting.values()].map((s) => s.step);
  }

  /** The steps the run waits on, as setStepSuccess / setStepFailure name them. */
  get waitingSteps(): WaitingStep[] {
    return [...this.waiting.values()];
  }

  onEvent(event: EngineEvent): void {
    switch (event.type) {
      case 'run.end':
        if (event.run.parents.length === 0) this.end = event;
        break;
      case 'step.begin':
        this.running.add(keyOf(event));
        break;
      case 'step.awaiting':
        this.running.delete(keyOf({ ...event, action: 'invoke' }));
        this.waiting.set(keyOf({ ...event, action: 'invoke' }), {
          step: event.step,
          action: 'invoke',
          workflowId: event.run.workflowId,
          transactionId: event.run.transactionId,
        });
        break;
      case 'step.success':
      case 'step.failure':
        this.running.delete(keyOf(event));
        this.waiting.delete(keyOf(event));
        if (event.type === 'step.failure' && !event.willRetry) {
          const message = event.error.message.split('\n')[0] ?? '';
          this.failures.push({ step: event.step, action: event.action, message });
        }
        break;
    }
    if (this.rest && this.atRest()) this.rest();
  }

  /**
   * Resolves when the run has ended, or when no step runs any more and some step waits for a
   * response. Async steps settle after `run()` returned, as in Medusa.
   */
  untilAtRest(): Promise<void> {
    if (this.atRest()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.rest = () => {
        this.rest = undefined;
        resolve();
      };
    });
  }

  private atRest(): boolean {
    return this.end !== undefined || (this.running.size === 0 && this.waiting.size > 0);
  }
}

function keyOf(e: { run: { transactionId: string }; step: string; action: StepAction }): string {
  return `${e.run.transactionId}\0${e.step}\0${e.action}`;
}
