// Debug adapter: one debug session's run. Starts the runner child, validates the launch against
// what the file defines, forwards breakpoints, turns runner boundaries and engine events into DAP
// stops, threads, state events and the end-of-run summary.
import { runningStepPath } from '../../engine/src/index';
import {
  Event,
  ExitedEvent,
  InitializedEvent,
  OutputEvent,
  TerminatedEvent,
  ThreadEvent,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StepAction } from '../../engine/src/instrumentation';
import type { RunDelta } from '../../shared/protocol/snapshotDelta';
import { AnalysisThread } from './analysisThread';
import { BreakpointManager } from './breakpoints';
import type { FromChild, LoadedWorkflow, WireBoundary, WireEvent } from './ipc';
import {
  checkAgainstProgram,
  checkStepNames,
  forcedStepError,
  LaunchError,
  resolveLaunch,
  type ResolvedLaunch,
} from './launchConfig';
import {
  ExecutionStateRequest,
  StateEvent,
  type ForceFailureRequest,
  type JavaScriptSessionRequest,
  type LaunchArguments,
  type RespondToStepRequest,
} from './protocol';
import { answerFor } from './awaitingSteps';
import { processEvent, unexpectedExit } from './processEvents';
import { loadReplay } from './replayLaunch';
import { LoadFailure, RunnerProcess } from './runnerProcess';
import { StepLocations } from './stepLocations';
import { StepCodeMode } from './stepCodeMode';
import { PausedStates } from './pausedStates';
import { Stepper, stoppedEvent, type Stop } from './stepper';
import { failureStop, RunObserver } from './runObserver';
import { summary, type RunEnd } from './summary';
import { SnapshotWires } from './snapshotWires';
import { ThreadRegistry } from './threads';
import { VariableStore } from './variables';

// Clients that declare nothing still get their run (ours send configurationDone: late, if busy).
const configurationTimeout = (): Promise<void> => sleep(15000, undefined, { ref: false });

export interface SessionPort {
  sendEvent(event: DebugProtocol.Event): void;
  toClientLine(line: number): number;
}

export class Controller {
  readonly breakpoints = new BreakpointManager(() => this.pushBreakpoints());
  readonly variables: VariableStore;
  locations?: StepLocations;
  knownSteps?: Set<string>;
  /** What forced failures may name (`forcedFailureTargets` of the engine). */
  private failPaths?: string[];
  private child?: RunnerProcess;
  private workflowId = '';
  private stepper?: Stepper;
  private stepCode?: StepCodeMode;
  private readonly threads = new ThreadRegistry();
  private readonly observer = new RunObserver(this.threads, {
    filterOn: (f) => this.breakpoints.filterOn(f),
    exception: (e) => this.stepper?.exception(e),
    stepEnded: (run, step) => this.stepCode?.ended(run, step),
  });
  private runStarted = false;
  private stopping = false;
  private terminatedSent = false;
  private configured!: () => void;
  private readonly configurationDone = new Promise<void>((r) => (this.configured = r));
  private analysis?: AnalysisThread;
  private readonly snapshots = new SnapshotWires();
  private readonly pausedStates = new PausedStates(
    () => this.pausedInfo(),
    () => this.sendState(),
  );

  constructor(private readonly port: SessionPort) {
    this.variables = new VariableStore(
      () => this.child,
      (l) => port.toClientLine(l),
    );
  }

  // --- Launch --------------------------------------------------------------------------------

  /** On `initialize`: the analysis thread loads the compiler while the client sends `launch`. */
  initialize(): void {
    this.analysis ??= AnalysisThread.start();
  }

  async launch(raw: Partial<LaunchArguments>): Promise<void> {
    const launch = resolveLaunch(raw);
    const record = launch.replay ? await loadReplay(launch) : undefined;
    this.locations = new StepLocations(launch.program, this.analysis);
    const child = new RunnerProcess(
      { cwd: launch.cwd, env: launch.env },
      {
        message: (m) => this.onMessage(m),
        output: (category, text) => this.port.sendEvent(new OutputEvent(text, category)),
        exit: (code, signal) => this.onExit(code, signal),
      },
    );
    this.child = child;
    this.port.sendEvent(processEvent(launch.program, child.pid));
    // While the child loads the program (another process), analyze the sources for breakpoints
    // and stack frames (a worker thread), so neither waits for the other.
    this.locations.warm();
    try {
      const listing = await this.load(child, launch);
      const id = checkAgainstProgram(launch, listing);
      this.workflowId = id;
      // Any step of the file's workflows: nested workflows' steps can be forced to fail too.
      const fromEngine = listing.flatMap((w) => w.steps ?? []);
      this.knownSteps = fromEngine.length > 0 ? new Set(fromEngine) : this.locations.stepNames(id);
      const own = listing.find((w) => w.id === id)?.forcedFailureTargets;
      this.failPaths = own ?? [...(this.locations.stepNames(id) ?? [])];
      checkStepNames('failSteps', launch.failSteps, this.failPaths, id);
      checkStepNames('failCompensations', launch.failCompensations, this.failPaths, id);
      if (launch.debugStepCode) await this.attachJavaScript(child);
    } catch (err) {
      this.stopping = true;
      await child.kill();
      throw err;
    }
    this.stepper = new Stepper(
      {
        release: (b) => this.release(b),
        stopped: (s) => this.onStopped(s),
        failureStop: (b) => failureStop(b, (f) => this.breakpoints.filterOn(f)),
      },
      launch.stopOnEntry,
    );
    this.port.sendEvent(new InitializedEvent());
    await Promise.race([this.configurationDone, configurationTimeout()]);
    this.runStarted = true;
    child.send({
      type: 'run',
      options: {
        workflow: this.workflowId,
        input: launch.input,
        failSteps: launch.failSteps,
        failCompensations: launch.failCompensations,
        breakpoints: this.breakpoints.forRunner(),
        failureStops: this.breakpoints.failureStops(),
        replay: record && { record, rerunCompensations: launch.replay!.rerunCompensations },
      },
    });
  }

  private async load(child: RunnerProcess, launch: ResolvedLaunch): Promise<LoadedWorkflow[]> {
    const { program, mocks, container, allowRemoteDatabase } = launch;
    try {
      return await child.load({ program, mocks, container, allowRemoteDatabase });
    } catch (err) {
      if (!(err instanceof LoadFailure)) throw err;
      throw new LaunchError(
        err.ended
          ? `The workflow process ended while loading ${program}: it ${err.message}.`
          : `Cannot load ${program}: ${err.message}`,
      );
    }
  }

  private async attachJavaScript(child: RunnerProcess): Promise<void> {
    this.stepCode = new StepCodeMode(
      {
        sendEvent: (e) => this.port.sendEvent(e),
        resumed: (how) => this.stepper?.runOn(how === 'continue' ? 'continue' : 'stepIn'),
        pausedChanged: () => {
          if (!this.stop) this.stepCode?.showPaused();
          this.pausedStates.changed();
        },
        threadOf: (b) => this.threadOf(b),
      },
      () => this.locations,
    );
    this.breakpoints.stepCodeLines = true;
    await this.stepCode.attach(child);
  }

  javaScriptSession(args: JavaScriptSessionRequest.Arguments): void {
    if (!this.stepCode) throw new Error('"debugStepCode" is not on for this session.');
    this.stepCode.fromClient(args);
  }

  configurationDoneReceived(): void {
    this.configured();
  }

  // --- Runner messages -----------------------------------------------------------------------

  private onMessage(msg: FromChild): void {
    switch (msg.type) {
      case 'notice':
        this.print(`${msg.message}\n`, 'console');
        return;
      case 'batch':
        this.onBatch(msg.events, msg.boundaries, msg.delta);
        return;
      case 'inspecting':
        this.stepCode?.onInspecting(msg.url);
        return;
      case 'runError':
      case 'fatal':
        this.print(`${msg.message}\n`, 'stderr');
        if (msg.type === 'runError') this.observer.refused = msg.message;
        return;
      default: // loaded, loadError, queryResult: answered inside RunnerProcess
        return;
    }
  }

  private onBoundaries(list: WireBoundary[]): void {
    for (const b of list) for (const e of b.conditionErrors) this.print(`${e}\n`, 'stderr');
    const threads = list.map((b) => this.threads.idFor(b.run, b.step));
    const arrived = (): void => {
      const wasStopped = this.stop !== undefined;
      this.stepper?.arrived(list);
      // Steps reaching their gates while stopped: let the client refresh its threads.
      if (wasStopped)
        for (const t of new Set(threads)) this.port.sendEvent(new ThreadEvent('started', t));
    };
    if (this.stepCode) this.stepCode.whenRunning(arrived);
    else arrived();
  }

  private onBatch(events: WireEvent[], boundaries: WireBoundary[], delta?: RunDelta): void {
    const snapshot = this.snapshots.received(delta);
    let ended: RunEnd | undefined;
    for (const e of events) ended = this.observer.observe(e, snapshot) ?? ended;
    if (ended) this.print(summary(ended), 'console');
    const sentBefore = this.snapshots.sent;
    if (boundaries.length > 0) this.onBoundaries(boundaries);
    // One state event per turn of the runner: a stop in this batch has sent it already.
    if (events.length > 0 && this.snapshots.sent === sentBefore) this.sendState();
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.stopping && !this.observer.end && !this.child?.runFailed) {
      const step = this.threads.runningStep();
      this.print(unexpectedExit(code, signal, step, this.runStarted), 'stderr');
    }
    if (this.runStarted && !this.stopping)
      this.port.sendEvent(new ExitedEvent(this.observer.end?.state === 'done' ? 0 : code || 1));
    this.sendTerminated();
  }

  // --- Stops ---------------------------------------------------------------------------------

  private release(b: WireBoundary): void {
    this.stepCode?.released(b);
    this.variables.reset();
    this.child?.send({ type: 'resume', boundary: b.id });
  }

  private onStopped(stop: Stop): void {
    this.stepCode?.stopped();
    const { event, hint } = stoppedEvent(stop, this.threadOf(stop.boundary));
    if (hint) this.print(hint, 'console');
    this.port.sendEvent(event);
    this.sendState();
  }

  private threadOf(b: WireBoundary): number {
    return this.threads.idFor(b.run, b.step);
  }

  get stop(): Stop | undefined {
    return this.stepper?.stop;
  }

  /** No state event here: the runner's next batch (the step beginning) or the next stop sends
   * it within a turn, and one per round trip keeps stepping fast. */
  resume(kind: 'continue' | 'next' | 'stepIn' | 'stepOut'): void {
    const stop = this.stop;
    if (!stop && this.stepCode?.resumeShown(kind)) return;
    if (kind !== 'stepIn' || !this.stepCode || !stop) {
      this.stepper?.resume(kind);
      return;
    }
    // Into the handler: the JavaScript session stops on its first line.
    this.stepCode.stepInto(stop.boundary, () => {
      if (this.stop === stop) this.stepper?.resume(kind);
    });
  }

  pause(): void {
    this.stepper?.pause();
  }

  threadList(): DebugProtocol.Thread[] {
    const paused = (this.stepper?.heldBoundaries() ?? []).map((b) => this.threadOf(b));
    const inCode = this.stepCode?.pausedIn();
    if (inCode) paused.push(this.threadOf(inCode));
    return this.threads.list(paused, this.workflowId || 'workflow');
  }

  stackTrace(threadId: number): DebugProtocol.StackFrame[] {
    const inCode = this.stepCode?.shownOn(threadId);
    if (inCode) return this.variables.stackFrames(inCode, this.locations, false);
    const held = this.stepper?.heldBoundaries() ?? [];
    const current = this.stop?.boundary;
    const b =
      current && this.threadOf(current) === threadId
        ? current
        : held.find((h) => this.threadOf(h) === threadId);
    return b ? this.variables.stackFrames(b, this.locations) : [];
  }

  boundaryOfFrame(frameId: number | undefined): number | undefined {
    if (frameId !== undefined) {
      const frame = this.variables.frame(frameId);
      return frame?.live ? frame.boundary : undefined;
    }
    return this.stop?.boundary.id;
  }

  // --- Custom requests -----------------------------------------------------------------------

  forceFailure(args: ForceFailureRequest.Arguments): string {
    const paused = this.stop?.boundary;
    const step = args.step ?? (paused && runningStepPath(paused.run, paused.step));
    if (!step) throw new Error('No step given and the workflow is not paused at a step.');
    const problem =
      this.failPaths && forcedStepError('step', [step], this.failPaths, this.workflowId);
    if (problem) throw new Error(problem);
    const action: StepAction = args.action ?? 'invoke';
    const enabled = args.enabled ?? true;
    this.child?.send({ type: 'forceFailure', step, action, enabled });
    return step;
  }

  /** Answers the async step the run waits for (the runner calls setStepSuccess/Failure). */
  respondToStep(args: Partial<RespondToStepRequest.Arguments>): void {
    const b = this.stop?.boundary;
    this.child?.send({ type: 'respond', boundary: b?.id ?? 0, answer: answerFor(b, args) });
    this.stepper?.resume('continue');
  }

  executionState(): ExecutionStateRequest.Response {
    return { snapshot: this.observer.snapshot, paused: this.pausedInfo() };
  }

  private pausedInfo(): StateEvent.Body['paused'] {
    const b = this.stop?.boundary ?? this.stepCode?.pausedIn();
    if (!b || b.kind === 'end') return undefined;
    return { step: b.step, action: b.action, workflowId: b.run.workflowId, awaiting: b.awaiting };
  }

  private sendState(): void {
    const snapshot = this.observer.snapshot;
    if (!snapshot) return;
    const body: StateEvent.Body = {
      delta: this.snapshots.next(snapshot),
      paused: this.pausedInfo(),
      rollback: [...this.observer.rollback],
      error: this.observer.refused,
    };
    this.pausedStates.sent(body.paused);
    this.port.sendEvent(new Event(StateEvent.event, body));
  }

  // --- Breakpoints and the end ---------------------------------------------------------------

  private pushBreakpoints(): void {
    if (!this.child) return;
    this.child.send({ type: 'breakpoints', breakpoints: this.breakpoints.forRunner() });
    this.child.send({ type: 'failureStops', actions: this.breakpoints.failureStops() });
  }

  async terminate(): Promise<void> {
    this.stopping = true;
    this.analysis?.dispose();
    await this.child?.kill();
    this.sendTerminated();
  }

  private sendTerminated(): void {
    if (this.terminatedSent) return;
    this.terminatedSent = true;
    this.pausedStates.dispose();
    this.analysis?.dispose();
    this.port.sendEvent(new TerminatedEvent());
  }

  private print(text: string, category: 'console' | 'stdout' | 'stderr'): void {
    this.port.sendEvent(new OutputEvent(text, category));
  }
}
