// Runner child: the container a debugged run gets. With `"container": "auto"` it is the engine's
// auto-mocked container (mocks override single keys); otherwise a plain registry holding the
// mocks module's registrations. Both record every service call, attributed to the calling step.
import type { RunFrame, StepAction } from '../../../engine/src/instrumentation';
import {
  createAutoMockContainer,
  snapshot,
  STEP_SCOPE,
  type ServiceCall,
  type StepScope,
} from '../../../engine/src/mock/index';
import type { RecordedCall } from './scopes';

export type OnCall = (call: RecordedCall) => void;

interface Registry {
  register(nameOrValues: string | Record<string, unknown>, value?: unknown): unknown;
}

/** Applies a mocks module (an object of registrations, or a function receiving the container). */
export async function applyMocks(container: Registry, mocks: unknown): Promise<void> {
  const mod = mocks as { default?: unknown } | undefined;
  const value = mod && typeof mod === 'object' && 'default' in mod ? mod.default : mocks;
  if (typeof value === 'function') {
    await (value as (c: Registry) => unknown)(container);
    return;
  }
  if (value && typeof value === 'object') {
    container.register(value as Record<string, unknown>);
    return;
  }
  throw new Error(
    'The mocks module must export an object of container registrations or a function receiving the container.',
  );
}

export function autoContainer(onCall: OnCall): Registry {
  return createAutoMockContainer({
    onCall: (call: ServiceCall) => onCall(fromServiceCall(call)),
  });
}

function fromServiceCall(call: ServiceCall): RecordedCall {
  return {
    step: call.step,
    action: call.action,
    transactionId: call.run?.transactionId,
    key: call.key,
    method: call.method,
    args: call.args,
    result: call.result,
    error: call.error,
  };
}

/** A plain registry (awilix-like `resolve`/`register`) that records method calls on its values. */
export function plainContainer(onCall: OnCall): Registry {
  const values = new Map<string, unknown>();
  const view = (scope: StepScope | undefined): Registry & Record<string | symbol, unknown> => {
    const wrappers = new Map<string, unknown>();
    const resolve = (key: string, options?: { allowUnregistered?: boolean }): unknown => {
      if (!values.has(key)) {
        if (options?.allowUnregistered) return undefined;
        throw new Error(
          `Could not resolve '${key}': nothing is registered under it (add it to your mocks module, or use "container": "auto").`,
        );
      }
      let w = wrappers.get(key);
      if (w === undefined) {
        w = record(fromRegistration(values.get(key)), key, scope, onCall);
        wrappers.set(key, w);
      }
      return w;
    };
    const self: Registry & Record<string | symbol, unknown> = {
      register(nameOrValues: string | Record<string, unknown>, value?: unknown) {
        const entries =
          typeof nameOrValues === 'string'
            ? [[nameOrValues, value] as const]
            : Object.entries(nameOrValues);
        for (const [k, v] of entries) values.set(k, v);
        return self;
      },
      resolve,
      hasRegistration: (key: string) => values.has(key),
      cradle: new Proxy(
        {},
        { get: (_t, p) => (typeof p === 'string' && p !== 'then' ? resolve(p) : undefined) },
      ),
      createScope: () => view(scope),
      [STEP_SCOPE]: (s: StepScope) => view(s),
    };
    return self;
  };
  return view(undefined);
}

/** A registration is a plain value or a resolver (`asValue(...)`, awilix `asValue`/`asClass`...). */
function fromRegistration(value: unknown): unknown {
  const r = value as { resolve?: unknown; __asValue?: unknown; lifetime?: unknown } | null;
  if (
    r &&
    typeof r === 'object' &&
    typeof r.resolve === 'function' &&
    ('__asValue' in r || 'lifetime' in r)
  ) {
    return (r.resolve as () => unknown)();
  }
  return value;
}

function record(
  value: unknown,
  key: string,
  scope: StepScope | undefined,
  onCall: OnCall,
): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return new Proxy(value, {
    get(target, prop, receiver) {
      const member = Reflect.get(target, prop, receiver) as unknown;
      if (typeof member !== 'function' || typeof prop !== 'string' || prop === 'constructor')
        return member;
      return function (this: unknown, ...args: unknown[]) {
        const base = callBase(scope, key, prop, args);
        let result: unknown;
        try {
          result = (member as (...a: unknown[]) => unknown).apply(target, args);
        } catch (err) {
          onCall({ ...base, result: undefined, error: (err as Error)?.message ?? String(err) });
          throw err;
        }
        if (result instanceof Promise) {
          return result.then(
            (r: unknown) => (onCall({ ...base, result: snapshot(r) }), r),
            (err: unknown) => {
              onCall({ ...base, result: undefined, error: (err as Error)?.message ?? String(err) });
              throw err;
            },
          );
        }
        onCall({ ...base, result: snapshot(result) });
        return result;
      };
    },
  });
}

function callBase(
  scope: StepScope | undefined,
  key: string,
  method: string,
  args: unknown[],
): RecordedCall {
  const run: RunFrame | undefined = scope?.run;
  const action: StepAction | undefined = scope?.action;
  return {
    step: scope?.step,
    action,
    transactionId: run?.transactionId,
    key,
    method,
    args: snapshot(args),
    result: undefined,
  };
}
