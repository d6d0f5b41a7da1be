// Plausible rows for list/retrieve/query results: built from the requested fields and filters, so
// the code that reads them finds the properties it asked for. Pure and deterministic.

import { checkedFields, checkedKey, checkedValue, NO_CHECK, rowCheckedFields } from './checks';
import { inputIds, subjectState, type RunHints } from './hints';
import { fieldModel, relationModel, type FieldModel, type ModelCatalog } from './models';
import { calculatedPrice } from './priceShape';
import { hash } from './snapshot';

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

/** What building a row needs: ids for new rows, and the modules' data models. */
export interface RowContext {
  makeId: IdMaker;
  catalog?: ModelCatalog;
  /** What the run's workflow id and input say about its records. */
  hints?: RunHints;
  /** The records the run knows: a made-up reference to a record reuses one of them. */
  world?: { firstId(entity: string): string | undefined };
}

const SOME_DATE = '2024-01-01T00:00:00.000Z';

/** A leaf value: from the data model when it defines the field, else chosen from its name. */
export function leafValue(field: string, entity: string, ctx: RowContext, index: number): unknown {
  if (field === 'id') return ctx.makeId(entity, index);
  const base = namedValue(field, entity, ctx, index);
  if (!ctx.hints || field.startsWith('raw_')) return base;
  // The user's own steps check this field before throwing: the made-up value passes the check.
  const model = fieldModel(ctx.catalog, entity, field);
  const checked = checkedValue(ctx.hints.checks, entity, field, model, base);
  return checked === NO_CHECK ? base : checked;
}

function namedValue(field: string, entity: string, ctx: RowContext, index: number): unknown {
  // A BigNumber's stored form, as the modules keep it beside the number (`raw_amount`).
  if (field.startsWith('raw_')) {
    return { value: String(leafValue(field.slice(4), entity, ctx, index)), precision: 20 };
  }
  const model = fieldModel(ctx.catalog, entity, field);
  const state = ctx.hints ? subjectState(ctx.hints, entity, field, model) : undefined;
  if (state !== undefined) return state;
  if (model) {
    const v = modelValue(model, field);
    if (v !== NO_VALUE) return v;
  }
  if (field.endsWith('_id')) {
    const given = relatedIds(ctx, field.slice(0, -3));
    if (given) return given[index] ?? given[0];
    // A run's made-up records refer to the same one (the cart's and the option's profile).
    return ctx.world?.firstId(field.slice(0, -3)) ?? ctx.makeId(field.slice(0, -3), index);
  }
  if (field.endsWith('_ids')) {
    return [...(relatedIds(ctx, field.slice(0, -4)) ?? [ctx.makeId(field.slice(0, -4), index)])];
  }
  if (field.endsWith('_at')) return null;
  if (/^(is|has|allow|requires|manage|automatic|disabled|enabled)_/.test(field)) return false;
  if (field === 'quantity' || field.endsWith('_quantity')) return quantityOf(field);
  if (/(^|_)(amount|total|subtotal|price|rate|balance|tax|discount)(_|$)/.test(field)) return 0;
  if (field === 'currency_code') return 'usd';
  if (field === 'email') return `${entity}@example.com`;
  if (/(^|_)metadata$/.test(field) || field === 'data' || field === 'context') return {};
  if (field === 'rank' || field === 'version') return 1;
  return `${field}-${index}`;
}

const NO_VALUE = Symbol('no value');

/** Enum choices that say a record is in use (a product shoppers can buy, a running promotion). */
const LIVE_STATES = new Set(['published', 'active', 'enabled', 'live', 'open']);

/** Quantities that count what already happened to an item (reserved, shipped...) start at 0. */
const DONE_QUANTITY =
  /(^|_)(reserved|fulfilled|shipped|delivered|returned|return_requested|return_received|return_dismissed|written_off|incoming|canceled|refunded)_quantity$/;

function quantityOf(field: string): number {
  return DONE_QUANTITY.test(field) ? 0 : 1;
}

/**
 * The ids the run's input gives for records called `name` (`items`, `region_id`), also when the
 * name only ends with it (`payment_providers` takes `provider_id`).
 */
function relatedIds(ctx: RowContext, name: string): readonly string[] | undefined {
  const exact = inputIds(ctx.hints, name);
  if (exact) return exact;
  for (const [given, ids] of ctx.hints?.ids ?? []) if (name.endsWith(`_${given}`)) return ids;
  return undefined;
}

function modelValue(model: FieldModel, field: string): unknown {
  const given = model.default;
  switch (model.kind) {
    case 'enum': {
      // A record that exists before the run is in use: published, active... when it can be.
      const choices = model.choices ?? [];
      const live = choices.find((c) => LIVE_STATES.has(c));
      if (live !== undefined) return live;
      if (typeof given === 'string' && choices.includes(given)) return given;
      return choices[0] ?? NO_VALUE;
    }
    case 'boolean':
      return typeof given === 'boolean' ? given : false;
    case 'number':
    case 'bigNumber':
    case 'float':
    case 'autoincrement':
      if (typeof given === 'number') return given;
      return field === 'quantity' || field.endsWith('_quantity') ? quantityOf(field) : 0;
    case 'dateTime':
      return model.nullable ? null : SOME_DATE;
    case 'json':
      return given !== undefined && typeof given !== 'function' ? given : {};
    case 'array':
      return [];
    default:
      return NO_VALUE;
  }
}

/** Turns `['id', 'items.*', 'items.variant.sku']` into a nested row with those properties. */
export function rowFromFields(
  entity: string,
  fields: readonly string[],
  ctx: RowContext,
  index: number,
): Record<string, unknown> {
  return fillFields({ id: ctx.makeId(entity, index) }, entity, fields, ctx, index);
}

/** A foreign key made up while a row was filled: `row[field]` names a record of `stem`. */
interface MadeUpKey {
  row: Record<string, unknown>;
  field: string;
  stem: string;
}

/**
 * Adds to `row` (in place) every requested field it lacks; relations get related rows. A made-up
 * key names a record of the same result when it has one (a fulfillment item's `line_item_id` is
 * one of the order's `items`).
 */
export function fillFields(
  row: Record<string, unknown>,
  entity: string,
  fields: readonly string[],
  ctx: RowContext,
  index: number,
): Record<string, unknown> {
  const keys: MadeUpKey[] = [];
  const given = new Set(Object.keys(row));
  for (const raw of fields) {
    const path = (raw === '*' ? raw : raw.replace(/^\*/, ''))
      .split('.')
      .filter((p) => p.length > 0);
    addPath(row, entity, path, ctx, index, keys);
  }
  for (const key of keys) {
    const id = idInResult(row, entity, key, ctx);
    if (id !== undefined) key.row[key.field] = id;
  }
  fillRowChecked(row, entity, ctx, given);
  return row;
}

/**
 * The checked fields that need the filled row: a key that must name one of the row's related
 * rows (`cart.metadata.promo_id` one of `cart.promotions`), a key of a JSON field the query
 * returned (`metadata`). Values the row had before (stored, given) stay.
 */
function fillRowChecked(
  row: Record<string, unknown>,
  entity: string,
  ctx: RowContext,
  given: ReadonlySet<string>,
): void {
  const checks = ctx.hints?.checks;
  for (const field of rowCheckedFields(checks, entity)) {
    const [head, key, ...deeper] = field.split('.');
    if (head === undefined || deeper.length > 0) continue;
    if (key === undefined) {
      if (given.has(head)) continue;
      const value = checkedKey(checks, entity, field, row, row[head]);
      if (value !== NO_CHECK) row[head] = value;
      continue;
    }
    const holder = row[head];
    if (!isObject(holder) || key in holder) continue;
    const value = checkedKey(checks, entity, field, row, undefined);
    if (value !== NO_CHECK) row[head] = { ...holder, [key]: value };
  }
}

/**
 * The id of the nearest record in `root`'s tree (breadth first) that `key` can name: its entity is
 * the key's stem, or ends with it, or, less its owner's name, is the stem's last word
 * (`order_item` under order for `line_item_id`). Never the key's own row.
 */
function idInResult(
  root: Record<string, unknown>,
  entity: string,
  key: MadeUpKey,
  ctx: RowContext,
): string | undefined {
  let level: [Record<string, unknown>, string][] = [[root, entity]];
  let loose: string | undefined;
  while (level.length > 0) {
    const next: [Record<string, unknown>, string][] = [];
    for (const [row, owner] of level) {
      for (const [name, value] of Object.entries(row)) {
        const items = (Array.isArray(value) ? value : [value]).filter(isObject);
        if (items.length === 0) continue;
        const child = relationModel(ctx.catalog, owner, name)?.entity ?? singular(name);
        for (const item of items) {
          next.push([item, child]);
          if (typeof item.id !== 'string' || item === key.row) continue;
          if (child === key.stem || child.endsWith(`_${key.stem}`)) return item.id;
          const bare = child.startsWith(`${owner}_`) ? child.slice(owner.length + 1) : child;
          if (key.stem.endsWith(`_${bare}`)) loose ??= item.id;
        }
      }
    }
    if (loose !== undefined) return loose;
    level = next;
  }
  return undefined;
}

function addPath(
  row: Record<string, unknown>,
  entity: string,
  path: string[],
  ctx: RowContext,
  index: number,
  keys: MadeUpKey[],
): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head === '*') {
    fillModelFields(row, entity, ctx, index);
    return;
  }
  const relation = relationModel(ctx.catalog, entity, head);
  if (rest.length === 0 && !relation && !isRelationOnly(head)) {
    if (head in row) return;
    row[head] = leafValue(head, entity, ctx, index);
    // A key the input names, or one the user's checks decide, stays as it is.
    const stem = head.endsWith('_id') ? head.slice(0, -3) : '';
    const decided = checkedFields(ctx.hints?.checks, entity).includes(head);
    if (stem && typeof row[head] === 'string' && !relatedIds(ctx, stem) && !decided)
      keys.push({ row, field: head, stem });
    return;
  }
  const child = relation?.entity ?? singular(head);
  const many = relation ? relation.many : isPlural(head);
  const owner = typeof row.id === 'string' ? row.id : String(index);
  let target = row[head];
  const given = relatedIds(ctx, singular(head));
  if (many) {
    if (!Array.isArray(target)) {
      target = row[head] = given
        ? given.map((id) => ({ id }))
        : [{ id: childId(child, owner, head, 0) }];
    }
    for (const item of target as unknown[]) {
      if (isObject(item)) addPath(item, child, rest, ctx, index, keys);
    }
    return;
  }
  if (!isObject(target) && head === 'calculated_price' && !relation) {
    // Not a model relation: the price the pricing module calculates for the record (query
    // computes it from the price set linked to a variant or a shipping option).
    target = row[head] = calculatedPrice(owner, currencyOf(row));
  }
  if (!isObject(target)) {
    // `if (!!cart.order) throw`: a to-one relation the user's steps require absent is null.
    if (!given && absentByCheck(entity, head, ctx)) {
      row[head] = null;
      return;
    }
    const id = given?.[0] ?? ctx.world?.firstId(child) ?? childId(child, owner, head, 0);
    target = row[head] = { id };
  }
  addPath(target as Record<string, unknown>, child, rest, ctx, index, keys);
}

/**
 * `items.*`: every field the entity's model defines, and the keys of the records it belongs to
 * (`item_id` of a return item); relations stay out unless asked for by name.
 */
export function fillModelFields(
  row: Record<string, unknown>,
  entity: string,
  ctx: RowContext,
  index: number,
): Record<string, unknown> {
  // Fields the user's own steps check are read, whether or not a model defines them.
  for (const name of checkedFields(ctx.hints?.checks, entity)) {
    if (!(name in row)) row[name] = leafValue(name, entity, ctx, index);
  }
  const model = ctx.catalog?.entities[entity];
  if (!model) return row;
  for (const name of Object.keys(model.fields)) {
    if (!(name in row)) row[name] = leafValue(name, entity, ctx, index);
  }
  for (const [name, relation] of Object.entries(model.relations)) {
    const key = `${name}_id`;
    if (relation.holdsKey && !(key in row)) row[key] = leafValue(key, entity, ctx, index);
  }
  return row;
}

/** Whether the checks want the to-one relation `entity.name` falsy (and nothing stored it). */
function absentByCheck(entity: string, name: string, ctx: RowContext): boolean {
  if (!ctx.hints) return false;
  return checkedValue(ctx.hints.checks, entity, name, undefined, {}) === null;
}

/** The id of a related row made up for `owner`: the same owner always gets the same one. */
function childId(entity: string, owner: string, relation: string, i: number): string {
  return `${entity}_${hash(`${owner}|${relation}|${i}`)}`;
}

function currencyOf(row: Record<string, unknown>): string {
  return typeof row.currency_code === 'string' ? row.currency_code : 'usd';
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
