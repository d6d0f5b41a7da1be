// The value an auto-mocked method returns: derived from the key, the method, the arguments, the
// records the run already holds (World) and per-scope call counts, so a run is reproducible.
import { fieldModel, snakeCase as snake, type ModelCatalog } from './models';
import { isObject, singular, type IdMaker, type RowContext } from './shapes';
import type { World } from './world';
import type { RunHints } from './hints';
import { pricesFor, shippingPricesFor } from './prices';
import { verbMethodResult } from './verbMethods';

export interface CallSite {
  key: string;
  method: string;
  args: readonly unknown[];
  makeId: IdMaker;
  world: World;
  catalog?: ModelCatalog;
  hints?: RunHints;
}

const VERBS = [
  'listAndCount',
  'list',
  'retrieve',
  'softDelete',
  'delete',
  'restore',
  'remove',
  'dismiss',
  'upsert',
  'createOrUpdate',
  'create',
  'update',
  'add',
  'set',
  'count',
  'calculate',
  'compute',
  'get',
  'validate',
];

/** `listAndCountLineItems` -> { verb: 'listAndCount', entity: 'line_item' }. */
export function splitMethod(method: string, key: string): { verb: string; entity: string } {
  const verb = VERBS.find((v) => method.startsWith(v) && isBoundary(method, v.length)) ?? '';
  const rest = method.slice(verb.length);
  const entity = rest.length > 0 ? snake(singular(rest)) : snake(singular(key));
  return { verb, entity };
}

/** `createApiKeys` names many entities; `createApiKey` one. */
function isPluralMethod(method: string): boolean {
  return /[a-z]s$/.test(method) && !/ss$/.test(method);
}

function isBoundary(method: string, at: number): boolean {
  const c = method.charAt(at);
  return c === '' || (c >= 'A' && c <= 'Z');
}

export function fakeValue(site: CallSite): unknown {
  const special = byKey(site);
  if (special !== NONE) return special;
  const { verb, entity } = splitMethod(site.method, site.key);
  const [first, second] = site.args;
  const { world } = site;
  const ctx: RowContext = site;
  switch (verb) {
    case 'create':
    case 'upsert':
    case 'createOrUpdate':
    case 'add':
      if (first === undefined && isPluralMethod(site.method)) return [];
      return stored(echo(first, entity, site.makeId), entity, site);
    case 'update':
    case 'set':
      return stored(updated(first, second, entity, site), entity, site);
    case 'list':
      return listRows(entity, first, second, site);
    case 'listAndCount': {
      const rows = listRows(entity, first, second, site);
      return [rows, rows.length];
    }
    case 'retrieve':
      return retrieved(entity, first, second, site);
    case 'count':
      return world.select({ entity, filters: first, fields: [] }, ctx).length;
    case 'softDelete':
    case 'delete':
      world.forget(entity, idsOf(first));
      return undefined;
    case 'restore':
    case 'remove':
    case 'dismiss':
      return undefined;
    case 'calculate':
    case 'compute':
    case 'get':
      return [];
    case 'validate':
      return true;
    default:
      return verbMethodResult(site);
  }
}

const NONE = Symbol('none');

function byKey(site: CallSite): unknown {
  const { key, method, args, makeId } = site;
  if (key === 'logger') return method === 'activity' ? makeId('activity', 0) : undefined;
  if (key === 'query' || key === 'remoteQuery') {
    if (method === 'graph' || method === 'index') return graph(args[0], site);
    if (method === '()') return remoteRows(args[0], site);
    if (method === 'gql') return { data: {} };
  }
  if (key === 'link' || key === 'remoteLink') {
    if (method === 'list') return [];
    return Array.isArray(args[0]) ? args[0] : args[0] === undefined ? [] : [args[0]];
  }
  if (method === 'calculatePrices') return pricesFor(args[0], args[1]);
  if (method === 'calculateShippingOptionsPrices') return shippingPricesFor(args[0]);
  if (key === 'event_bus' || key === 'eventBus' || key === 'eventBusModuleService')
    return undefined;
  return NONE;
}

/** What a create or update wrote, remembered with the defaults the data model gives. */
function stored(value: unknown, entity: string, site: CallSite): unknown {
  const keep = (row: unknown): unknown =>
    isObject(row) ? site.world.remember(entity, withDefaults(row, entity, site.catalog)) : row;
  return Array.isArray(value) ? value.map(keep) : keep(value);
}

function withDefaults(
  row: Record<string, unknown>,
  entity: string,
  catalog: ModelCatalog | undefined,
): Record<string, unknown> {
  const fields = catalog?.entities[entity]?.fields ?? {};
  const out = { ...row };
  for (const [name, field] of Object.entries(fields)) {
    if (name in out) continue;
    const given = field.default;
    if (given !== undefined && typeof given !== 'function' && typeof given !== 'object') {
      out[name] = given;
    } else if (field.kind === 'enum' && field.choices?.[0] !== undefined && !field.nullable) {
      out[name] = fieldModel(catalog, entity, name)?.choices?.[0];
    }
  }
  return out;
}

/** `delete('a')`, `delete(['a', 'b'])`, `delete({ id: [...] })`. */
function idsOf(arg: unknown): unknown[] {
  if (typeof arg === 'string') return [arg];
  if (Array.isArray(arg)) return arg;
  if (isObject(arg)) return idsOf(arg.id);
  return [];
}

function echo(input: unknown, entity: string, makeId: IdMaker): unknown {
  if (Array.isArray(input)) return input.map((item, i) => withId(item, entity, makeId, i));
  if (input === undefined) return { id: makeId(entity, 0) };
  return withId(input, entity, makeId, 0);
}

function withId(item: unknown, entity: string, makeId: IdMaker, i: number): unknown {
  if (!isObject(item)) return { id: typeof item === 'string' ? item : makeId(entity, i) };
  return typeof item.id === 'string' ? { ...item } : { id: makeId(entity, i), ...item };
}

/** update(id, data) | update(selector, data) | update([{ id, ... }]) | update({ selector, data }). */
function updated(first: unknown, second: unknown, entity: string, site: CallSite): unknown {
  const { makeId } = site;
  if (Array.isArray(first)) return first.map((item, i) => withId(item, entity, makeId, i));
  if (typeof first === 'string') return { id: first, ...(isObject(second) ? second : {}) };
  if (isObject(first) && isObject(first.selector)) {
    const data = isObject(first.data) ? first.data : {};
    return selected(first.selector, entity, site).map((row) => ({ ...row, ...data }));
  }
  if (isObject(first) && isObject(second))
    return selected(first, entity, site).map((row) => ({ ...row, ...second }));
  return withId(first, entity, makeId, 0);
}

function selected(filters: unknown, entity: string, site: CallSite): Record<string, unknown>[] {
  return site.world.select({ entity, filters, fields: [] }, site);
}

function listRows(entity: string, filters: unknown, config: unknown, site: CallSite): unknown[] {
  if (skips(config)) return [];
  return site.world.select({ entity, filters, fields: selectFields(config) }, site);
}

function retrieved(entity: string, id: unknown, config: unknown, site: CallSite): unknown {
  const fields = selectFields(config);
  const filters = typeof id === 'string' ? { id } : undefined;
  return site.world.select({ entity, filters, fields }, site)[0] ?? { id };
}

/**
 * `{ select: [...], relations: [...] }` as query-style field paths. No `select` is every field of
 * the record's own (`*`), as a module service loads them.
 */
function selectFields(config: unknown): string[] {
  if (!isObject(config)) return ['*'];
  const select =
    Array.isArray(config.select) && config.select.length > 0 ? config.select.map(String) : ['*'];
  const relations = Array.isArray(config.relations)
    ? config.relations.map((r) => `${String(r)}.*`)
    : [];
  return [...select, ...relations];
}

function skips(config: unknown): boolean {
  if (!isObject(config)) return false;
  const skip = config.skip ?? config.offset;
  return typeof skip === 'number' && skip > 0;
}

/**
 * The entity a query names: `orders` and `order` are the same records. (Other aliases, such as
 * `variants` for product_variant, are left alone: the links they carry are not in the models.)
 */
function entityNamed(name: string): string {
  return snake(singular(name));
}

/** query.graph({ entity, fields, filters, pagination }) -> { data, metadata }. */
function graph(arg: unknown, site: CallSite): unknown {
  const q = isObject(arg) ? arg : {};
  const entity = typeof q.entity === 'string' ? q.entity : 'entity';
  const fields = Array.isArray(q.fields) ? q.fields.map(String) : [];
  const pagination = isObject(q.pagination) ? q.pagination : {};
  const query = { entity: entityNamed(entity), fields, filters: q.filters };
  const data = skips(pagination) ? [] : site.world.select(query, site);
  const take = typeof pagination.take === 'number' ? pagination.take : data.length;
  return { data, metadata: { count: data.length, skip: 0, take } };
}

/** remoteQuery({ entryPoint | service, fields, variables }) -> rows. */
function remoteRows(arg: unknown, site: CallSite): unknown {
  const q = isObject(arg) ? arg : {};
  if (isObject(q.__value)) return objectQueryRows(q.__value, site);
  const entry = q.entryPoint ?? q.entry_point ?? q.service;
  const entity = typeof entry === 'string' ? entityNamed(entry) : 'entity';
  const fields = Array.isArray(q.fields) ? q.fields.map(String) : [];
  const variables = isObject(q.variables) ? q.variables : {};
  let filters = isObject(variables.filters) ? variables.filters : variables;
  // A variable named as the primary key wins over the filters' (remote joiner), even when empty.
  if (filters !== variables && 'id' in variables) filters = { ...filters, id: variables.id };
  return site.world.select({ entity, fields, filters }, site);
}

/** The object form `{ __value: { cart: { fields, __args, items: { fields } } } }`. */
function objectQueryRows(value: Record<string, unknown>, site: CallSite): unknown {
  const [entry, node] = Object.entries(value)[0] ?? ['entity', {}];
  const fields = objectQueryFields(node, '');
  const args = isObject(node) && isObject(node.__args) ? node.__args : {};
  const filters = isObject(args.filters) ? args.filters : args;
  return site.world.select({ entity: entityNamed(entry), fields, filters }, site);
}

function objectQueryFields(node: unknown, prefix: string): string[] {
  if (!isObject(node)) return [];
  const out: string[] = [];
  if (Array.isArray(node.fields)) for (const f of node.fields) out.push(prefix + String(f));
  for (const [k, v] of Object.entries(node)) {
    if (k === 'fields' || k.startsWith('__') || !isObject(v)) continue;
    out.push(...objectQueryFields(v, `${prefix}${k}.`));
  }
  return out;
}
