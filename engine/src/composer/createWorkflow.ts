// createWorkflow: runs the composer once to record the flow, registers the definition, and
// returns the workflow function (`wf(container)`, `wf.run`, `wf.runAsStep`, `wf.hooks`, ...).
import { registerDefinition, type StepImpl, type WorkflowOptions } from '../runtime/definition';
import { T_INPUT } from '../symbols';
import { StepResponse } from '../responses';
import { buildPlan } from '../runtime/scheduling';
import {
  WorkflowRunner,
  PARENT,
  type ParentLink,
  type RunOptions,
  type RunResult,
} from '../runtime/runner';
import { RUN, type StepContext } from '../runtime/stepContext';
import type { Run } from '../runtime/run';
import { currentComposer, setComposer, type Composer } from './context';
import { createStep, type StepRef } from './createStep';
import { FlowBuilder } from '../../../shared/medusa/flowBuilder';
import type { FlowNode } from '../runtime/flow';
import { MedusaWorkflow } from './medusaWorkflow';
import { proxify } from './proxy';
import type { HookRegistrar, WorkflowFunction } from './workflowFunction';
import type { WorkflowData } from './types';

export type { WorkflowFunction } from './workflowFunction';

function callerFile(): string | undefined {
  const lines = (new Error().stack ?? '').split('\n');
  const line = lines[3];
  const m = line && /\(?((?:file:\/\/)?[^\s()]+?):\d+:\d+\)?\s*$/.exec(line);
  return m ? m[1] : undefined;
}

export function createWorkflow(
  nameOrConfig: string | (WorkflowOptions & { name: string }),
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  composer: (input: WorkflowData<any>) => unknown,
): WorkflowFunction {
  const sourcePath = callerFile();
  const name = typeof nameOrConfig === 'string' ? nameOrConfig : nameOrConfig.name;
  const options: WorkflowOptions = typeof nameOrConfig === 'string' ? {} : nameOrConfig;
  const handlers = new Map<string, StepImpl>();
  const c: Composer = {
    workflowId: name,
    flow: new FlowBuilder('strict'),
    handlers,
    overridden: new Map(),
    isAsync: false,
    hooksDeclared: [],
    hooksRegistered: [],
    hookFns: {},
    conditions: {},
  };
  const outer = currentComposer();
  setComposer(c);
  let returned: unknown;
  try {
    const input = proxify({
      __type: T_INPUT,
      __step__: '',
      config: () => {
        throw new Error('Config is not available for the input object.');
      },
    });
    returned = composer.apply(c, [input as unknown as WorkflowData]);
  } finally {
    setComposer(outer);
  }
  // Every node the composer adds names its step (`action`): the built tree is the runtime's FlowNode.
  const flow = c.flow.build() as FlowNode | Record<string, never>;
  registerDefinition({
    id: name,
    flow,
    handlers,
    options,
    plan: buildPlan(flow),
    sourcePath,
    defaultResult: returned,
  });
  const wf = makeWorkflowFunction(name, returned, c);
  MedusaWorkflow.registerWorkflow(name, wf);
  return wf;
}

function makeWorkflowFunction(name: string, returned: unknown, c: Composer): WorkflowFunction {
  const wf = ((container?: unknown) =>
    new WorkflowRunner(name, returned, container)) as WorkflowFunction;
  wf.run = (args) => {
    const { container, ...rest } = args ?? {};
    return new WorkflowRunner(name, returned, container).run(rest);
  };
  wf.getName = () => name;
  wf.hooks = {};
  for (const hook of c.hooksDeclared) wf.hooks[hook] = c.hookFns[hook] as HookRegistrar;
  wf.runAsStep = ({ input }) => runAsStep(name, returned, c, input);
  return wf;
}

function childTransactionId(step: StepRef, ctx: StepContext): string {
  return `${step.__step__}-${ctx.transactionId}${ctx.attempt > 1 ? `-attempt-${ctx.attempt}` : ''}`;
}

/**
 * In an app, an async as-step waits for its nested run; the workflow engine moves it on when a
 * later call (setStepSuccess on the child's async step...) finishes that run. A run that finished
 * inside the step's own invoke is its invoke's result instead.
 */
async function settleAsStep(
  parentRun: Run,
  ctx: StepContext,
  runAsAsync: boolean,
  outcome: { result: unknown } | { errors: unknown[] },
): Promise<void> {
  if (!runAsAsync) return;
  const i = parentRun.tx.plan.byName.get(ctx.stepName);
  const rec = i === undefined ? undefined : parentRun.tx.records[i];
  if (rec?.getStates().status !== 'waiting_response') return;
  const runner = new WorkflowRunner(parentRun.def.id, parentRun.def.defaultResult);
  const options = {
    idempotencyKey: ctx.idempotencyKey,
    container: parentRun.container,
    throwOnError: false,
  };
  const moved =
    'errors' in outcome
      ? await runner.registerStepFailure({ ...options, response: outcome.errors })
      : await runner.registerStepSuccess({ ...options, response: outcome.result });
  // The workflow engine's setStepSuccess/Failure throw the parent's error (throwOnError).
  const error = moved.thrownError ?? moved.errors[0]?.error;
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- Medusa throws it as is
  if (error !== undefined && error !== null) throw error;
}

function runAsStep(name: string, returned: unknown, child: Composer, input: unknown): StepRef {
  const parent = currentComposer();
  if (!parent) throw new Error('createStep must be used inside a createWorkflow definition');
  const runAsAsync = parent.isAsync || child.isAsync;
  const holder: { ref?: StepRef } = {};
  const invoke = async (stepInput: unknown, ctx: StepContext): Promise<StepResponse> => {
    const parentRun = ctx[RUN] as Run;
    const { container, ...shared } = ctx;
    const context = {
      ...(shared.context ?? {}),
      transactionId: childTransactionId(holder.ref!, ctx),
      parentStepIdempotencyKey: ctx.idempotencyKey,
      preventReleaseEvents: true,
      runId: ctx.runId,
    };
    const link: ParentLink = {
      ins: parentRun.ins,
      clock: parentRun.clock,
      frame: parentRun.frame,
      step: ctx.stepName,
      attach: (childRun) => {
        const i = parentRun.tx.plan.byName.get(ctx.stepName);
        if (i !== undefined) parentRun.tx.records[i]!.child = childRun;
      },
      settle: (_child, outcome) => settleAsStep(parentRun, ctx, runAsAsync, outcome),
    };
    const result = await new WorkflowRunner(name, returned).run({
      input: stepInput,
      container,
      context,
      [PARENT]: link,
    } as RunOptions);
    return new StepResponse(result.result, result);
  };
  const compensate = async (output: RunResult | undefined, ctx: StepContext): Promise<void> => {
    const { container, ...shared } = ctx;
    const context = {
      ...(shared.context ?? {}),
      transactionId: childTransactionId(holder.ref!, ctx),
      parentStepIdempotencyKey: ctx.idempotencyKey,
      preventReleaseEvents: true,
      cancelingFromParentStep: true,
    };
    await new WorkflowRunner(name, returned, container).cancel({
      transaction: output?.transaction,
      transactionId: context.transactionId,
      container,
      context,
    });
  };
  const ref = createStep(
    { name: `${name}-as-step`, async: runAsAsync, nested: runAsAsync },
    invoke as never,
    compensate as never,
  )(input) as unknown as StepRef;
  holder.ref = ref;
  return ref;
}
