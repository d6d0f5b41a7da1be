// The engine's instrumentation contract (pure types). The debugger, the CLI trace and the tests
// observe and steer runs only through this interface; the engine knows nothing about them.
// When no instrumentation is given the engine must not pay for it (no events built, no awaits).

export type StepAction = 'invoke' | 'compensate';

export type RunState =
  | 'not_started'
  | 'invoking'
  | 'waiting_to_compensate'
  | 'compensating'
  | 'done'
  | 'reverted'
  | 'failed';

export type StepState =
  | 'not_started'
  | 'invoking'
  | 'compensating'
  | 'done'
  | 'reverted'
  | 'failed'
  | 'dormant'
  | 'skipped'
  | 'skipped_failure'
  | 'timeout';

export type StepStatus = 'idle' | 'ok' | 'waiting_response' | 'temp_failure' | 'permanent_failure';

/** Identifies one run: nested workflows (runAsStep) get their own frame under the parent step. */
export interface RunFrame {
  workflowId: string;
  transactionId: string;
  /** The chain of parents for a nested run, outermost first; empty for a top-level run. */
  parents: { workflowId: string; transactionId: string; step: string }[];
}

/** Everything a gate or an event knows about one step boundary. */
export interface StepBoundary {
  run: RunFrame;
  /** The step's unique name in its workflow (after `.config({ name })`). */
  step: string;
  action: StepAction;
  /** 1-based attempt number. */
  attempt: number;
  /** The JSON-cloned input for invoke, or the compensate input for compensate. Mutable in gates:
   * a gate may replace it through `setInput` before the handler runs. */
  input: unknown;
  setInput(value: unknown): void;
}

export type EngineEvent =
  | { type: 'run.begin'; run: RunFrame }
  | { type: 'step.begin'; run: RunFrame; step: string; action: StepAction; attempt: number }
  | { type: 'step.success'; run: RunFrame; step: string; action: StepAction; output?: unknown }
  | {
      type: 'step.failure';
      run: RunFrame;
      step: string;
      action: StepAction;
      error: { message: string; [key: string]: unknown };
      /** true when the step will be retried (temporary failure). */
      willRetry: boolean;
    }
  | { type: 'step.skipped'; run: RunFrame; step: string }
  | { type: 'step.awaiting'; run: RunFrame; step: string }
  | { type: 'compensation.begin'; run: RunFrame }
  | {
      type: 'run.end';
      run: RunFrame;
      state: RunState;
      result: unknown;
      /** As run()'s `errors`: the invoke errors, then an error thrown while resolving the
       * result (no step: Medusa appends it as is). */
      errors: RunEndError[];
      /** Errors of compensations (not in run()'s `errors`). */
      compensationErrors: { step: string; action: StepAction; message: string }[];
    }
  | {
      /** A call on a container service made by a step (recorded by recording containers). */
      type: 'service.call';
      run: RunFrame;
      step: string;
      action: StepAction;
      key: string;
      method: string;
      args: unknown[];
      result: unknown;
      /** Set when the auto-mocked container made the result up. */
      mocked?: true;
    };

/** An entry of run.end's `errors`: a step's invoke error, or the result's error (no step). */
export type RunEndError =
  | { step: string; action: StepAction; message: string }
  | { step?: undefined; action?: undefined; message: string };

/** A step failure as `Instrumentation.afterFailure` receives it. */
export interface StepFailure {
  run: RunFrame;
  step: string;
  action: StepAction;
  /** 1-based attempt that failed. */
  attempt: number;
  error: { message: string; [key: string]: unknown };
  /** true when the step will be retried (temporary failure). */
  willRetry: boolean;
}

/** A live run, handed to `Instrumentation.attach` when a run (top-level or nested) starts. */
export interface RunHandle {
  frame: RunFrame;
  /** A consistent copy of the run's current state; cheap enough to call on every event.
   * `values: false` leaves out the inputs and outputs (not copied at all): states only. */
  snapshot(options?: { values?: boolean }): RunSnapshot;
}

export interface Instrumentation {
  /** Called once per run (top-level and each nested runAsStep run) before its run.begin event. */
  attach?(handle: RunHandle): void;
  /** Awaited before every invoke and every compensation. A gate that never resolves pauses the run. */
  gate?(boundary: StepBoundary): Promise<void> | void;
  /** Awaited right after a step's failure is recorded and its step.failure event sent (invoke,
   * compensate, or a timeout), before any retry or rollback starts: a hook that does not resolve
   * pauses the run there, with the failed state in the snapshot. Rejections are swallowed. When
   * it returns nothing (or is absent) the engine does not wait at all. */
  afterFailure?(failure: StepFailure): Promise<void> | void;
  /** Synchronous, observe-only. Must not throw; exceptions are swallowed. */
  onEvent?(event: EngineEvent): void;
  /** Failure injection: when true, that step's handler throws Error(`Forced failure: <step>`) on every attempt. */
  shouldFail?(step: string, action: StepAction, run: RunFrame): boolean;
}

/** One step's record in a run snapshot. */
export interface StepSnapshot {
  step: string;
  /** Level in the execution tree, 0-based: 0 for the first step and its parallel siblings, 1
   * for the steps under them, ... (the dots in Medusa's step id minus one: `_root.a.b` is 1). */
  depth: number;
  invoke: {
    state: StepState;
    status: StepStatus;
    attempt: number;
    input?: unknown;
    output?: unknown;
    error?: unknown;
  };
  compensate: {
    state: StepState;
    status: StepStatus;
    attempt: number;
    input?: unknown;
    error?: unknown;
  };
  noCompensation: boolean;
  /** For runAsStep steps: the nested run, when it has started. */
  child?: RunSnapshot;
}

export interface RunSnapshot {
  run: RunFrame;
  state: RunState;
  input: unknown;
  steps: StepSnapshot[];
}
