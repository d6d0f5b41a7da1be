// Runner child: runs one workflow on the embedded engine with instrumentation, pauses at the
// boundaries the adapter asks for, and answers its queries (scopes, variables, evaluate).
import { runningStepPath, unrunnableReason } from '../../../engine/src/index';
import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  EngineEvent,
  Instrumentation,
  RunFrame,
  RunHandle,
  RunSnapshot,
  RunState,
  StepAction,
  StepBoundary,
  StepFailure,
} from '../../../engine/src/instrumentation';
import { replayExecution } from '../../../engine/src/index';
import { hitPredicate } from '../hitCondition';
import type {
  BoundaryBreakpoint,
  WireEvent,
  ChildQuery,
  ChildQueryResult,
  FromChild,
  RunOptions,
  StepAnswer,
  WireBoundary,
} from '../ipc';
import { AwaitingRun } from './awaiting';
import { evaluate, parseValue } from './expressions';
import { errorText } from './preview';
import type { LoadedProgram, RunnableWorkflow } from './program';
import {
  bindings,
  callsScope,
  stepScope,
  workflowScope,
  type Paused,
  type RecordedCall,
} from './scopes';
import { ValueRegistry } from './valueRegistry';
import { failureMessage, wireEvent, wireSnapshot } from './wire';
import { diffRun } from '../../../shared/protocol/snapshotDelta';

type StepAt = { run: RunFrame; step: string; action: StepAction };

export class Runner implements Instrumentation {
  /** The step whose handler the current async chain belongs to (entered at its gate). */
  private readonly calling = new AsyncLocalStorage<StepAt>();
  private breakpoints: BoundaryBreakpoint[] = [];
  private readonly hitCounts = new Map<number, number>();
  private readonly failures = new Set<string>();
  private failureStops = new Set<StepAction>();
  private readonly paused = new Map<number, { paused: Paused; resume: () => void }>();
  private readonly runs = new Map<string, RunHandle>();
  private root?: RunHandle;
  private readonly recorded: RecordedCall[] = [];
  private readonly values = new ValueRegistry();
  private lastFailure?: { run: RunFrame; step: string; action: StepAction; error: unknown };
  private lastStep?: { run: RunFrame; step: string; action: StepAction; attempt: number };
  private nextBoundary = 1;
  private events: WireEvent[] = [];
  private boundaries: WireBoundary[] = [];
  private flushing = false;
  private finalState?: RunState;
  /** The snapshot the adapter holds: each batch sends only the changes against it. */
  private sent?: RunSnapshot;
  private readonly outputs = new Map<string, { value: unknown }>();
  private readonly running = new Map<string, { run: RunFrame; step: string; action: StepAction }>();
  /** A run waiting for its async steps: pauses there, and answers them as the user says. */
  private readonly awaiting = new AwaitingRun({
    runs: () => this.runs.values(),
    atGate: () => this.paused.size > 0,
    pause: (steps) => {
      const [first] = steps;
      const run = this.runs.get(first!.transactionId)!.frame;
      const wire = this.boundary('awaiting', run, first!.step, first!.action, 1);
      wire.awaiting = steps;
      return { id: wire.id, resumed: this.pause({ wire }) };
    },
  });

  constructor(private readonly send: (msg: FromChild) => void) {}

  setBreakpoints(list: BoundaryBreakpoint[]): void {
    this.breakpoints = list;
  }

  setFailureStops(actions: StepAction[]): void {
    this.failureStops = new Set(actions);
  }

  setFailure(step: string, action: StepAction, enabled: boolean): void {
    if (enabled) this.failures.add(`${action}:${step}`);
    else this.failures.delete(`${action}:${step}`);
  }

  /** The engine lends each handler its step's container view (STEP_SCOPE), which attributes the
   * calls made through it; calls the container could not attribute (a service captured outside
   * the view) go to the step whose handler made them: the gate enters the step into the async
   * context its handler then runs in. */
  recordCall(call: RecordedCall): void {
    const at = call.step === undefined ? this.callingStep() : undefined;
    if (at) {
      call.step = at.step;
      call.action = at.action;
      call.transactionId = at.run.transactionId;
    }
    this.recorded.push(call);
  }

  private callingStep(): StepAt | undefined {
    const at = this.calling.getStore();
    // Not running any more: the call comes from the engine or the host after that step ended.
    if (at)
      return this.running.get(`${at.run.transactionId}:${at.step}`)?.action === at.action
        ? at
        : undefined;
    return undefined;
  }

  async run(
    program: LoadedProgram,
    workflow: RunnableWorkflow,
    options: RunOptions,
  ): Promise<void> {
    this.breakpoints = options.breakpoints;
    this.setFailureStops(options.failureStops);
    for (const s of options.failSteps) this.setFailure(s, 'invoke', true);
    for (const s of options.failCompensations) this.setFailure(s, 'compensate', true);
    // The auto-mocked container makes up records after what the workflow id and input say.
    // and the field checks of the workflow's own steps.
    const auto = program.container as { useRun?: (run: object) => void } | null;
    if (typeof auto?.useRun === 'function') {
      const checks = program.fieldChecks?.(options.workflow);
      auto.useRun({ workflow: options.workflow, input: options.input, checks });
    }
    try {
      if (options.replay) await this.replay(program, workflow, options.replay);
      else {
        await workflow.run({
          input: options.input,
          instrumentation: this,
          container: program.container,
          throwOnError: false,
        });
        await this.awaiting.answer(program);
      }
    } catch (err) {
      // throwOnError is off, so this is a failure of the engine or the container itself.
      const reason = unrunnableReason(options.workflow);
      this.send({ type: 'runError', message: errorText(err) + (reason ? `\n${reason}` : '') });
    }
    await this.pauseAtEnd();
  }

  /** The answer for an `awaiting` boundary, given just before it is resumed. */
  respond(boundary: number, answer: StepAnswer): void {
    this.awaiting.respond(boundary, answer);
  }

  /** A stored execution replayed: mismatches go to the Debug Console; where the record ends
   * the run stops, and the session ends at the usual last boundary. */
  private async replay(
    program: LoadedProgram,
    workflow: RunnableWorkflow,
    replay: NonNullable<RunOptions['replay']>,
  ): Promise<void> {
    const notice = (message: string): void => this.send({ type: 'notice', message });
    const { record } = replay;
    notice(
      `Replaying execution ${record.id} of ${record.workflowId} (transaction ${record.transactionId}, recorded ${record.state}): steps answer from the record${replay.rerunCompensations ? '; compensations run their code' : ''}.`,
    );
    const out = await replayExecution(
      workflow,
      replay.record,
      { instrumentation: this, container: program.container },
      {
        rerunCompensations: replay.rerunCompensations,
        onMismatch: (m) => notice(`Replay: ${m.message}`),
      },
    );
    if (out.stoppedAt) notice(`Replay stopped at step "${out.stoppedAt.step}".`);
  }

  // --- Instrumentation ---------------------------------------------------------------------

  attach(handle: RunHandle): void {
    this.runs.set(handle.frame.transactionId, handle);
    this.root ??= handle;
  }

  gate(b: StepBoundary): Promise<void> {
    this.lastStep = { run: b.run, step: b.step, action: b.action, attempt: b.attempt };
    // Synchronous part of the engine's call: the handler's async chain inherits this store.
    this.calling.enterWith({ run: b.run, step: b.step, action: b.action });
    const wire = this.boundary('step', b.run, b.step, b.action, b.attempt);
    return this.pause({ wire, live: b });
  }

  onEvent(e: EngineEvent): void {
    if (e.type === 'step.failure')
      this.lastFailure = { run: e.run, step: e.step, action: e.action, error: e.error };
    if (e.type === 'step.begin') {
      this.running.set(`${e.run.transactionId}:${e.step}`, {
        run: e.run,
        step: e.step,
        action: e.action,
      });
    }
    if (e.type === 'step.success' || e.type === 'step.failure')
      this.running.delete(`${e.run.transactionId}:${e.step}`);
    if (e.type === 'step.success' && e.action === 'invoke')
      this.outputs.set(`${e.run.transactionId}:${e.step}`, { value: e.output });
    if (e.type === 'run.end' && e.run.parents.length === 0) this.finalState = e.state;
    this.events.push(wireEvent(e));
    this.schedule();
    this.awaiting.moved();
  }

  /** Pauses right at a failure, before any retry or rollback, when the adapter asked to stop on
   * failures of that action; otherwise returns at once (the engine does not wait). */
  afterFailure(f: StepFailure): Promise<void> | undefined {
    if (!this.failureStops.has(f.action)) return undefined;
    const wire = this.boundary('failure', f.run, f.step, f.action, f.attempt);
    wire.failure = { message: failureMessage(f.error), willRetry: f.willRetry };
    return this.pause({ wire, error: f.error });
  }

  /** Forced failures name steps by path (`runningStepPath`): a bare name is the workflow's own step. */
  shouldFail(step: string, action: StepAction, run: RunFrame): boolean {
    return this.failures.has(`${action}:${runningStepPath(run, step)}`);
  }

  // --- Pausing -------------------------------------------------------------------------------

  private boundary(
    kind: WireBoundary['kind'],
    run: RunFrame,
    step: string,
    action: StepAction,
    attempt: number,
  ): WireBoundary {
    return {
      id: this.nextBoundary++,
      kind,
      run,
      step,
      action,
      attempt,
      hits: [],
      conditionErrors: [],
    };
  }

  private pause(paused: Paused): Promise<void> {
    this.matchBreakpoints(paused);
    return new Promise<void>((resolve) => {
      this.paused.set(paused.wire.id, { paused, resume: resolve });
      this.boundaries.push(paused.wire);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => this.flush());
  }

  /** Everything of one turn goes as one message: the gates of a wave arrive together (a stop
   * knows its parallel siblings), and one snapshot covers the turn's state changes. */
  private flush(): void {
    this.flushing = false;
    // States only: the values are for the Variables view, which asks for them.
    const snapshot = this.root
      ? wireSnapshot(this.root.snapshot({ values: false }), this.sent)
      : undefined;
    // The final state is known from the event before the snapshot reflects it.
    if (snapshot && this.finalState) snapshot.state = this.finalState;
    const delta = snapshot && diffRun(this.sent, snapshot);
    if (snapshot) this.sent = snapshot;
    this.send({ type: 'batch', events: this.events, boundaries: this.boundaries, delta });
    this.events = [];
    this.boundaries = [];
  }

  /** After the run: one last boundary so the adapter can stop on a late failure before the end. */
  private pauseAtEnd(): Promise<void> {
    const at = this.lastFailure ?? this.lastStep;
    const run = at?.run ?? this.root?.frame ?? { workflowId: '', transactionId: '', parents: [] };
    const wire = this.boundary('end', run, at?.step ?? '', at?.action ?? 'invoke', 1);
    return this.pause({ wire, error: this.lastFailure?.error });
  }

  resume(id: number): void {
    const entry = this.paused.get(id);
    if (!entry) return;
    this.paused.delete(id);
    if (this.paused.size === 0) this.values.clear();
    entry.resume();
    this.awaiting.moved();
  }

  private matchBreakpoints(paused: Paused): void {
    if (paused.wire.kind !== 'step') return;
    const { run, step, action } = paused.wire;
    for (const bp of this.breakpoints) {
      if (bp.step !== step || bp.action !== action) continue;
      if (bp.workflowId !== undefined && bp.workflowId !== run.workflowId) continue;
      if (bp.condition && !this.conditionHolds(bp.condition, paused)) continue;
      const hits = (this.hitCounts.get(bp.id) ?? 0) + 1;
      this.hitCounts.set(bp.id, hits);
      if (bp.hitCondition && !hitPredicate(bp.hitCondition)(hits)) continue;
      paused.wire.hits.push(bp.id);
    }
  }

  private conditionHolds(condition: string, paused: Paused): boolean {
    try {
      return Boolean(evaluate(condition, bindings(paused, this)));
    } catch (err) {
      paused.wire.conditionErrors.push(
        `Breakpoint condition "${condition}" failed: ${errorText(err)}`,
      );
      return true;
    }
  }

  // --- Queries -------------------------------------------------------------------------------

  runHandle(transactionId: string): RunHandle | undefined {
    return this.runs.get(transactionId);
  }

  calls(): RecordedCall[] {
    return this.recorded;
  }

  /** A finished step's output, live: editing its fields changes what later steps read. */
  output(transactionId: string, step: string): { value: unknown } | undefined {
    const out = this.outputs.get(`${transactionId}:${step}`);
    if (out) this.values.markLive(out.value);
    return out;
  }

  query(q: ChildQuery): ChildQueryResult {
    switch (q.kind) {
      case 'scopes':
        return { kind: 'scopes', scopes: this.scopes(this.pausedAt(q.boundary), q.depth) };
      case 'variables':
        return { kind: 'variables', variables: this.values.children(q.ref, q.start, q.count) };
      case 'setVariable': {
        const scope = this.anyPaused();
        const value = parseValue(q.value, scope ? bindings(scope, this) : {});
        return { kind: 'value', value: this.values.set(q.ref, q.name, value) };
      }
      case 'evaluate': {
        const at = q.boundary !== undefined ? this.pausedAt(q.boundary) : this.anyPaused();
        const result = evaluate(q.expression, at ? bindings(at, this) : {});
        return { kind: 'value', value: this.values.wire('result', result) };
      }
    }
  }

  private scopes(
    paused: Paused,
    depth: number,
  ): { name: string; ref: number; expensive: boolean }[] {
    const step = stepScope(paused, depth, this);
    const live = depth === 0 ? paused.live : undefined;
    const editable = live ? [live.action === 'invoke' ? 'input' : 'compensate input'] : [];
    const assign = (name: string, value: unknown): void => {
      step[name] = value;
      live?.setInput(value);
    };
    return [
      { name: 'Step', ref: this.values.scope(step, editable, assign), expensive: false },
      {
        name: 'Workflow',
        ref: this.values.scope(workflowScope(paused, depth, this), []),
        expensive: false,
      },
      { name: 'Container calls', ref: this.values.scope(callsScope(this), []), expensive: false },
    ];
  }

  private pausedAt(id: number): Paused {
    const entry = this.paused.get(id);
    if (!entry) throw new Error('The run is no longer paused there.');
    return entry.paused;
  }

  private anyPaused(): Paused | undefined {
    return [...this.paused.values()][0]?.paused;
  }
}
