// The IPC protocol between the debug adapter (parent) and the runner child (dist/runner.js).
// Imported by both sides; plain JSON-safe data only (values cross as previews plus handles).
import type { ExecutionRecord } from '../../engine/src/executions/record';
import type { RunEndError, RunFrame, StepAction } from '../../engine/src/instrumentation';
import type { RunDelta } from '../../shared/protocol/snapshotDelta';
import type { AwaitingStep } from '../../shared/protocol/debugProtocol';

/** A breakpoint as the runner matches it at a boundary (conditions are evaluated in the child). */
export interface BoundaryBreakpoint {
  id: number;
  step: string;
  action: StepAction;
  /** Restricts the breakpoint to one workflow id; any workflow when absent. */
  workflowId?: string;
  condition?: string;
  hitCondition?: string;
}

/** What the runner needs to load the user's file. */
export interface LoadOptions {
  program: string;
  mocks?: string;
  container?: 'auto' | 'empty' | 'app';
  allowRemoteDatabase?: boolean;
}

export interface RunOptions {
  workflow: string;
  input: unknown;
  failSteps: string[];
  failCompensations: string[];
  breakpoints: BoundaryBreakpoint[];
  /** Failures of these actions pause the run right where they happen (exception filters). */
  failureStops: StepAction[];
  /** Replay this stored execution: steps answer from the record instead of running. */
  replay?: { record: ExecutionRecord; rerunCompensations: boolean };
}

/** A value as the adapter shows it; `ref` > 0 when it can be expanded (a child-side handle). */
export interface WireValue {
  name: string;
  value: string;
  type?: string;
  ref: number;
  indexed?: number;
  named?: number;
  /** true when setVariable may change it. */
  editable?: boolean;
}

export type ChildQuery =
  | { kind: 'scopes'; boundary: number; depth: number }
  | { kind: 'variables'; ref: number; start?: number; count?: number }
  | { kind: 'setVariable'; ref: number; name: string; value: string }
  | { kind: 'evaluate'; boundary?: number; expression: string };

export type ChildQueryResult =
  | { kind: 'scopes'; scopes: { name: string; ref: number; expensive: boolean }[] }
  | { kind: 'variables'; variables: WireValue[] }
  | { kind: 'value'; value: WireValue };

export type ToChild =
  | { type: 'load'; options: LoadOptions }
  | { type: 'run'; options: RunOptions }
  | { type: 'breakpoints'; breakpoints: BoundaryBreakpoint[] }
  | { type: 'failureStops'; actions: StepAction[] }
  | { type: 'resume'; boundary: number }
  | { type: 'forceFailure'; step: string; action: StepAction; enabled: boolean }
  /** The answer to an `awaiting` boundary, sent just before the `resume` that releases it. */
  | { type: 'respond'; boundary: number; answer: StepAnswer }
  | { type: 'query'; seq: number; query: ChildQuery }
  /** Open the inspector, say where, then wait (blocked) until a debugger has attached. */
  | { type: 'inspect' }
  | { type: 'exit' };

export interface LoadedWorkflow {
  id: string;
  /** Runtime step names, when the engine exposes them. */
  steps?: string[];
  /** What a forced failure may name: own steps bare, nested workflows' steps by path. */
  forcedFailureTargets?: string[];
  /** true when the program file itself exports it (not only a file it imports). */
  exported?: boolean;
}

/** What the user answered an awaiting async step: its output, or its error. */
export interface StepAnswer {
  step: AwaitingStep;
  outcome: 'success' | 'failure';
  response?: unknown;
}

/** A point the child is waiting at: before a step's invoke or compensation (`step`), right after
 * a step failed (`failure`, only for the actions in `failureStops`), when the run waits for the
 * response of its async steps (`awaiting`, listed there), or after the run (`end`). */
export interface WireBoundary {
  id: number;
  kind: 'step' | 'failure' | 'awaiting' | 'end';
  /** For `awaiting`: the steps waiting for a response (the boundary's step is the first). */
  awaiting?: AwaitingStep[];
  run: RunFrame;
  step: string;
  action: StepAction;
  attempt: number;
  /** Breakpoint ids whose location, condition and hit condition matched here. */
  hits: number[];
  /** Condition errors to show in the Debug Console. */
  conditionErrors: string[];
  /** For `failure`: what failed, and whether the step will be retried. */
  failure?: { message: string; willRetry: boolean };
}

/** A sanitized engine event (values reduced to previews). */
export interface WireEvent {
  type: string;
  run: RunFrame;
  step?: string;
  action?: StepAction;
  attempt?: number;
  willRetry?: boolean;
  error?: { message: string };
  state?: string;
  errors?: RunEndError[];
  key?: string;
  method?: string;
}

export type FromChild =
  | { type: 'loaded'; workflows: LoadedWorkflow[] }
  | { type: 'loadError'; message: string }
  /** A line for the Debug Console from the runner itself (e.g. which database a run writes to). */
  | { type: 'notice'; message: string }
  /** What happened in one turn of the child: engine events in order, then the boundaries reached
   * (the steps of one wave together), and how the run's snapshot changed with them: a delta
   * against the snapshot of the batch before (absent when nothing changed). */
  | { type: 'batch'; events: WireEvent[]; boundaries: WireBoundary[]; delta?: RunDelta }
  | { type: 'queryResult'; seq: number; result?: ChildQueryResult; error?: string }
  | { type: 'inspecting'; url: string }
  | { type: 'runError'; message: string }
  | { type: 'fatal'; message: string };
