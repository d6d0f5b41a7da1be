// Runner child: one-line previews of arbitrary user values, and bounded JSON-safe copies for the
// wire (snapshots, events). Never throws, whatever the value (getters, cycles, huge strings).

const MAX_STRING = 1000;
const MAX_PREVIEW_KEYS = 5;

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'object') return constructorName(value) ?? 'Object';
  return typeof value;
}

function constructorName(value: object): string | undefined {
  try {
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
    const name = proto?.constructor?.name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

export function quoteString(value: string, max = MAX_STRING): string {
  if (value.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, max))}… (${value.length} chars)`;
}

function primitive(value: unknown): string | undefined {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return quoteString(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return `ƒ ${value.name || 'anonymous'}()`;
    default:
      return value === null ? 'null' : undefined;
  }
}

function safeGet(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch (err) {
    return `<getter threw: ${errorText(err)}>`;
  }
}

export function safeKeys(obj: object): string[] {
  try {
    return Object.keys(obj);
  } catch {
    return [];
  }
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  return describe(err);
}

/** A short, single-line description of a value, like the Variables view shows. */
export function describe(value: unknown): string {
  const p = primitive(value);
  if (p !== undefined) return p;
  const obj = value as object;
  if (obj instanceof Error) return `${obj.name}: ${obj.message}`;
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (Array.isArray(obj)) return `Array(${obj.length})`;
  if (obj instanceof Map || obj instanceof Set) return `${typeName(obj)}(${obj.size})`;
  const keys = safeKeys(obj);
  const parts = keys.slice(0, MAX_PREVIEW_KEYS).map((k) => `${k}: ${shortValue(safeGet(obj, k))}`);
  if (keys.length > MAX_PREVIEW_KEYS) parts.push('…');
  const name = typeName(obj);
  return `${name === 'Object' ? '' : `${name} `}{${parts.join(', ')}}`;
}

function shortValue(value: unknown): string {
  if (typeof value === 'string') return quoteString(value, 40);
  const p = primitive(value);
  if (p !== undefined) return p;
  if (Array.isArray(value)) return `Array(${value.length})`;
  return typeName(value) === 'Object' ? '{…}' : typeName(value);
}

export interface BoundedOptions {
  depth: number;
  maxKeys: number;
  maxString: number;
}

const WIRE: BoundedOptions = { depth: 4, maxKeys: 50, maxString: 500 };

/** A JSON-safe copy with depth, width and string limits; cycles become "[Circular]". */
export function bounded(value: unknown, opts: BoundedOptions = WIRE): unknown {
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string')
      return v.length > opts.maxString ? `${v.slice(0, opts.maxString)}… (${v.length} chars)` : v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
    if (v === null || typeof v === 'boolean') return v;
    if (v === undefined) return undefined;
    if (typeof v !== 'object') return primitive(v);
    if (seen.has(v)) return '[Circular]';
    if (v instanceof Error) return { name: v.name, message: v.message };
    if (v instanceof Date) return describe(v);
    if (depth >= opts.depth) return Array.isArray(v) ? `Array(${v.length})` : describe(v);
    seen.add(v);
    let out: unknown;
    if (Array.isArray(v)) {
      const arr: unknown[] = v.slice(0, opts.maxKeys).map((x) => walk(x, depth + 1) ?? null);
      if (v.length > opts.maxKeys) arr.push(`… ${v.length - opts.maxKeys} more`);
      out = arr;
    } else {
      const rec: Record<string, unknown> = {};
      const keys = safeKeys(v);
      for (const k of keys.slice(0, opts.maxKeys)) rec[k] = walk(safeGet(v, k), depth + 1);
      if (keys.length > opts.maxKeys) rec['…'] = `${keys.length - opts.maxKeys} more keys`;
      out = rec;
    }
    seen.delete(v);
    return out;
  };
  return walk(value, 0);
}

export { safeGet };
