// One run's state: a step record per plan step (field names as Medusa's TransactionStep, so
// event callbacks see familiar objects), stored responses, errors, and the run flow state.
import type { RunState, StepState, StepStatus } from '../instrumentation';
import type { WorkflowOptions } from './definition';
import type { Plan } from './scheduling';
import type { ResolveContext } from './resolve';

export interface StepRecordState {
  state: StepState;
  status: StepStatus;
}

export class StepRecord {
  invoke: StepRecordState = { state: 'not_started', status: 'idle' };
  compensate: StepRecordState = { state: 'dormant', status: 'idle' };
  attempts = 0;
  failures = 0;
  lastAttempt: number | null = null;
  startedAt?: number;
  timedOutAt?: number;
  stepFailed = false;
  saveResponse: boolean;
  /** Instrumentation-facing data (snapshot). */
  input?: unknown;
  compensateInput?: unknown;
  error?: unknown;
  compensateError?: unknown;
  child?: unknown;
  retryTimer?: unknown;
  /** An async step whose invoke returned a StepResponse completes on its own. */
  background?: boolean;
  /** Invoke attempts made before compensation reset the counter. */
  invokeAttempts?: number;

  constructor(
    readonly index: number,
    readonly id: string,
    readonly depth: number,
    readonly definition: Record<string, unknown> & { action: string },
    readonly next: string[],
  ) {
    this.saveResponse = (definition.saveResponse as boolean | undefined) ?? true;
  }

  getStates(): StepRecordState {
    return this.stepFailed ? this.compensate : this.invoke;
  }
  isCompensating(): boolean {
    return this.stepFailed;
  }
  isInvoking(): boolean {
    return !this.stepFailed;
  }
}

export interface FlowState {
  modelId: string;
  transactionId: string;
  runId: string;
  state: RunState;
  options: WorkflowOptions;
  metadata: Record<string, unknown>;
  steps: Record<string, StepRecord>;
  startedAt?: number;
  cancelledAt?: number;
  timedOutAt: number | null;
  hasAsyncSteps: boolean;
  hasFailedSteps: boolean;
  hasSkippedSteps: boolean;
  hasSkippedOnFailureSteps: boolean;
  hasWaitingSteps: boolean;
  hasRevertedSteps: boolean;
}

/** Medusa's shape: `action` is the step's name here. */
export interface TransactionError {
  action: string;
  handlerType: 'invoke' | 'compensate';
  error: unknown;
}

/** Links a transaction to its run (symbol key: invisible to users and JSON). */
export const RUN_LINK = Symbol('medusa-workflows.run');

export class Transaction {
  [RUN_LINK]: unknown = undefined;
  readonly records: StepRecord[];
  readonly flow: FlowState;
  readonly context: ResolveContext;
  errors: TransactionError[] = [];
  readonly temporary = new Map<string, unknown>();

  constructor(
    readonly plan: Plan,
    readonly modelId: string,
    readonly transactionId: string,
    readonly runId: string,
    payload: unknown,
    options: WorkflowOptions,
    metadata: Record<string, unknown>,
  ) {
    const records = plan.steps.map(
      (s, i) => new StepRecord(i, s.id, s.depth, s.definition, s.next),
    );
    this.records = records;
    this.flow = {
      modelId,
      transactionId,
      runId,
      state: 'not_started',
      options,
      metadata,
      get steps(): Record<string, StepRecord> {
        const byId: Record<string, StepRecord> = {};
        for (const r of records) byId[r.id] = r;
        return byId;
      },
      timedOutAt: null,
      hasAsyncSteps: plan.hasAsyncSteps,
      hasFailedSteps: false,
      hasSkippedSteps: false,
      hasSkippedOnFailureSteps: false,
      hasWaitingSteps: false,
      hasRevertedSteps: false,
    };
    this.context = { payload, invoke: {}, compensate: {}, cache: this.temporary };
    Object.defineProperty(this.context, 'cache', { enumerable: false });
  }

  get payload(): unknown {
    return this.context.payload;
  }
  getFlow(): FlowState {
    return this.flow;
  }
  getContext(): ResolveContext {
    return this.context;
  }
  getState(): RunState {
    return this.flow.state;
  }
  getErrors(handlerType?: 'invoke' | 'compensate'): TransactionError[] {
    return handlerType === undefined
      ? this.errors
      : this.errors.filter((e) => e.handlerType === handlerType);
  }
  addError(step: string, handlerType: 'invoke' | 'compensate', error: unknown): void {
    this.errors.push({ action: step, handlerType, error });
  }
  addResponse(step: string, handlerType: 'invoke' | 'compensate', response: unknown): void {
    this.context[handlerType][step] = response;
  }
  hasFinished(): boolean {
    const s = this.flow.state;
    return s === 'done' || s === 'reverted' || s === 'failed';
  }
  get isPartiallyCompleted(): boolean {
    return this.flow.hasFailedSteps || this.flow.hasSkippedSteps;
  }
  hasTimeout(): boolean {
    return !!this.flow.options.timeout;
  }
  getTimeout(): number | undefined {
    return this.flow.options.timeout;
  }
  hasTemporaryData(key: string): boolean {
    return this.temporary.has(key);
  }
  getTemporaryData(key: string): unknown {
    return this.temporary.get(key);
  }
  setTemporaryData(key: string, value: unknown): void {
    this.temporary.set(key, value);
  }
}
