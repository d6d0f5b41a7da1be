// One transaction run, exactly like Medusa's TransactionOrchestrator: it asks the scheduler
// (runtime/scheduling.ts) for the next wave, runs it (runtime/waves.ts), and repeats until the
// run settles or only waits on async steps. Used by runtime/runner.ts and the runtime's helpers.
import { defer, type Clock } from '../clock';
import type { WorkflowDefinition } from './definition';
import { MedusaError } from '../errors';
import type {
  Instrumentation,
  RunFrame,
  StepAction,
  StepFailure,
  StepState,
} from '../instrumentation';
import type { Container } from './container';
import type { EventName, RunEvents } from './events';
import { FailureReports } from './failureReports';
import { finalRunState, orchestratorFailure, Scheduler, type SchedulingPhase } from './scheduling';
import { RunTimers } from './runTimers';
import { StepContainers } from './stepContainers';
import { checkTransactionTimeout } from './timeouts';
import { setStepFailure, setStepSuccess } from './outcomes';
import type { StepRecord, Transaction } from './transaction';
import { runWave } from './waves';

type Obj = Record<string, unknown>;

export interface RunSetup {
  def: WorkflowDefinition;
  tx: Transaction;
  container: Container;
  context: Obj;
  clock: Clock;
  events?: RunEvents;
  ins?: Instrumentation;
  frame?: RunFrame;
  /** Called once when the run reaches a final state (result resolution, run.end, store cleanup). */
  onFinish?: (run: Run) => void;
}

export class Run {
  readonly def: WorkflowDefinition;
  readonly tx: Transaction;
  container: Container;
  context: Obj;
  readonly clock: Clock;
  events?: RunEvents;
  readonly ins?: Instrumentation;
  readonly frame?: RunFrame;
  onFinish?: (run: Run) => void;
  /** The API call (run, registerStepSuccess, ...) in progress: background steps settle after it returns. */
  call?: { returned: Promise<void>; done(): void };
  /** Step-level callbacks of earlier calls on this same transaction object (Medusa keeps them). */
  lingering?: RunEvents[];
  /** Decides every wave: which steps start, when compensation may, in which order. */
  readonly scheduler: Scheduler;
  readonly timers: RunTimers;
  /** Failures waiting for instrumentation's `afterFailure` hook. */
  readonly failures: FailureReports;
  private readonly containers = new StepContainers();
  private running = false;
  private dirty = false;

  constructor(setup: RunSetup) {
    this.def = setup.def;
    this.tx = setup.tx;
    this.container = setup.container;
    this.context = setup.context;
    this.clock = setup.clock;
    this.events = setup.events;
    this.ins = setup.ins;
    this.frame = setup.frame;
    this.onFinish = setup.onFinish;
    this.scheduler = new Scheduler(this.tx.plan, this.tx.records);
    this.timers = new RunTimers(this.clock);
    this.failures = new FailureReports(this.ins);
  }

  emit(name: EventName, step?: StepRecord): void {
    const events = this.events;
    if (events?.[name]) events[name]({ transaction: this.tx, step });
    if (this.lingering && step) {
      for (const e of this.lingering) e[name]?.({ transaction: this.tx, step });
    }
  }

  /** Runs one API call; background (async) steps of this run settle only after it returned. */
  async within<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.tx.plan.hasAsyncSteps) return fn();
    let done!: () => void;
    const returned = new Promise<void>((resolve) => (done = resolve));
    const call = { returned, done };
    this.call = call;
    try {
      return await fn();
    } finally {
      defer(this.clock, () => {
        if (this.call === call) this.call = undefined;
        call.done();
      });
    }
  }

  /** A new call takes over the callbacks; `keepStepEvents` when it works on the same object. */
  subscribe(events: RunEvents | undefined, keepStepEvents: boolean): void {
    if (keepStepEvents && this.events) (this.lingering ??= []).push(this.events);
    else if (!keepStepEvents) this.lingering = undefined;
    this.events = events;
  }

  /** Starts the run: state invoking, onBegin, then waves until it settles or waits. */
  async start(): Promise<void> {
    const flow = this.tx.flow;
    flow.state = 'invoking';
    flow.startedAt = this.clock.now();
    if (this.ins) this.notify({ type: 'run.begin', run: this.frame! });
    this.emit('onBegin');
    // Medusa's orchestrator fails here, on its first look at the steps (a '.' in a step's name).
    const unrunnable = orchestratorFailure(this.tx.plan);
    if (unrunnable) throw unrunnable;
    if (this.tx.hasTimeout() && this.tx.plan.hasAsyncSteps) this.timers.watchRunTimeout(this);
    await this.drive();
  }

  /** Runs waves until the run finishes, or only waits on async steps; sleeps through retry timers. */
  async drive(): Promise<void> {
    for (;;) {
      await this.executeNext();
      if (this.tx.hasFinished() || this.timers.pendingRetries === 0) return;
      await this.timers.sleep();
    }
  }

  async executeNext(): Promise<void> {
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = true;
    try {
      for (;;) {
        this.dirty = false;
        if (this.tx.hasFinished()) return;
        if (this.failures.pending) {
          await this.failures.settle();
          continue;
        }
        const flow = this.tx.flow;
        let wave = this.scheduler.nextWave(this.phase());
        if (flow.state === 'waiting_to_compensate' && wave.length === 0 && !this.hasWaiting()) {
          this.beginCompensation();
          wave = this.scheduler.nextWave(this.phase());
        }
        if (this.tx.hasTimeout() && checkTransactionTimeout(this, this.currentSteps())) continue;
        if (this.scheduler.isComplete(this.phase())) {
          this.finalize();
          return;
        }
        if (wave.length === 0) {
          if (this.dirty) continue;
          return;
        }
        const settled = runWave(this, wave);
        if (settled) await settled;
      }
    } finally {
      this.running = false;
    }
  }

  private phase(): SchedulingPhase | undefined {
    const state = this.tx.flow.state;
    return state === 'invoking' || state === 'compensating' ? state : undefined;
  }

  private hasWaiting(): boolean {
    const recs = this.tx.records;
    for (let i = 0; i < recs.length; i++)
      if (recs[i]!.getStates().status === 'waiting_response') return true;
    return false;
  }

  /** Internal: the steps a workflow timeout times out (awaiting or about to retry). */
  currentSteps(): StepRecord[] {
    return this.tx.records.filter((r) => {
      const s = r.getStates().status;
      return s === 'waiting_response' || s === 'temp_failure';
    });
  }

  // ---- state transitions -------------------------------------------------------------------

  /** Internal: moves a step's invoke state and tells the scheduler. */
  setInvokeState(rec: StepRecord, state: StepState): void {
    const was = rec.invoke.state;
    rec.invoke.state = state;
    this.scheduler.invokeStateChanged(rec.index, was, state);
  }

  /** Internal: moves a compensate state; a finished compensation may unblock the parent's. */
  setCompState(rec: StepRecord, state: StepState): void {
    rec.compensate.state = state;
    if (state === 'reverted' || state === 'failed') this.scheduler.compensationFinished(rec.index);
  }

  /** Flags the steps the scheduler says to revert (counters reset for their compensation). */
  private beginCompensation(): void {
    const tx = this.tx;
    tx.flow.state = 'compensating';
    const reverting = this.scheduler.toRevert();
    for (const i of reverting) {
      const rec = tx.records[i]!;
      if (!rec.stepFailed) {
        rec.stepFailed = true;
        rec.invokeAttempts = rec.attempts;
        rec.attempts = 0;
        rec.failures = 0;
        rec.lastAttempt = null;
      }
      rec.compensate.state = 'not_started';
    }
    this.scheduler.beginCompensation(reverting);
    if (this.ins) this.notify({ type: 'compensation.begin', run: this.frame! });
    this.emit('onCompensateBegin');
  }

  setStepSuccess(rec: StepRecord, response: unknown): void {
    setStepSuccess(this, rec, response);
  }

  setStepFailure(
    rec: StepRecord,
    error: unknown,
    maxRetries: number,
    isTimeout = false,
    timeoutError?: unknown,
  ): void {
    setStepFailure(this, rec, error, maxRetries, isTimeout, timeoutError);
  }

  /** Internal: an awaiting step is invoked again in the next wave (retryStep). */
  retryNow(rec: StepRecord): void {
    this.scheduler.retryNext(rec.index);
  }

  /** Internal: a temporary failure is retried next wave, or after retryInterval on the clock. */
  scheduleRetry(rec: StepRecord): void {
    const interval = rec.definition.retryInterval as number | undefined;
    if (!interval) this.scheduler.retryNext(rec.index);
    else this.timers.retryAfter(rec, interval, () => this.scheduler.retryNext(rec.index));
  }

  /** Internal: a failure was recorded and its event sent; the hook runs at the next report. */
  failureRecorded(failure: StepFailure): void {
    this.failures.record(failure);
  }

  // ---- end ---------------------------------------------------------------------------------

  private finalize(): void {
    this.timers.clearWatchers();
    const flow = this.tx.flow;
    let hasFailed = false;
    let hasReverted = false;
    for (const rec of this.tx.records) {
      const st = rec.getStates().state;
      if (st === 'skipped_failure') flow.hasSkippedOnFailureSteps = true;
      else if (st === 'skipped') flow.hasSkippedSteps = true;
      else if (st === 'reverted') hasReverted = true;
      else if (st === 'failed' || st === 'timeout') {
        if (rec.definition.continueOnPermanentFailure || rec.definition.skipOnPermanentFailure) {
          flow.hasFailedSteps = true;
        } else hasFailed = true;
      }
    }
    flow.hasRevertedSteps = hasReverted;
    flow.state = finalRunState(hasFailed, hasReverted);
    this.emit('onFinish');
    this.onFinish?.(this);
  }

  /** Cancels a run: rolls back every finished step (Medusa's cancelTransaction). */
  async cancel(): Promise<void> {
    const flow = this.tx.flow;
    if (flow.state === 'failed') throw engineError('Cannot revert a permanent failed transaction.');
    if (flow.state === 'compensating' || flow.state === 'waiting_to_compensate') {
      throw engineError('Cannot revert a transaction that is already compensating.');
    }
    flow.state = 'waiting_to_compensate';
    flow.cancelledAt = this.clock.now();
    await this.drive();
  }

  // ---- containers and observers -------------------------------------------------------------

  /** The container a step's handler gets: the container's per-step view when it offers one
   * (STEP_SCOPE), so the calls it makes are attributed to that step; else the container itself. */
  containerFor(step: string, action: StepAction): Container {
    return this.containers.forStep(this.container, step, action, this.frame);
  }

  notify(event: Parameters<NonNullable<Instrumentation['onEvent']>>[0]): void {
    try {
      this.ins?.onEvent?.(event);
    } catch {
      // observers must not break the run
    }
  }

  actionOf(rec: StepRecord): StepAction {
    return rec.stepFailed ? 'compensate' : 'invoke';
  }
}

function engineError(message: string): Error {
  return new MedusaError('not_allowed', message);
}
