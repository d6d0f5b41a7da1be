// JSON-safe copies of call arguments and results, and a small stable hash for deterministic values.

/** A JSON-safe deep copy: functions, symbols and cycles become markers, Dates ISO strings. */
export function snapshot(value: unknown): unknown {
  return copy(value, new WeakSet<object>(), 0);
}

function copy(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') return '[Function]';
    if (typeof value === 'symbol') return value.toString();
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    return value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (seen.has(value) || depth > 40) return '[Circular]';
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((v) => copy(v, seen, depth + 1));
  } else if (value instanceof Map) {
    out = {};
  } else if (value instanceof Error) {
    out = { name: value.name, message: value.message };
  } else {
    const obj: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      obj[k] = copy(v, seen, depth + 1);
    }
    out = obj;
  }
  seen.delete(value);
  return out;
}

/** A stable text for hashing: object keys sorted, so key order does not change ids. */
export function stableText(value: unknown): string {
  const v = snapshot(value);
  return JSON.stringify(sortKeys(v)) ?? 'undefined';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}

/** FNV-1a, 32 bits, as 7 base-36 characters. */
export function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}
