// createStep: returns a step function; calling it inside a composer records a node in the flow
// and returns a lazy reference to the step's output.
import { T_STEP, T_STEP_BIND, type Ref } from '../symbols';
import type { CompensateFn, InvokeFn, StepImpl } from '../runtime/definition';
import type {
  CompensateFunction,
  InvokeFunction,
  StepConfig,
  StepFunction,
  StepOutput,
} from './types';
import { currentComposer, uniqueId, type Composer } from './context';
import { proxify } from './proxy';

export type { StepConfig, StepFunction } from './types';

export type StepRef = Ref & {
  config(config: StepConfig): StepRef;
  if(input: unknown, condition: (input: never, context: never) => unknown): StepRef;
  [key: string]: unknown;
};

interface StepSpec {
  stepName: string;
  stepConfig: StepConfig;
  input: unknown;
  invokeFn: InvokeFn;
  compensateFn?: CompensateFn;
}

function makeImpl(spec: StepSpec, name: string, config: StepConfig): StepImpl {
  return {
    input: spec.input,
    invoke: spec.invokeFn,
    compensate: spec.compensateFn,
    outputKey: name,
    async: !!config.async,
  };
}

/** Records one call of a step in the composer `c` and returns its output reference. */
export function applyStep(c: Composer, spec: StepSpec): StepRef {
  if (!c.workflowId) throw new Error('createStep must be used inside a createWorkflow definition');
  const { stepName, stepConfig } = spec;
  const impl = makeImpl(spec, stepName, stepConfig);
  stepConfig.uuid = uniqueId();
  stepConfig.noCompensation = !spec.compensateFn;
  c.flow.addAction(stepName, stepConfig);
  c.isAsync ||= !!(stepConfig.async || stepConfig.compensateAsync);
  c.overridden.set(stepName, c.handlers.get(stepName));
  c.handlers.set(stepName, impl);
  const ret: Ref = { __type: T_STEP, __step__: stepName };
  const ref = proxify(ret) as StepRef;
  ref.config = (local: StepConfig): StepRef => {
    const newName = local.name ?? stepName;
    const newConfig: StepConfig = { async: false, compensateAsync: false, ...stepConfig, ...local };
    if (newConfig.nested !== undefined) newConfig.nested ||= newConfig.async;
    delete newConfig.name;
    const newImpl = makeImpl(spec, newName, newConfig);
    const previous = c.overridden.get(stepName);
    if (previous) c.handlers.set(stepName, previous);
    else c.handlers.delete(stepName);
    c.overridden.delete(stepName);
    c.handlers.set(newName, newImpl);
    c.flow.replaceAction(stepConfig.uuid as string, newName, newConfig);
    c.isAsync ||= !!(newConfig.async || newConfig.compensateAsync);
    const condition = c.conditions[stepName];
    delete c.conditions[stepName];
    c.conditions[newName] = condition;
    ret.__step__ = newName;
    if (c.when) {
      const i = c.when.steps.findIndex((s) => s.__step__ === ret.__step__);
      if (i > -1) c.when.steps.splice(i, 1);
      c.when.steps.push(ref);
    }
    return ref;
  };
  ref.if = (input, condition) => {
    if (typeof condition !== 'function') throw new Error('Condition must be a function');
    const cond = { input, fn: condition as (i: unknown, ctx: unknown) => unknown };
    c.conditions[ret.__step__!] = cond;
    impl.condition = cond;
    c.handlers.set(ret.__step__!, impl);
    return ref;
  };
  c.when?.steps.push(ref);
  return ref;
}

/** Defines a step: `createStep(nameOrConfig, invoke, compensate?)`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createStep<TInput = any, R = unknown, TCompInput = any>(
  nameOrConfig: string | StepConfig,
  invokeFn: InvokeFunction<TInput, R>,
  compensateFn?: CompensateFunction<TCompInput>,
): StepFunction<TInput, StepOutput<R>> {
  const isName = typeof nameOrConfig === 'string';
  const stepName = (isName ? nameOrConfig : nameOrConfig.name) ?? invokeFn.name;
  const config: StepConfig = isName ? {} : nameOrConfig;
  const fn = function (input?: unknown): StepRef {
    const c = currentComposer();
    if (!c) throw new Error('createStep must be used inside a createWorkflow definition');
    return applyStep(c, {
      stepName,
      stepConfig: config,
      input,
      invokeFn: invokeFn as unknown as InvokeFn,
      compensateFn: compensateFn as unknown as CompensateFn | undefined,
    });
  } as unknown as StepFunction<TInput, StepOutput<R>>;
  fn.__type = T_STEP_BIND;
  fn.__step__ = stepName;
  return fn;
}
