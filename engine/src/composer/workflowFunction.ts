// Composer, types only: the workflow function createWorkflow returns (`wf(container)`, `wf.run`,
// `wf.runAsStep`, `wf.hooks`). Imported by createWorkflow.ts and medusaWorkflow.ts (the registry).
import type { RunOptions, RunResult, WorkflowRunner } from '../runtime/runner';
import type { WorkflowData } from './types';

export interface WorkflowFunction {
  (container?: unknown): WorkflowRunner;
  run(options?: RunOptions & { container?: unknown }): Promise<RunResult>;
  runAsStep(args: { input?: unknown }): WorkflowData;
  getName(): string;
  hooks: Record<string, HookRegistrar>;
}

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers see resolved data */
type AnyFn = (input: any, context: any) => unknown;
export type HookRegistrar = (invoke: AnyFn, compensate?: AnyFn) => void;
