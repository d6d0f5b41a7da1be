// Executes one transaction in waves, exactly like Medusa's TransactionOrchestrator: all steps
// that may start do so together; the next wave starts when the whole wave has settled. Book-
// keeping is incremental (per sibling group), so a step costs O(1) scheduling work.
import { defer, type Clock } from '../clock';
import type { WorkflowDefinition } from '../definition';
import { MedusaError, PermanentStepFailureError, SkipStepResponse } from '../errors';
import type {
  Instrumentation,
  RunFrame,
  StepAction,
  StepFailure,
  StepState,
} from '../instrumentation';
import { STEP_SCOPE } from '../mock/stepScope';
import type { Container } from './container';
import type { EventName, RunEvents } from './events';
import { invokeHandler, compensateHandler } from './handlers';
import { FORWARD_STATES, orderWave, finalRunState, REVERT_STATES } from './scheduling';
import { checkTransactionTimeout, handleExpiration } from './timeouts';
import { handleStepFailure, setStepFailure, setStepSuccess, skipStep } from './outcomes';
import type { StepRecord, Transaction } from './transaction';

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

  private readonly pendingInGroup: Int32Array;
  private forwardCount = 0;
  private ready: number[] = [];
  private retry: number[] = [];
  private readonly waveBuffer: number[] = [];
  private compPending: Int32Array | undefined;
  private compReady: number[] = [];
  private compRemaining = 0;
  private timers = 0;
  private wake: (() => void) | undefined;
  private running = false;
  private dirty = false;
  /** Failures recorded but not yet handed to `ins.afterFailure` (only with that hook). */
  private failures: StepFailure[] | undefined;
  /** afterFailure hooks in progress outside a wave (async steps): the run waits for them. */
  private holding: Set<Promise<void>> | undefined;
  /** The container the per-step view below was looked up on, and its STEP_SCOPE method. */
  private scopedContainer: Container | undefined;
  private scopeOf: ((scope: object) => Container) | undefined;

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
    const plan = this.tx.plan;
    this.pendingInGroup = new Int32Array(plan.groups.length);
    for (let g = 0; g < plan.groups.length; g++) this.pendingInGroup[g] = plan.groups[g]!.length;
    this.ready = plan.groups[0]!.slice();
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
    if (this.tx.hasTimeout() && this.tx.plan.hasAsyncSteps) this.watchRunTimeout();
    await this.drive();
  }

  /** Scheduler work that is not part of a call (timeouts of awaiting runs); cleared at the end. */
  private watchers: unknown[] = [];

  private watch(at: number, fn: () => void): void {
    this.watchers.push(this.clock.setTimeout(fn, Math.max(0, at - this.clock.now())));
  }

  /** An awaiting async step with a `timeout` times out when the time passes (no response yet). */
  private watchStepTimeout(rec: StepRecord): void {
    const seconds = rec.definition.timeout as number | undefined;
    if (!seconds || rec.stepFailed) return;
    this.watch((rec.startedAt ?? this.clock.now()) + seconds * 1e3 + 1, () => {
      if (this.tx.hasFinished() || rec.invoke.status !== 'waiting_response') return;
      handleExpiration(this, rec, [rec.index]);
      void this.drive();
    });
  }

  /** A run with async steps times out while it waits (Medusa schedules this in its storage). */
  private watchRunTimeout(): void {
    const at = (this.tx.flow.startedAt ?? 0) + (this.tx.getTimeout() ?? 0) * 1e3 + 1;
    this.watch(at, () => {
      if (this.tx.hasFinished()) return;
      if (checkTransactionTimeout(this, this.currentSteps())) void this.drive();
    });
  }

  /** Runs waves until the run finishes, or only waits on async steps; sleeps through retry timers. */
  async drive(): Promise<void> {
    for (;;) {
      await this.executeNext();
      if (this.tx.hasFinished() || this.timers === 0) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
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
        if (this.failures !== undefined || this.holding !== undefined) {
          await this.afterFailures();
          continue;
        }
        const flow = this.tx.flow;
        let wave = this.collect();
        if (flow.state === 'waiting_to_compensate' && wave.length === 0 && !this.hasWaiting()) {
          this.beginCompensation();
          wave = this.collect();
        }
        if (this.tx.hasTimeout() && checkTransactionTimeout(this, this.currentSteps())) continue;
        if (this.isComplete()) {
          this.finalize();
          return;
        }
        if (wave.length === 0) {
          if (this.dirty) continue;
          return;
        }
        const settled = this.runWave(wave);
        if (settled) await settled;
      }
    } finally {
      this.running = false;
    }
  }

  private hasWaiting(): boolean {
    const recs = this.tx.records;
    for (let i = 0; i < recs.length; i++)
      if (recs[i]!.getStates().status === 'waiting_response') return true;
    return false;
  }

  private currentSteps(): StepRecord[] {
    return this.tx.records.filter((r) => {
      const s = r.getStates().status;
      return s === 'waiting_response' || s === 'temp_failure';
    });
  }

  /** The next wave, in scan order. Reuses one buffer: a wave settles before the next is built. */
  private collect(): number[] {
    const recs = this.tx.records;
    const compensating = this.tx.flow.state === 'compensating';
    const wave = this.waveBuffer;
    wave.length = 0;
    const retry = this.retry;
    if (retry.length > 0) {
      for (const i of retry) {
        const status = recs[i]!.getStates().status;
        if (status === 'temp_failure' || status === 'waiting_response') wave.push(i);
      }
      retry.length = 0;
    }
    if (compensating) {
      const ready = this.compReady;
      for (const i of ready) if (recs[i]!.compensate.state === 'not_started') wave.push(i);
      ready.length = 0;
    } else if (this.tx.flow.state === 'invoking') {
      const ready = this.ready;
      for (const i of ready) if (recs[i]!.invoke.state === 'not_started') wave.push(i);
      ready.length = 0;
    }
    return orderWave(this.tx.plan, wave, compensating);
  }

  private isComplete(): boolean {
    const state = this.tx.flow.state;
    if (state === 'compensating') return this.compRemaining === 0;
    return state === 'invoking' && this.forwardCount === this.tx.records.length;
  }

  /** Starts a wave; the promise settles when its synchronous steps have (undefined: nothing to wait). */
  private runWave(wave: number[]): Promise<void> | undefined {
    const compensating = this.tx.flow.state === 'compensating';
    const now = this.clock.now();
    if (wave.length !== 1) return this.runWideWave(wave, compensating, now);
    const rec = this.tx.records[wave[0]!]!;
    if (!this.prepare(rec, now)) return undefined;
    this.begin(rec, compensating);
    if (compensating ? rec.definition.compensateAsync : rec.definition.async) {
      void this.execAsync(rec, compensating);
      return undefined;
    }
    return this.execSync(rec, compensating, wave);
  }

  private async runWideWave(wave: number[], compensating: boolean, now: number): Promise<void> {
    const recs = this.tx.records;
    const go = wave.map((i) => this.prepare(recs[i]!, now));
    const execs: Promise<void>[] = [];
    let asyncSteps: StepRecord[] | undefined;
    for (let k = 0; k < wave.length; k++) {
      if (!go[k]) continue;
      const rec = recs[wave[k]!]!;
      this.begin(rec, compensating);
      const isAsync = compensating ? rec.definition.compensateAsync : rec.definition.async;
      if (isAsync) (asyncSteps ??= []).push(rec);
      else execs.push(this.execSync(rec, compensating, wave));
    }
    if (execs.length === 1) await execs[0];
    else if (execs.length > 1) await Promise.all(execs);
    if (asyncSteps) for (const rec of asyncSteps) void this.execAsync(rec, compensating);
  }

  private begin(rec: StepRecord, compensating: boolean): void {
    this.emit('onStepBegin', rec);
    if (this.ins) {
      this.notify({
        type: 'step.begin',
        run: this.frame!,
        step: rec.definition.action,
        action: compensating ? 'compensate' : 'invoke',
        attempt: rec.attempts,
      });
    }
  }

  private prepare(rec: StepRecord, now: number): boolean {
    rec.lastAttempt = now;
    rec.attempts++;
    const cur = rec.getStates();
    if (cur.state === 'not_started') {
      rec.startedAt ??= now;
      if (rec.stepFailed) {
        cur.state = 'compensating';
        if (rec.definition.noCompensation) {
          this.setCompState(rec, 'reverted');
          return false;
        }
      } else if (this.tx.flow.state === 'invoking') {
        cur.state = 'invoking';
      }
    }
    cur.status = 'waiting_response';
    return true;
  }

  private execSync(rec: StepRecord, compensating: boolean, wave: number[]): Promise<void> {
    const pending = compensating ? compensateHandler(this, rec) : invokeHandler(this, rec);
    return pending.then(
      (response) => {
        handleExpiration(this, rec, wave);
        if (!compensating && isSkip(response)) skipStep(this, rec);
        else this.handleStepSuccess(rec, response);
        // A step that finished past its timeout has just failed.
        return this.failures && this.reportFailures();
      },
      (error: unknown) => {
        handleExpiration(this, rec, wave);
        const stepResponse = (
          error as { getStepResponse?: () => unknown } | null
        )?.getStepResponse?.();
        handleStepFailure(this, rec, error, PermanentStepFailureError.is(error), stepResponse);
        return this.failures && this.reportFailures();
      },
    );
  }

  private async execAsync(rec: StepRecord, compensating: boolean): Promise<void> {
    let response: unknown;
    try {
      response = compensating ? await compensateHandler(this, rec) : await invokeHandler(this, rec);
      if (this.call) await this.call.returned;
    } catch (error) {
      if (this.call) await this.call.returned;
      const stepResponse = (
        error as { getStepResponse?: () => unknown } | null
      )?.getStepResponse?.();
      handleStepFailure(this, rec, error, PermanentStepFailureError.is(error), stepResponse);
      if (this.failures) await this.hold(this.reportFailures());
      this.continueLater();
      return;
    }
    if (!compensating && isSkip(response)) {
      skipStep(this, rec);
    } else if (!rec.background || rec.definition.nested) {
      this.emit('onStepAwaiting', rec);
      if (this.ins)
        this.notify({ type: 'step.awaiting', run: this.frame!, step: rec.definition.action });
      this.watchStepTimeout(rec);
      return;
    } else {
      handleExpiration(this, rec, [rec.index]);
      this.handleStepSuccess(rec, response);
    }
    this.continueLater();
  }

  /** An async step settled on its own: resume on the scheduler, as Medusa's scheduleRetry(0). */
  private continueLater(): void {
    if (this.tx.hasFinished()) return;
    defer(this.clock, () => void this.drive());
  }

  // ---- state transitions -------------------------------------------------------------------

  /** Internal: moves a step's invoke state, settling its sibling group when it becomes final. */
  setInvokeState(rec: StepRecord, state: StepState): void {
    const was = rec.invoke.state;
    rec.invoke.state = state;
    if (!FORWARD_STATES.has(was) && FORWARD_STATES.has(state)) this.settleForward(rec.index);
  }

  private settleForward(i: number): void {
    this.forwardCount++;
    const plan = this.tx.plan;
    const g = plan.steps[i]!.group;
    if (--this.pendingInGroup[g]! !== 0) return;
    for (const m of plan.groups[g]!) {
      for (const c of plan.steps[m]!.children) {
        if (this.tx.records[c]!.invoke.state === 'not_started') this.ready.push(c);
      }
    }
  }

  /** Internal: moves a compensate state, unblocking the parent once compensation finished. */
  setCompState(rec: StepRecord, state: StepState): void {
    rec.compensate.state = state;
    if (state !== 'reverted' && state !== 'failed') return;
    this.compRemaining--;
    const parent = this.tx.plan.steps[rec.index]!.parent;
    if (parent < 0 || !this.compPending) return;
    if (this.tx.records[parent]!.stepFailed && --this.compPending[parent]! === 0) {
      this.compReady.push(parent);
    }
  }

  private beginCompensation(): void {
    const tx = this.tx;
    tx.flow.state = 'compensating';
    const recs = tx.records;
    const plan = tx.plan;
    this.compPending = new Int32Array(recs.length);
    for (const rec of recs) {
      const cur = rec.getStates();
      if (REVERT_STATES.has(cur.state) || cur.status === 'permanent_failure') {
        if (!rec.stepFailed) {
          rec.stepFailed = true;
          rec.invokeAttempts = rec.attempts;
          rec.attempts = 0;
          rec.failures = 0;
          rec.lastAttempt = null;
        }
        rec.compensate.state = 'not_started';
        this.compRemaining++;
      }
    }
    for (const rec of recs) {
      if (!rec.stepFailed) continue;
      let pending = 0;
      for (const c of plan.steps[rec.index]!.children) {
        const cs = recs[c]!.compensate.state;
        if (
          cs !== 'reverted' &&
          cs !== 'failed' &&
          cs !== 'dormant' &&
          cs !== 'done' &&
          cs !== 'skipped'
        )
          pending++;
      }
      this.compPending[rec.index] = pending;
      if (pending === 0) this.compReady.push(rec.index);
    }
    if (this.ins) this.notify({ type: 'compensation.begin', run: this.frame! });
    this.emit('onCompensateBegin');
  }

  handleStepSuccess(rec: StepRecord, response: unknown): void {
    setStepSuccess(this, rec, response);
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
    this.retry.push(rec.index);
  }

  /** Internal: a temporary failure is retried next wave, or after retryInterval on the clock. */
  scheduleRetry(rec: StepRecord): void {
    const interval = rec.definition.retryInterval as number | undefined;
    if (!interval) {
      this.retry.push(rec.index);
      return;
    }
    const due = (rec.lastAttempt ?? 0) + interval * 1e3;
    this.timers++;
    rec.retryTimer = this.clock.setTimeout(
      () => {
        rec.retryTimer = undefined;
        this.timers--;
        this.retry.push(rec.index);
        const wake = this.wake;
        this.wake = undefined;
        wake?.();
      },
      Math.max(0, due - this.clock.now()),
    );
  }

  // ---- end ---------------------------------------------------------------------------------

  private finalize(): void {
    for (const w of this.watchers) this.clock.clearTimeout(w);
    this.watchers.length = 0;
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

  // ---- failures reported to instrumentation (afterFailure) ---------------------------------

  /** Internal: a failure was recorded and its event sent; the hook runs at the next report. */
  failureRecorded(failure: StepFailure): void {
    (this.failures ??= []).push(failure);
  }

  /** Hands the recorded failures to `afterFailure`, in order; settles when every hook has. */
  private async reportFailures(): Promise<void> {
    const list = this.failures;
    this.failures = undefined;
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
  private async hold(report: Promise<void>): Promise<void> {
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
  private async afterFailures(): Promise<void> {
    if (this.failures) await this.reportFailures();
    while (this.holding) await Promise.all(this.holding);
  }

  // ---- containers --------------------------------------------------------------------------

  /** The container a step's handler gets: the container's per-step view when it offers one
   * (STEP_SCOPE), so the calls it makes are attributed to that step; else the container itself. */
  containerFor(step: string, action: StepAction): Container {
    const container = this.container;
    if (container !== this.scopedContainer) {
      this.scopedContainer = container;
      const make = (container as { [STEP_SCOPE]?: unknown } | null)?.[STEP_SCOPE];
      this.scopeOf = typeof make === 'function' ? (make as (s: object) => Container) : undefined;
    }
    const scopeOf = this.scopeOf;
    if (!scopeOf) return container;
    return scopeOf.call(container, { step, action, run: this.frame });
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

function isSkip(response: unknown): boolean {
  const r = response as Obj | undefined;
  const output = r?.__type || (r?.output as Obj | undefined)?.__type ? r!.output : r;
  return SkipStepResponse.is(output);
}
