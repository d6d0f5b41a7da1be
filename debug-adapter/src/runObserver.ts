// Debug adapter: follows the engine events the runner forwards: the latest run snapshot, the
// compensations in the order they ran, the end of the top-level run, running steps (threads),
// and the start of a rollback that the "Rollback started" filter turns into a stop. Failures stop
// where they happen: the runner pauses at a `failure` boundary, described by `failureStop`.
import type { ExceptionFilter } from './breakpoints';
import type { WireBoundary, WireEvent } from './ipc';
import type { RunFrame, RunSnapshot } from '../../engine/src/instrumentation';
import type { ExceptionStop } from './stepper';
import type { RunEnd } from './summary';
import type { ThreadRegistry } from './threads';

export interface ObserverPort {
  filterOn(filter: ExceptionFilter): boolean;
  exception(stop: ExceptionStop): void;
  /** A step's invoke or compensation has ended (succeeded, failed or was skipped). */
  stepEnded(run: RunFrame, step: string): void;
}

export class RunObserver {
  snapshot: RunSnapshot | null = null;
  readonly rollback: string[] = [];
  end?: RunEnd;
  /** The engine's or the container's error when they refused the run (a runner `runError`). */
  refused?: string;

  constructor(
    private readonly threads: ThreadRegistry,
    private readonly port: ObserverPort,
  ) {}

  /** Takes one event in; returns the run's end when the top-level run just ended. */
  observe(e: WireEvent, snapshot: RunSnapshot | undefined): RunEnd | undefined {
    if (snapshot) this.snapshot = snapshot;
    const nested = e.run.parents.length > 0;
    const name = e.step !== undefined && nested ? `${e.run.workflowId} › ${e.step}` : e.step;
    switch (e.type) {
      case 'step.begin':
        if (e.step !== undefined) this.threads.began(e.run, e.step);
        if (e.action === 'compensate' && name) this.rollback.push(name);
        return undefined;
      case 'step.success':
      case 'step.skipped':
      case 'step.failure':
        if (e.step === undefined) return undefined;
        this.threads.ended(e.run, e.step);
        this.port.stepEnded(e.run, e.step);
        return undefined;
      case 'compensation.begin':
        if (this.port.filterOn('rollbackStarted')) {
          const text = `Rollback started in ${e.run.workflowId}`;
          this.port.exception({ filter: 'rollbackStarted', label: 'Rollback started', text });
        }
        return undefined;
      case 'run.end':
        if (nested) return undefined;
        this.end = {
          workflowId: e.run.workflowId,
          state: e.state ?? 'unknown',
          errors: e.errors ?? [],
          rollback: [...this.rollback],
        };
        return this.end;
      default:
        return undefined;
    }
  }
}

/** The exception stop at a `failure` boundary, when its filter is on; undefined otherwise. */
export function failureStop(
  b: WireBoundary,
  filterOn: (filter: ExceptionFilter) => boolean,
): ExceptionStop | undefined {
  if (b.kind !== 'failure') return undefined;
  const name = b.run.parents.length > 0 ? `${b.run.workflowId} › ${b.step}` : b.step;
  const message = b.failure?.message ?? 'failed';
  if (b.action === 'invoke') {
    if (!filterOn('stepFailed')) return undefined;
    const retry = b.failure?.willRetry ? ' (it will be retried)' : '';
    const text = `Step "${name}" failed${retry}: ${message}`;
    return { filter: 'stepFailed', label: 'Step failed', text };
  }
  if (!filterOn('compensationFailed')) return undefined;
  const text = `Compensation of "${name}" failed: ${message}`;
  return { filter: 'compensationFailed', label: 'Compensation failed', text };
}
