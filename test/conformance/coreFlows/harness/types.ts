// Shapes exchanged between the differential children (one per engine) and the comparing test.
import type { StepAction } from '../../../../engine/src/instrumentation';

/**
 * One run: a workflow as is, or with a forced invoke failure of one step position: `step` for a
 * step of the workflow itself, `<nested workflow id>>step` for a step of a nested workflow.
 */
export interface RunSpec {
  workflow: string;
  fail?: string;
  /** With `fail`: also force the compensation of this step of the workflow itself to fail. */
  failCompensation?: string;
}

/** The position key of a step: its name in the run's own workflow, else `<workflow>>step`. */
export function positionKey(runWorkflow: string, workflow: string, step: string): string {
  return workflow === runWorkflow ? step : `${workflow}>${step}`;
}

export type TraceEvent =
  | { type: 'step.begin'; step: string; action: StepAction }
  | { type: 'step.success'; step: string; action: StepAction }
  | { type: 'step.failure'; step: string; action: StepAction; message: string }
  | { type: 'step.skipped'; step: string }
  | { type: 'compensation.begin' }
  | { type: 'run.end'; state: string };

export interface StepCall {
  step: string;
  action: StepAction;
  key: string;
  method: string;
  args: unknown[];
  result: unknown;
}

export interface RunResult extends RunSpec {
  events: TraceEvent[];
  /** Positions (see positionKey) whose invoke began, nested workflows' steps included, in order. */
  begun: string[];
  state: string;
  /** Final invoke/compensate state of every top-level step, by step name. */
  steps: Record<string, { invoke: string; compensate: string }>;
  /** Final invoke output of every top-level step that has one. */
  outputs: Record<string, unknown>;
  errors: { step: string; action: string; message: string }[];
  result: unknown;
  /** Container calls made by steps (nested workflows' steps included). */
  calls: StepCall[];
  /** Set when the run itself could not be made (the harness failed, not the workflow). */
  crash?: string;
}

/** What a child is asked to do (passed as JSON in argv[2]). */
export interface ChildPlan {
  /** Workflow ids in run order; empty means every registered workflow. */
  workflows: string[];
  /** Forced-failure runs per workflow: all positions, or a deterministic sample of at most n. */
  positions: 'all' | { sample: number };
  /** Output file (JSON lines of RunResult). */
  out: string;
}
