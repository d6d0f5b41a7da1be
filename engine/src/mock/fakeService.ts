// Recording stand-ins for container values: an auto-mocked service (any property is a method,
// the service itself is callable) and a pass-through wrapper around an override.
import type { ServiceCallRecorder } from './serviceCallRecorder';
import { snapshot } from './snapshot';
import type { StepScope } from './types';
import { checkedResult } from './checks';
import { snakeCase as snake } from './models';
import { fakeValue, splitMethod } from './fakeValue';

/** Services that answer from the run's records whatever the method. */
const RECORD_KEYS = new Set(['query', 'remoteQuery', 'link', 'remoteLink']);

/** Verbs whose answers come from the run's records (World): a lookup may find nothing. */
const WORLD_VERBS = new Set([
  'list',
  'listAndCount',
  'retrieve',
  'count',
  'create',
  'update',
  'upsert',
  'createOrUpdate',
  'add',
  'set',
  'delete',
  'softDelete',
  'restore',
]);

/** Properties that must not look like methods (thenables, inspection, module detection). */
const NOT_METHODS = new Set<string | symbol>([
  'then',
  'catch',
  'finally',
  'constructor',
  'toJSON',
  'prototype',
  '__proto__',
  'inspect',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  '__definition',
  '__joinerConfig',
  '__type',
  'length',
  'name',
  'caller',
  'arguments',
]);

/** Logger methods are synchronous; everything else answers with a promise like a module does. */
const SYNC_KEYS = new Set(['logger']);

/** The link service hands out link modules synchronously (`getLinkModule(...)`). */
const LINK_KEYS = new Set(['link', 'remoteLink']);

export function fakeService(
  recorder: ServiceCallRecorder,
  scope: StepScope | undefined,
  key: string,
): unknown {
  const methods = new Map<string, (...args: unknown[]) => unknown>();
  const call = (method: string, args: unknown[]): unknown =>
    fakeCall(recorder, scope, key, method, args);
  return new Proxy(() => undefined, {
    get(_target, prop) {
      if (typeof prop === 'symbol' || NOT_METHODS.has(prop)) return undefined;
      let fn = methods.get(prop);
      if (!fn) {
        fn = (...args: unknown[]) => call(prop, args);
        methods.set(prop, fn);
      }
      return fn;
    },
    apply(_target, _this, args: unknown[]) {
      return call('()', args);
    },
  });
}

function fakeCall(
  recorder: ServiceCallRecorder,
  scope: StepScope | undefined,
  key: string,
  method: string,
  args: unknown[],
): unknown {
  const job = method === 'execute' ? args.find((a) => typeof a === 'function') : undefined;
  if (typeof job === 'function') {
    recorder.nextIdMaker(scope, key, method);
    return settle(recorder, scope, key, method, args, () => (job as () => unknown)());
  }
  if (LINK_KEYS.has(key) && method === 'getLinkModule') {
    recorder.record(scope, key, method, args, { result: '[auto-mocked link module]' }, true);
    return fakeService(recorder, scope, `${key}.linkModule`);
  }
  const makeId = recorder.nextIdMaker(scope, key, method);
  const { world } = recorder;
  // The models load only when a value needs them (an enum field, a relation, a default).
  const site = {
    key,
    method,
    args,
    makeId,
    world,
    hints: recorder.hints,
    get catalog() {
      return recorder.catalog;
    },
  };
  let value = fakeValue(site);
  if (!RECORD_KEYS.has(key) && !WORLD_VERBS.has(splitMethod(method, key).verb)) {
    // An answer the records do not decide (a custom method): it passes the steps' own checks.
    const row = (): unknown => ({ id: makeId(snake(method), 0) });
    value = checkedResult(recorder.hints.checks, method, value, row);
  }
  recorder.record(scope, key, method, args, { result: value }, true);
  const fresh = snapshot(value);
  return SYNC_KEYS.has(key) ? fresh : Promise.resolve(fresh);
}

/** Wraps an override so its method calls are recorded; values and `this` pass through. */
export function recordingWrapper(
  recorder: ServiceCallRecorder,
  scope: StepScope | undefined,
  key: string,
  value: unknown,
): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value;
  const target = value as Record<string | symbol, unknown> & ((...a: unknown[]) => unknown);
  const methods = new Map<string, (...args: unknown[]) => unknown>();
  return new Proxy(target, {
    get(t, prop, receiver) {
      const v: unknown = Reflect.get(t, prop, receiver);
      if (typeof prop === 'symbol' || NOT_METHODS.has(prop) || typeof v !== 'function') return v;
      if (isFrozenProperty(t, prop)) return v;
      let fn = methods.get(prop);
      if (!fn) {
        fn = (...args: unknown[]) =>
          settle(recorder, scope, key, prop, args, () =>
            (Reflect.get(t, prop) as (...a: unknown[]) => unknown).apply(t, args),
          );
        methods.set(prop, fn);
      }
      return fn;
    },
    apply(t, thisArg, args: unknown[]) {
      return settle(recorder, scope, key, '()', args, () => Reflect.apply(t, thisArg, args));
    },
  });
}

/** Runs `fn`, recording its outcome when it settles (after the promise, if it returns one). */
function settle(
  recorder: ServiceCallRecorder,
  scope: StepScope | undefined,
  key: string,
  method: string,
  args: unknown[],
  fn: () => unknown,
): unknown {
  let result: unknown;
  try {
    result = fn();
  } catch (error) {
    recorder.record(scope, key, method, args, { error });
    throw error;
  }
  if (isThenable(result)) {
    return Promise.resolve(result).then(
      (r) => {
        recorder.record(scope, key, method, args, { result: r });
        return r;
      },
      (error: unknown) => {
        recorder.record(scope, key, method, args, { error });
        throw error;
      },
    );
  }
  recorder.record(scope, key, method, args, { result });
  return result;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    (typeof v === 'object' || typeof v === 'function') &&
    v !== null &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}

/** A proxy must return the very value of a non-writable, non-configurable own property. */
function isFrozenProperty(target: object, prop: string): boolean {
  const d = Object.getOwnPropertyDescriptor(target, prop);
  return d !== undefined && d.configurable === false && d.writable === false;
}
