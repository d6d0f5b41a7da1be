// Host (Node, the process that runs the workflow: the CLI and the debugger's runner child): a
// view of a container (the Medusa app's, or one filled from mocks) that records every method call
// on what it resolves, attributed to the step that made it. Imported by cli/runCommand.ts
// and debug-adapter/src/runner/runContainer.ts.
import { STEP_SCOPE, snapshot, type ServiceCall, type StepScope } from '../mock/index';
import { createContainer, type Container } from '../runtime/container';

export type OnServiceCall = (call: ServiceCall) => void;

/** `inner` with what is registered on the result resolved first: a mocks module's services over
 * the Medusa app's (`--container app --mocks <module>`). */
export function overlay(inner: Container): Container {
  const own = createContainer();
  const self: Container = {
    resolve: <T>(key: string, options?: { allowUnregistered?: boolean }): T =>
      own.hasRegistration(key) ? own.resolve<T>(key) : inner.resolve<T>(key, options),
    register(key: string | Record<string, unknown>, value?: unknown) {
      own.register(key, value);
      return self;
    },
    hasRegistration: (key: string) => own.hasRegistration(key) || inner.hasRegistration(key),
    get registrations() {
      return { ...inner.registrations, ...own.registrations };
    },
    cradle: new Proxy<Record<string, unknown>>(
      {},
      {
        get: (_t, p) =>
          typeof p === 'string' && p !== 'then' ? self.resolve<unknown>(p) : undefined,
      },
    ),
  };
  return self;
}

/** The same container, with method calls on what it resolves recorded. Per-step views (through
 * STEP_SCOPE) attribute calls to their step, once the engine asks for them. */
export function recording(
  inner: Container,
  onCall: OnServiceCall,
  unresolvedHint = (key: string) =>
    `Register '${key}' in your mocks module, or use "container": "auto".`,
): Container {
  let seq = 0;
  const next = () => ++seq;
  const view = (scope: StepScope | undefined): Container => {
    const wrappers = new WeakMap<object, unknown>();
    const resolve = <T>(key: string, options?: { allowUnregistered?: boolean }): T => {
      let value: unknown;
      try {
        value = inner.resolve(key, options);
      } catch (err) {
        if (err instanceof Error && !inner.hasRegistration(key)) {
          err.message += `\n\n${unresolvedHint(key)}`;
        }
        throw err;
      }
      if (typeof value !== 'object' || value === null) return value as T;
      let w = wrappers.get(value);
      if (w === undefined) {
        w = record(value, key, scope, (call) => onCall({ seq: next(), ...call }));
        wrappers.set(value, w);
      }
      return w as T;
    };
    const self: Container & {
      createScope(): Container;
      [STEP_SCOPE]: (s: StepScope) => Container;
    } = {
      resolve,
      register(key: string | Record<string, unknown>, value?: unknown) {
        inner.register(key, value);
        return self;
      },
      hasRegistration: (key: string) => inner.hasRegistration(key),
      get registrations() {
        return inner.registrations;
      },
      cradle: new Proxy<Record<string, unknown>>(
        {},
        {
          get: (_t, p) => (typeof p === 'string' && p !== 'then' ? resolve<unknown>(p) : undefined),
        },
      ),
      createScope: () => view(scope),
      [STEP_SCOPE]: (s: StepScope) => view(s),
    };
    return self;
  };
  return view(undefined);
}

function record(
  value: object,
  key: string,
  scope: StepScope | undefined,
  onCall: (call: Omit<ServiceCall, 'seq'>) => void,
): unknown {
  return new Proxy(value, {
    get(target, prop, receiver) {
      const member = Reflect.get(target, prop, receiver) as unknown;
      if (typeof member !== 'function' || typeof prop !== 'string' || prop === 'constructor')
        return member;
      return function (this: unknown, ...args: unknown[]) {
        const base = {
          step: scope?.step,
          action: scope?.action,
          run: scope?.run,
          key,
          method: prop,
          args: snapshot(args) as unknown[],
          result: undefined as unknown,
        };
        const failed = (err: unknown): void =>
          onCall({ ...base, error: (err as Error)?.message ?? String(err) });
        let result: unknown;
        try {
          result = (member as (...a: unknown[]) => unknown).apply(target, args);
        } catch (err) {
          failed(err);
          throw err;
        }
        if (result instanceof Promise) {
          return result.then(
            (r: unknown) => (onCall({ ...base, result: snapshot(r) }), r),
            (err: unknown) => {
              failed(err);
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
