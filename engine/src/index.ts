// Public entry of the embedded engine: the @medusajs/workflows-sdk API as users import it, plus
// the registry, instrumentation types and helpers used by the CLI, debugger and tests. Rooms:
// runtime/ (runs a flow tree: scheduler, handlers, retries, timers), composer/ (createWorkflow
// and co. build the tree), mock/ (the auto-mocked container), executions/ (Medusa's stored
// executions: read, match, replay), host/ (Node only: loading workflow files, booting a Medusa
// app, the run's container).
export { createStep } from './composer/createStep';
export type {
  StepConfig,
  StepFunction,
  WorkflowData,
  StepExecutionContext,
} from './composer/types';
export { createWorkflow } from './composer/createWorkflow';
export type { WorkflowFunction } from './composer/createWorkflow';
export { when } from './composer/when';
export { transform } from './composer/proxy';
export { parallelize } from './composer/parallelize';
export { createHook } from './composer/createHook';
export { MedusaWorkflow, clearWorkflows, unregisterWorkflow } from './composer/medusaWorkflow';
export { StepResponse, WorkflowResponse } from './responses';
export {
  PermanentStepFailureError,
  SkipStepResponse,
  TransactionStepTimeoutError,
  TransactionTimeoutError,
} from './errors';
export { resolveValue } from './runtime/resolve';
export { forcedFailureTargets } from './runtime/forcedFailures';
export { candidatesHint, forcedStepCandidates, runningStepPath } from './runtime/runningStepPath';
export { getWorkflowFlow, getWorkflowIds, unrunnableReason } from './runtime/definition';
export { createContainer, asValue } from './runtime/container';
export type { Container } from './runtime/container';
export { ManualClock, systemClock } from './clock';
export type { Clock } from './clock';
export { snapshotOf } from './runtime/runSnapshot';
export type { RunEvents, EventArgs } from './runtime/events';
export type { RunOptions, RunResult, CancelOptions, ResponseOptions } from './runtime/runner';
export type { Transaction, StepRecord } from './runtime/transaction';
export type * from './instrumentation';
export { replayExecution, rebuildError } from './executions/replay';
export type { Replayable, ReplayMismatch, ReplayOptions, ReplayOutcome } from './executions/replay';
