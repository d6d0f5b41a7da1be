// createHook: a no-op step named after the hook, replaceable by `wf.hooks.<name>(invoke, comp)`.
import { StepResponse } from '../responses';
import { T_HOOK } from '../symbols';
import type { CompensateFn, InvokeFn } from '../runtime/definition';
import { currentComposer } from './context';
import { createStep } from './createStep';

export const NOOP_RESULT = Symbol.for('NOOP');

export interface Hook {
  __type: string;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  getResult(): any;
}

interface ResultContext {
  ' getStepResult'(step: string): unknown;
}

export function createHook(
  name: string,
  hookInput?: unknown,
  options: { resultValidator?: { parse(v: unknown): unknown } } = {},
): Hook {
  const c = currentComposer();
  if (!c) throw new Error('createHook must be used inside a createWorkflow definition');
  const getResultStep = createStep(
    `get-${name}-result`,
    ((_: unknown, ctx: ResultContext) => {
      const result = ctx[' getStepResult'](name);
      if (result === NOOP_RESULT) return new StepResponse(undefined);
      if (options.resultValidator) return options.resultValidator.parse(result);
      if (result === undefined) return new StepResponse(undefined);
      return result;
    }) as never,
    (() => undefined) as never,
  );
  c.hooksDeclared.push(name);
  createStep(
    name,
    (() => new StepResponse(NOOP_RESULT)) as never,
    (() => undefined) as never,
  )(hookInput);
  c.hookFns[name] = (invokeFn: InvokeFn, compensateFn?: CompensateFn) => {
    if (c.hooksRegistered.includes(name)) {
      throw new Error(`Cannot define multiple hook handlers for the ${name} hook`);
    }
    const impl = {
      input: hookInput,
      invoke: invokeFn,
      compensate: compensateFn ?? (() => undefined),
      outputKey: name,
      condition: c.conditions[name],
    };
    c.hooksRegistered.push(name);
    c.handlers.set(name, impl);
  };
  let cached: { value: unknown } | undefined;
  return {
    __type: T_HOOK,
    name,
    getResult() {
      cached ??= { value: getResultStep() };
      return cached.value;
    },
  };
}
