// Custom DAP requests and events of the medusa-workflow debugger: the contract between the
// debug adapter process and the extension host (graph overlay, "Fail this step"). Neutral:
// imported by debug-adapter/src and client/src; imports only the engine's public types.
import type { RunSnapshot, StepAction } from '../../engine/src/instrumentation';
import type { RunDelta } from './snapshotDelta';

export const DEBUG_TYPE = 'medusa-workflow';

/** Launch configuration attributes (`type: "medusa-workflow"`, `request: "launch"`). */
export interface LaunchArguments {
  /** The workflow file; with a replay, found from the record's source path when absent. */
  program: string;
  workflow?: string;
  input?: unknown;
  inputFile?: string;
  mocks?: string;
  /** `"auto"` auto-mocks every container key (mocks still override single keys); `"app"` boots
   * the Medusa app found from `cwd` and uses its real container and database. */
  container?: 'auto' | 'empty' | 'app';
  /** With `"container": "app"`: allow a database whose host is not local. */
  allowRemoteDatabase?: boolean;
  failSteps?: string[];
  failCompensations?: string[];
  stopOnEntry?: boolean;
  cwd?: string;
  env?: Record<string, string>;
  /** Line breakpoints and stepping inside step handlers through VS Code's JavaScript debugger
   * (a `pwa-node` child session the client starts on `AttachJavaScriptEvent`). Off unless set. */
  debugStepCode?: boolean;
  /** Replay a stored execution read from a Medusa database: steps answer from the record. */
  replay?: ReplaySource;
  /** Replay a stored execution saved as JSON (an ExecutionRecord). */
  replayFile?: string;
  /** With a replay: run the compensations' code on the chosen container instead of reporting
   * them from the record. */
  rerunCompensations?: boolean;
}

export interface ReplaySource {
  /** The execution id (`wf_exec_...`) or its transaction id. */
  execution: string;
  /** The database; the app's `.env` DATABASE_URL (from `app`, else `cwd`) when absent. */
  databaseUrl?: string;
  /** The Medusa app's folder. */
  app?: string;
}

export namespace ForceFailureRequest {
  export const command = 'forceFailure' as const;
  export interface Arguments {
    /** Step name; the paused step when absent. */
    step?: string;
    /** Which handler to fail; default 'invoke'. */
    action?: StepAction;
    /** false to clear a forced failure. */
    enabled?: boolean;
  }
  export interface Response {
    /** The step, as the adapter names it. */
    step: string;
    /** It was waiting for its response (an async step): it failed now, as setStepFailure. */
    failedNow?: boolean;
  }
}

/** Where the debugger is paused: a step's boundary, or a run that waits for the response of its
 * async steps (`awaiting`: their names, as Medusa's setStepSuccess / setStepFailure name them). */
export interface PausedAt {
  step: string;
  action: StepAction;
  workflowId: string;
  awaiting?: AwaitingStep[];
}

/** A step with `async: true` (or `compensateAsync`) whose handler returned and which waits for
 * its response, as a Medusa app waits for `setStepSuccess` / `setStepFailure`. */
export interface AwaitingStep {
  step: string;
  action: StepAction;
  workflowId: string;
  transactionId: string;
}

export namespace ExecutionStateRequest {
  export const command = 'executionState' as const;
  export interface Response {
    snapshot: RunSnapshot | null;
    paused?: PausedAt;
  }
}

/** Answers an async step the run waits for, as the app's `setStepSuccess` (the response is the
 * step's output) or `setStepFailure` (the response is the error) would. */
export namespace RespondToStepRequest {
  export const command = 'medusaWorkflows.respondToStep' as const;
  export interface Arguments {
    /** The awaiting step's name; the only one (or the first) when absent. */
    step?: string;
    outcome: 'success' | 'failure';
    response?: unknown;
  }
}

/** The run's state after a change. The snapshot comes as a delta against the one the event before
 * (in the same session) gave: the first event's delta is `full`; `applyRun` rebuilds it. */
export namespace StateEvent {
  export const event = 'medusaWorkflows.state' as const;
  export interface Body {
    delta: RunDelta;
    paused?: PausedAt;
    /** The compensations that have run, in order (the rollback path). */
    rollback: string[];
    /** Why the run could not go on: the engine or its container refused it (its error, and why
     * when known, e.g. rule MW019's step name). */
    error?: string;
  }
  /** A state event with its snapshot rebuilt. */
  export type Full = Omit<Body, 'delta'> & { snapshot: RunSnapshot };
}

/** The adapter asks the client to attach VS Code's JavaScript debugger to the runner process.
 * The runner waits (before any step runs) until that debugger has set its breakpoints; the client
 * answers with `JavaScriptSessionRequest` ('attached' or 'failed'). */
export namespace AttachJavaScriptEvent {
  export const event = 'medusaWorkflows.attachJavaScript' as const;
  export interface Body {
    /** The runner's inspector (`ws://127.0.0.1:<port>/<id>`). */
    websocketAddress: string;
    /** The engine's and runner's own code: stepping never stops there. */
    skipFiles: string[];
    /** Where source maps are read: the user's code, not our bundles nor node_modules. */
    resolveSourceMapLocations: string[];
  }
}

/** Paused at a step boundary, Step Into asks the client for a one-shot line breakpoint on the
 * handler's first line (0-based), through the JavaScript session; the client answers 'armed'. */
export namespace StepIntoHandlerEvent {
  export const event = 'medusaWorkflows.stepIntoHandler' as const;
  export interface Body {
    file: string;
    line: number;
  }
}

/** Continue or a step pressed on the workflow thread that shows where the JavaScript session is
 * paused (its workflow frames): the client passes it on to the JavaScript session. */
export namespace ResumeJavaScriptEvent {
  export const event = 'medusaWorkflows.resumeJavaScript' as const;
  export interface Body {
    how: 'continue' | 'next' | 'stepIn' | 'stepOut';
  }
}

/** A frame of the paused JavaScript session: its file and 1-based line, as VS Code shows it. */
export interface JavaScriptFrame {
  path: string;
  line: number;
}

/** What the client tells the adapter about the JavaScript child session. */
export namespace JavaScriptSessionRequest {
  export const command = 'medusaWorkflows.javaScript' as const;
  export type Arguments =
    | { kind: 'attached' }
    | { kind: 'failed'; message: string }
    | { kind: 'armed' }
    /** The JavaScript session paused inside step code; `frames` as in 'located' when known;
     * `resumed`: a Step Over / Step Into ended here, never reported as 'resumed' (other). */
    | { kind: 'paused'; frames?: JavaScriptFrame[]; resumed?: boolean }
    /** Its stack while paused, top first: the step whose handler holds a frame is the one the
     * graph shows (parallel steps run their code at the same time). */
    | { kind: 'located'; frames: JavaScriptFrame[] }
    /** The user resumed it: Continue runs to the next breakpoint, Step Out to the next boundary. */
    | { kind: 'resumed'; how: 'continue' | 'stepOut' | 'other' };
}
