// Custom DAP requests and events of the medusa-workflow debugger, shared by the adapter and
// the extension client (graph overlay, "Fail this step").
import type { RunSnapshot, StepAction } from '../../engine/src/instrumentation';

export const DEBUG_TYPE = 'medusa-workflow';

/** Launch configuration attributes (`type: "medusa-workflow"`, `request: "launch"`). */
export interface LaunchArguments {
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
}

export namespace ExecutionStateRequest {
  export const command = 'executionState' as const;
  export interface Response {
    snapshot: RunSnapshot | null;
    paused?: { step: string; action: StepAction; workflowId: string };
  }
}

export namespace StateEvent {
  export const event = 'medusaWorkflows.state' as const;
  export interface Body {
    snapshot: RunSnapshot;
    paused?: { step: string; action: StepAction; workflowId: string };
    /** The compensations that have run, in order (the rollback path). */
    rollback: string[];
  }
}
