// Runner child: the container a debugged run gets. With `"container": "auto"` it is the engine's
// auto-mocked container (the mocks module overrides single keys); otherwise the host's container
// (engine/src/host/container.ts) filled from the mocks module. Both record every service call.
import {
  applyMocks,
  buildContainer,
  loadModelCatalog,
  type ModuleLoader,
} from '../../../engine/src/host/index';
import type { Container } from '../../../engine/src/index';
import {
  createAutoMockContainer,
  snapshot,
  STEP_SCOPE,
  type ServiceCall,
  type StepScope,
} from '../../../engine/src/mock/index';
import type { LoadOptions } from '../ipc';
import type { RecordedCall } from './scopes';

export type OnCall = (call: RecordedCall) => void;

export async function buildRunContainer(
  options: LoadOptions,
  loadModule: ModuleLoader,
  onCall: OnCall,
): Promise<Container> {
  if (options.container === 'auto') {
    const auto = createAutoMockContainer({
      onCall: (call: ServiceCall) => onCall(fromServiceCall(call)),
      models: () => loadModelCatalog(options.program, loadModule),
    });
    if (options.mocks !== undefined) {
      await applyMocks(auto, loadModule(options.mocks), options.mocks);
    }
    return auto;
  }
  return recording(await buildContainer({ mocks: options.mocks }, loadModule), onCall);
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
    ...(call.mocked ? { mocked: true } : {}),
  };
}

/** The same container, with method calls on what it resolves recorded. Per-step views (through
 * STEP_SCOPE) attribute calls to their step, once the engine asks for them. */
export function recording(inner: Container, onCall: OnCall): Container {
  const view = (scope: StepScope | undefined): Container => {
    const wrappers = new WeakMap<object, unknown>();
    const resolve = <T>(key: string, options?: { allowUnregistered?: boolean }): T => {
      let value: unknown;
      try {
        value = inner.resolve(key, options);
      } catch (err) {
        if (err instanceof Error && !inner.hasRegistration(key)) {
          err.message += `\n\nRegister '${key}' in your mocks module, or use "container": "auto".`;
        }
        throw err;
      }
      if (typeof value !== 'object' || value === null) return value as T;
      let w = wrappers.get(value);
      if (w === undefined) {
        w = record(value, key, scope, onCall);
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

function record(value: object, key: string, scope: StepScope | undefined, onCall: OnCall): unknown {
  return new Proxy(value, {
    get(target, prop, receiver) {
      const member = Reflect.get(target, prop, receiver) as unknown;
      if (typeof member !== 'function' || typeof prop !== 'string' || prop === 'constructor')
        return member;
      return function (this: unknown, ...args: unknown[]) {
        const base: RecordedCall = {
          step: scope?.step,
          action: scope?.action,
          transactionId: scope?.run?.transactionId,
          key,
          method: prop,
          args: snapshot(args),
          result: undefined,
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
