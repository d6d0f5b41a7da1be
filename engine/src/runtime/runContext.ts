// Runtime, types only: what the run's helpers (waves, outcomes, handlers, timeouts, timers) use of
// the run they work on. run.ts's Run has all of it; the helpers import this instead of run.ts, so
// the runtime's files import each other one way only (run.ts on top of its helpers).
import type { Clock } from '../clock';
import type {
  Instrumentation,
  RunFrame,
  StepAction,
  StepFailure,
  StepState,
} from '../instrumentation';
import type { Container } from './container';
import type { WorkflowDefinition } from './definition';
import type { EventName } from './events';
import type { FailureReports } from './failureReports';
import type { StepRecord, Transaction } from './transaction';

export interface RunContext {
  readonly def: WorkflowDefinition;
  readonly tx: Transaction;
  context: Record<string, unknown>;
  readonly clock: Clock;
  readonly ins?: Instrumentation;
  readonly frame?: RunFrame;
  /** The API call in progress: background steps settle after it returns. */
  call?: { returned: Promise<void>; done(): void };
  readonly failures: FailureReports;
  readonly timers: { watchStepTimeout(run: RunContext, rec: StepRecord): void };
  emit(name: EventName, step?: StepRecord): void;
  notify(event: Parameters<NonNullable<Instrumentation['onEvent']>>[0]): void;
  /** Runs waves until the run finishes or only waits on async steps. */
  drive(): Promise<void>;
  currentSteps(): StepRecord[];
  containerFor(step: string, action: StepAction): Container;
  setInvokeState(rec: StepRecord, state: StepState): void;
  setCompState(rec: StepRecord, state: StepState): void;
  setStepFailure(
    rec: StepRecord,
    error: unknown,
    maxRetries: number,
    isTimeout?: boolean,
    timeoutError?: unknown,
  ): void;
  scheduleRetry(rec: StepRecord): void;
  failureRecorded(failure: StepFailure): void;
}
