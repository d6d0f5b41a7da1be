// The auto-mocked container: awilix-compatible enough for Medusa's SDK (resolve, cradle,
// getRegistration, createScope, register), with one view per step so every call is attributed.
import { fakeService, recordingWrapper } from './fakeService';
import { ServiceCallRecorder } from './serviceCallRecorder';
import { STEP_SCOPE } from './stepScope';
import type { AutoMockOptions, ServiceCall, StepScope } from './types';

export interface Resolver {
  resolve(container: unknown): unknown;
}

export interface AutoMockContainer {
  resolve<T = unknown>(key: string, options?: { allowUnregistered?: boolean }): T;
  readonly cradle: Record<string, unknown>;
  readonly registrations: Record<string, Resolver>;
  hasRegistration(key: string): boolean;
  getRegistration(key: string): Resolver;
  register(nameOrValues: string | Record<string, unknown>, value?: unknown): AutoMockContainer;
  createScope(): AutoMockContainer;
  /** The same container, with calls attributed to `scope`. */
  forStep(scope: StepScope): AutoMockContainer;
  [STEP_SCOPE](scope: StepScope): AutoMockContainer;
  /** The step this view is lent to; undefined for the root. */
  readonly scope: StepScope | undefined;
  /** Every call recorded so far, from all views, in order. */
  readonly calls: readonly ServiceCall[];
  /** Forgets the record and the call counters (overrides stay). */
  reset(): void;
  /** The run about to start (its workflow id and input), when it was not known at creation. */
  useRun(run: NonNullable<AutoMockOptions['run']>): void;
  readonly isAutoMock: true;
}

const NOT_KEYS = new Set(['then', 'toJSON', 'constructor', 'inspect', 'toString', 'valueOf']);

export function createAutoMockContainer(options: AutoMockOptions = {}): AutoMockContainer {
  return view(new ServiceCallRecorder(options), undefined);
}

function view(recorder: ServiceCallRecorder, scope: StepScope | undefined): AutoMockContainer {
  const resolved = new Map<string, unknown>();
  const wrapped = new WeakMap<object, unknown>();

  const resolve = (key: string): unknown => {
    if (recorder.overrides.has(key)) {
      const value = fromRegistration(recorder.overrides.get(key), self);
      if (!recorder.recordOverrides || typeof value !== 'object' || value === null) {
        return recorder.recordOverrides ? recordingWrapper(recorder, scope, key, value) : value;
      }
      let w = wrapped.get(value);
      if (w === undefined) {
        w = recordingWrapper(recorder, scope, key, value);
        wrapped.set(value, w);
      }
      return w;
    }
    let fake = resolved.get(key);
    if (fake === undefined) {
      fake = fakeService(recorder, scope, key);
      resolved.set(key, fake);
    }
    return fake;
  };

  const register = (
    nameOrValues: string | Record<string, unknown>,
    value?: unknown,
  ): AutoMockContainer => {
    const entries =
      typeof nameOrValues === 'string'
        ? [[nameOrValues, value] as const]
        : Object.entries(nameOrValues);
    for (const [k, v] of entries) {
      recorder.overrides.set(k, v);
      resolved.delete(k);
    }
    return self;
  };

  const registration = (key: string): Resolver => ({ resolve: () => resolve(key) });

  const self: AutoMockContainer = {
    isAutoMock: true,
    scope,
    resolve: <T>(key: string) => resolve(key) as T,
    cradle: new Proxy<Record<string, unknown>>(
      {},
      {
        // Serializing or awaiting the cradle must not look like resolving services.
        get: (_t, prop) =>
          typeof prop === 'string' && !NOT_KEYS.has(prop) ? resolve(prop) : undefined,
      },
    ),
    get registrations() {
      const out: Record<string, Resolver> = {};
      for (const key of recorder.overrides.keys()) out[key] = registration(key);
      return out;
    },
    hasRegistration: () => true,
    getRegistration: registration,
    register,
    createScope: () => view(recorder, scope),
    forStep: (s) => view(recorder, s),
    [STEP_SCOPE]: (s) => view(recorder, s),
    get calls() {
      return recorder.calls;
    },
    reset: () => recorder.reset(),
    useRun: (run) => recorder.useRun(run),
  };
  return self;
}

/** An override is either a plain value or an awilix-style resolver (`asValue`, `asFunction`...). */
function fromRegistration(value: unknown, container: AutoMockContainer): unknown {
  if (isResolver(value)) return value.resolve(container);
  return value;
}

function isResolver(v: unknown): v is Resolver {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { resolve?: unknown }).resolve === 'function' &&
    ('lifetime' in v || 'isLeakSafe' in v)
  );
}
