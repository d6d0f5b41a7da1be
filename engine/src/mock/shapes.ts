// Plausible rows for list/retrieve/query results: built from the requested fields and filters, so
// the code that reads them finds the properties it asked for. Pure and deterministic.

export type IdMaker = (entity: string, index: number) => string;

/** Names ending in `s` that are still singular (not relations returning arrays). */
const SINGULAR = new Set([
  'address',
  'status',
  'metadata',
  'billing_address',
  'shipping_address',
  'class',
  'process',
  'canceled_at',
  'is_tax_inclusive',
  'tax_inclusive',
  'data',
  'summary',
  'totals',
  'raw_totals',
  'details',
  'access',
  'success',
  'credit_lines_total',
  'progress',
  'alias',
]);

export function isPlural(name: string): boolean {
  return name.endsWith('s') && !SINGULAR.has(name) && !name.endsWith('ss') && !name.endsWith('_at');
}

export function singular(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(name)) return name.slice(0, -2);
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name;
}

/** A leaf value chosen from the field's name. */
export function leafValue(field: string, entity: string, makeId: IdMaker, index: number): unknown {
  if (field === 'id') return makeId(entity, index);
  if (field.endsWith('_id')) return makeId(field.slice(0, -3), index);
  if (field.endsWith('_ids')) return [makeId(field.slice(0, -4), index)];
  if (field.endsWith('_at')) return null;
  if (/^(is|has|allow|requires|manage|automatic|disabled|enabled)_/.test(field)) return false;
  if (field === 'quantity' || field.endsWith('_quantity')) return 1;
  if (/(^|_)(amount|total|subtotal|price|rate|balance|tax|discount)(_|$)/.test(field)) return 0;
  if (field === 'currency_code') return 'usd';
  if (field === 'email') return `${entity}@example.com`;
  if (field === 'metadata' || field === 'data' || field === 'context') return {};
  if (field === 'rank' || field === 'version') return 1;
  return `${field}-${index}`;
}

/** Turns `['id', 'items.*', 'items.variant.sku']` into a nested row with those properties. */
export function rowFromFields(
  entity: string,
  fields: readonly string[],
  makeId: IdMaker,
  index: number,
): Record<string, unknown> {
  const row: Record<string, unknown> = { id: makeId(entity, index) };
  for (const raw of fields) {
    const path = raw
      .replace(/^\*/, '')
      .split('.')
      .filter((p) => p.length > 0);
    addPath(row, entity, path, makeId, index);
  }
  return row;
}

function addPath(
  row: Record<string, unknown>,
  entity: string,
  path: string[],
  makeId: IdMaker,
  index: number,
): void {
  const [head, ...rest] = path;
  if (head === undefined || head === '*') return;
  if (rest.length === 0 && !isRelationOnly(head)) {
    if (!(head in row)) row[head] = leafValue(head, entity, makeId, index);
    return;
  }
  const child = singular(head);
  let target = row[head];
  if (isPlural(head)) {
    if (!Array.isArray(target)) target = row[head] = [{ id: makeId(child, index) }];
    for (const item of target as unknown[]) {
      if (isObject(item)) addPath(item, child, rest, makeId, index);
    }
    return;
  }
  if (!isObject(target)) target = row[head] = { id: makeId(child, index) };
  addPath(target as Record<string, unknown>, child, rest, makeId, index);
}

/** A bare `*items` or `items` with no dot is a relation when its name is plural. */
function isRelationOnly(name: string): boolean {
  return isPlural(name) && !name.endsWith('_ids');
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Scalars a filter pins (`{ id: 'a' }`, `{ id: ['a', 'b'] }`, `{ id: { $in: [...] } }`). */
export function filterValues(filters: unknown): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  if (!isObject(filters)) return out;
  for (const [k, v] of Object.entries(filters)) {
    if (k.startsWith('$')) continue;
    const values = pinned(v);
    if (values.length > 0) out.set(k, values);
  }
  return out;
}

function pinned(v: unknown): unknown[] {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return [v];
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' || typeof x === 'number');
  if (isObject(v)) {
    if ('$in' in v) return pinned(v.$in);
    if ('$eq' in v) return pinned(v.$eq);
  }
  return [];
}

/** Rows for a query: one per pinned id (at most 20), else one; filter scalars echoed. */
export function rowsFor(
  entity: string,
  fields: readonly string[],
  filters: unknown,
  makeId: IdMaker,
): Record<string, unknown>[] {
  const pins = filterValues(filters);
  const ids = pins.get('id') ?? [];
  const count = Math.min(Math.max(ids.length, 1), 20);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const row = rowFromFields(entity, fields, makeId, i);
    for (const [k, values] of pins) row[k] = k === 'id' ? values[i] : values[0];
    rows.push(row);
  }
  return rows;
}
