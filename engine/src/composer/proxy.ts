// Lazy references: property access on a step output (or the workflow input, or a transform)
// yields a transform that reads that property at run time.
import { T_TRANSFORM, type Ref } from '../symbols';
import type { WorkflowData } from './types';
import type { ResolveContext } from '../runtime/resolve';
import { resolveValue } from '../runtime/resolve';
import { track } from '../runtime/tracked';

export function proxify<T extends object>(target: T): T {
  const proxy = new Proxy(target, {
    get(t, prop) {
      if (prop in t) return (t as Record<string | symbol, unknown>)[prop];
      return transform(
        { target: t },
        (data: { target?: Record<string | symbol, unknown> }): unknown => data.target?.[prop],
      ) as unknown;
    },
  });
  track(proxy, target);
  return proxy;
}

type Fn = (input: unknown, context: ResolveContext) => unknown;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (input: any, context: any) => any;

let transformSeq = 0;

/** A lazy computation over resolved values; evaluated when consumed, cached per run. */
export function transform(values: unknown, ...functions: AnyFn[]): WorkflowData {
  const id = `t${++transformSeq}`;
  const fns = functions as unknown as Fn[];
  const resolver = (rc: ResolveContext): unknown => {
    const cache = rc.cache;
    if (cache?.has(id)) return cache.get(id);
    const apply = (first: unknown): unknown => {
      let result = first;
      for (let i = 0; i < fns.length; i++) {
        const fn = fns[i]!;
        if (result instanceof Promise) {
          const rest = fns.slice(i);
          return result.then((r) => chain(r, rest, rc));
        }
        result = fn.apply(fn, [result, rc]);
      }
      return result;
    };
    const values_ = resolveValue(values, rc);
    let out = values_ instanceof Promise ? values_.then(apply) : apply(values_);
    if (out instanceof Promise) out = out.then((r: unknown) => (cache?.set(id, r), r));
    cache?.set(id, out);
    return out;
  };
  const ref = { __id: id, __type: T_TRANSFORM } as Ref;
  const proxied = proxify(ref);
  (ref as Record<string, unknown>).__resolver = resolver;
  return proxied as WorkflowData;
}

async function chain(first: unknown, fns: Fn[], rc: ResolveContext): Promise<unknown> {
  let result = first;
  for (const fn of fns) result = await fn.apply(fn, [result, rc]);
  return result;
}
