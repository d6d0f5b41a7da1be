// when(): every step created inside `.then()` gets the condition, evaluated per step at run time.
import { StepResponse } from '../responses';
import { T_STEP } from '../symbols';
import { currentComposer, uniqueId } from './context';
import { createStep } from './createStep';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Cond = (input: any, context: any) => unknown;

export function when(input: unknown, condition: Cond): { then<T>(fn: () => T): T };
export function when(name: string, input: unknown, condition: Cond): { then<T>(fn: () => T): T };
export function when(...args: unknown[]): { then<T>(fn: () => T): T } {
  let [name, input, condition] = args as [string | undefined, unknown, unknown];
  if (args.length === 2) {
    condition = input;
    input = name;
    name = undefined;
  }
  if (typeof condition !== 'function') throw new Error(`"when condition" must be a function`);
  const c = currentComposer();
  const scope = { input, condition: condition as (i: unknown, ctx: unknown) => unknown, steps: [] };
  if (c) c.when = scope;
  let thenCalled = false;
  queueMicrotask(() => {
    if (!thenCalled) throw new Error(`".then" is missing after "when" condition`);
  });
  return {
    then<T>(fn: () => T): T {
      thenCalled = true;
      const ret = fn() as unknown;
      let returned: unknown = ret;
      if (ret !== undefined && ret !== null && (ret as { __type?: unknown }).__type !== T_STEP) {
        if (name === undefined || name === null) {
          name = 'when-then-' + uniqueId();
          console.warn(
            `${c?.workflowId}: "when" name should be defined. A random one will be assigned to it, which is not recommended for production.\n`,
            String(condition),
          );
        }
        const pass = createStep(
          name,
          ((i: { input: unknown }) => new StepResponse(i.input)) as never,
        );
        const r = ret as { hooks?: unknown; result?: unknown };
        if (r.constructor?.name === 'Object' && 'hooks' in r && 'result' in r) {
          returned = { hooks: r.hooks, result: pass({ input: r.result }) };
        } else {
          returned = pass({ input: ret });
        }
      }
      for (const step of scope.steps as { if(i: unknown, c: unknown): unknown }[]) {
        step.if(input, condition);
      }
      if (c) delete c.when;
      return returned as T;
    },
  };
}
