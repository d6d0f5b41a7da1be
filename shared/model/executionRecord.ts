// The contract for stored workflow executions (rows of Medusa's `workflow_execution` table) once
// read and normalized. Produced by the executions reader (engine/src/executions/), consumed by the
// CLI `executions` commands, the replay run, the debug adapter and the Workflow Executions view.
// Plain JSON only: it crosses process and webview boundaries.

/** `workflow_execution.state` (the transaction's state). */
export type ExecutionState =
  | 'not_started'
  | 'invoking'
  | 'waiting_to_compensate'
  | 'compensating'
  | 'done'
  | 'reverted'
  | 'failed';

/** A step's invoke or compensate state as Medusa's orchestrator records it. */
export type RecordedStepState =
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

export type RecordedStepStatus =
  'idle' | 'ok' | 'waiting_response' | 'temp_failure' | 'permanent_failure';

/** One row in a list: enough to pick an execution, no payload or outputs. */
export interface ExecutionSummary {
  /** `wf_exec_...` */
  id: string;
  workflowId: string;
  transactionId: string;
  runId: string;
  state: ExecutionState;
  /** ISO timestamps of the row. */
  createdAt: string;
  updatedAt: string;
  /** `execution.startedAt` (ms epoch) when recorded. */
  startedAt?: number;
  /** Steps (not `_root`) whose invoke state is `done`, and all steps. */
  stepsDone: number;
  stepsTotal: number;
}

export interface RecordedError {
  message: string;
  name?: string;
  stack?: string;
  /** The first frame of the stack in the user's code (not node_modules), when there is one. */
  location?: { file: string; line: number; column: number };
}

export interface RecordedStep {
  /** The key in `execution.steps`: `_root.a.b`. */
  path: string;
  /** The step's name (Medusa's `definition.action`: what `createStep` was given); `when-then-<ulid>` for unnamed whens. */
  name: string;
  depth: number;
  /** Paths of the steps that run after this one (`next`). */
  next: string[];
  invoke: { state: RecordedStepState; status: RecordedStepStatus };
  compensate: { state: RecordedStepState; status: RecordedStepStatus };
  attempts: number;
  failures: number;
  startedAt?: number;
  lastAttempt?: number;
  noCompensation: boolean;
  async: boolean;
  /** True when `context.data.invoke[name]` holds a response; output may still be undefined. */
  hasOutput: boolean;
  output?: unknown;
  compensateInput?: unknown;
  invokeError?: RecordedError;
  compensateError?: RecordedError;
}

/** A whole execution: the list row plus everything a graph overlay or a replay needs. */
export interface ExecutionRecord extends ExecutionSummary {
  /** `execution.metadata.sourcePath`: the file that defines the workflow, as the app saw it. */
  sourcePath?: string;
  /** Set on a child workflow's row (`runAsStep`). */
  parentStepIdempotencyKey?: string;
  /** `execution.options` (store, retentionTime, ...). */
  options: Record<string, unknown>;
  /** `context.data.payload`: the workflow input. */
  payload: unknown;
  /** Every step but `_root`, in definition (depth-first) order. */
  steps: RecordedStep[];
  /** `context.errors`, in order. */
  errors: { action: string; handlerType: 'invoke' | 'compensate'; error: RecordedError }[];
  /** Parts of the row that were not understood (unexpected JSON): shown, never dropped silently. */
  warnings: string[];
}

export interface ExecutionFilter {
  workflowId?: string;
  state?: ExecutionState[];
  /** ISO timestamps bounding `created_at`. */
  since?: string;
  until?: string;
  /** Paging: newest first. */
  limit?: number;
  offset?: number;
}
