// Run-time resolution of definition-time references (workflow input, step outputs, transforms,
// responses) into plain values, JSON-cloned like Medusa's resolveValue, keys in its order (keys
// read through a transform come last). Synchronous whenever no transform returns a promise, so
// the hot path pays no extra await.
import { isTracked, targetOf } from './tracked';
import { T_DATA, T_INPUT, T_STEP, T_STEP_RESPONSE, T_TRANSFORM, T_WF_RESPONSE } from '../symbols';

/** What references resolve against: the run's input and stored step responses. */
export interface ResolveContext {
  payload: unknown;
  invoke: Record<string, unknown>;
  compensate: Record<string, unknown>;
  /** Per-run transform cache; absent when resolving the final result (Medusa recomputes). */
  cache?: Map<string, unknown>;
  [key: string]: unknown;
}

type Obj = Record<string, unknown>;

function isPlainObject(v: unknown): v is Obj {
  return v != null && (v as Obj).constructor?.name === 'Object';
}

/** Deep copy keeping only JSON-representable data (Dates become strings, functions vanish). */
export function jsonClone(value: unknown): unknown {
  if (value == null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(jsonClone);
  const ctor = (value as Obj).constructor;
  if (ctor !== Object && ctor !== undefined) {
    const s = JSON.stringify(value);
    return s === undefined ? undefined : JSON.parse(s);
  }
  const copy: Obj = {};
  for (const key in value as Obj) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = (value as Obj)[key];
    if (typeof v === 'function' || typeof v === 'symbol') continue;
    const c = jsonClone(v);
    if (c !== undefined) copy[key] = c;
  }
  return copy;
}

/** The stored output of a step, as a later reference sees it. */
export function stepOutput(invoke: Record<string, unknown>, step: string): unknown {
  const stored = invoke[step] as Obj | undefined;
  const output = (stored?.output ?? stored) as Obj | undefined;
  return output?.__type === T_STEP_RESPONSE ? output.output : output;
}

function resolveProperty(p: Obj, rc: ResolveContext): unknown {
  switch (p.__type) {
    case T_INPUT:
      return rc.payload;
    case T_WF_RESPONSE:
      return resolveValue(p.$result, rc);
    case T_TRANSFORM:
      return (p.__resolver as (rc: ResolveContext) => unknown)(rc);
    case T_STEP:
      return stepOutput(rc.invoke, p.__step__ as string);
    case T_STEP_RESPONSE:
      return p.output;
    default:
      return p;
  }
}

function then<T>(v: unknown, fn: (r: unknown) => T): T | Promise<T> {
  return v instanceof Promise ? v.then(fn) : fn(v);
}

function unwrapArray(items: unknown[], rc: ResolveContext): unknown {
  let pending: Promise<unknown>[] | undefined;
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item == null || typeof item !== 'object') {
      out[i] = item;
      continue;
    }
    const r = resolveValue(item, rc);
    if (r instanceof Promise) (pending ??= []).push(r.then((v: unknown) => (out[i] = v)));
    else out[i] = r;
  }
  return pending ? Promise.all(pending).then(() => out) : out;
}

/** A key whose value is settled after the others: read through a transform (always a promise
 * in Medusa, so assigned late) or an object whose own unwrapping went async. */
interface Late {
  key: string;
  value: unknown;
  /** true: the key was already placed (a nested object); false: placed when it settles. */
  placed: boolean;
}

function unwrap(input: unknown, rc: ResolveContext): unknown {
  if (input == null) return input;
  if (Array.isArray(input)) return unwrapArray(input, rc);
  if (isTracked(input)) {
    return then(resolveProperty(targetOf(input as Obj) as Obj, rc), (r) =>
      isPlainObject(r) ? unwrap(r, rc) : r,
    );
  }
  if (!isPlainObject(input)) return input;
  const out: Obj = {};
  let late: Late[] | undefined;
  for (const key of Object.keys(input)) {
    const v = input[key];
    if (v == null || typeof v !== 'object') {
      out[key] = v;
      continue;
    }
    const target = (targetOf(v) ?? v) as Obj;
    const r = resolveProperty(target, rc);
    if (target.__type === T_TRANSFORM || r instanceof Promise) {
      (late ??= []).push({ key, value: r, placed: false });
      continue;
    }
    out[key] = r;
    if (r == null || typeof r !== 'object') continue;
    const u = unwrap(r, rc);
    if (u instanceof Promise) (late ??= []).push({ key, value: u, placed: true });
    else out[key] = u;
  }
  if (!late) return out;
  const pending = late.some((l) => l.value instanceof Promise);
  if (!pending) return placeLate(out, late, rc);
  return Promise.all(late.map((l) => l.value)).then((values) =>
    placeLate(
      out,
      late.map((l, i) => ({ ...l, value: values[i] })),
      rc,
    ),
  );
}

/** Assigns the late keys in key order, after the others, as Medusa's resolveValue does. An
 * object read through a transform that has a `key` field is taken for Medusa's own internal
 * `{ key, value }` pair (its quirk: `out[value.key] = value.value`). */
function placeLate(out: Obj, late: Late[], rc: ResolveContext): unknown {
  let chain: Promise<unknown> | undefined;
  for (const { key, value, placed } of late) {
    if (placed) {
      out[key] = value;
      continue;
    }
    if (value !== null && typeof value === 'object' && 'key' in value) {
      const pair = value as { key: string; value: unknown };
      out[pair.key] = pair.value;
      continue;
    }
    out[key] = value;
    if (value == null || typeof value !== 'object') continue;
    const u = unwrap(value, rc);
    if (u instanceof Promise) {
      chain = Promise.all([chain, u.then((x: unknown) => void (out[key] = x))]);
    } else out[key] = u;
  }
  return chain ? chain.then(() => out) : out;
}

/** Resolves every reference inside `input` and returns a JSON clone (or a promise of one). */
export function resolveValue(input: unknown, rc: ResolveContext): unknown {
  if (input == null || typeof input !== 'object') return input;
  const raw = (targetOf(input) ?? input) as Obj;
  const v = (raw.__type === T_DATA ? raw.output : raw) as Obj;
  const r = v?.__type ? resolveProperty(v, rc) : unwrap(v, rc);
  return r instanceof Promise ? r.then(jsonClone) : jsonClone(r);
}
