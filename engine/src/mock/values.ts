// The value an auto-mocked method returns: derived only from the key, the method, the arguments
// and how many times this scope already called that method, so a run is reproducible.
import { isObject, rowFromFields, rowsFor, singular, type IdMaker } from './shapes';

export interface CallSite {
  key: string;
  method: string;
  args: readonly unknown[];
  makeId: IdMaker;
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

function snake(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toLowerCase();
}

export function fakeValue(site: CallSite): unknown {
  const special = byKey(site);
  if (special !== NONE) return special;
  const { verb, entity } = splitMethod(site.method, site.key);
  const [first, second] = site.args;
  switch (verb) {
    case 'create':
    case 'upsert':
    case 'createOrUpdate':
    case 'add':
      if (first === undefined && isPluralMethod(site.method)) return [];
      return echo(first, entity, site.makeId);
    case 'update':
    case 'set':
      return updated(first, second, entity, site.makeId);
    case 'list':
      return listRows(entity, first, second, site.makeId);
    case 'listAndCount': {
      const rows = listRows(entity, first, second, site.makeId);
      return [rows, rows.length];
    }
    case 'retrieve':
      return retrieved(entity, first, second, site.makeId);
    case 'count':
      return 1;
    case 'softDelete':
    case 'delete':
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
      return isObject(first)
        ? { id: site.makeId(entity, 0), ...first }
        : { id: site.makeId(entity, 0) };
  }
}

const NONE = Symbol('none');

function byKey(site: CallSite): unknown {
  const { key, method, args, makeId } = site;
  if (key === 'logger') return method === 'activity' ? makeId('activity', 0) : undefined;
  if (key === 'query' || key === 'remoteQuery') {
    if (method === 'graph' || method === 'index') return graph(args[0], makeId);
    if (method === '()') return remoteRows(args[0], makeId);
    if (method === 'gql') return { data: {} };
  }
  if (key === 'link' || key === 'remoteLink') {
    if (method === 'list') return [];
    return Array.isArray(args[0]) ? args[0] : args[0] === undefined ? [] : [args[0]];
  }
  if (key === 'event_bus' || key === 'eventBus' || key === 'eventBusModuleService')
    return undefined;
  return NONE;
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
function updated(first: unknown, second: unknown, entity: string, makeId: IdMaker): unknown {
  if (Array.isArray(first)) return first.map((item, i) => withId(item, entity, makeId, i));
  if (typeof first === 'string') return { id: first, ...(isObject(second) ? second : {}) };
  if (isObject(first) && isObject(first.selector)) {
    return [
      {
        ...selectorRow(first.selector, entity, makeId),
        ...(isObject(first.data) ? first.data : {}),
      },
    ];
  }
  if (isObject(first) && isObject(second))
    return [{ ...selectorRow(first, entity, makeId), ...second }];
  return withId(first, entity, makeId, 0);
}

function selectorRow(selector: Record<string, unknown>, entity: string, makeId: IdMaker): object {
  return rowsFor(entity, [], selector, makeId)[0] ?? {};
}

function listRows(entity: string, filters: unknown, config: unknown, makeId: IdMaker): unknown[] {
  if (skips(config)) return [];
  return rowsFor(entity, selectFields(config), filters, makeId);
}

function retrieved(entity: string, id: unknown, config: unknown, makeId: IdMaker): unknown {
  const row = rowFromFields(entity, selectFields(config), makeId, 0);
  if (typeof id === 'string') row.id = id;
  return row;
}

/** `{ select: [...], relations: [...] }` as query-style field paths. */
function selectFields(config: unknown): string[] {
  if (!isObject(config)) return [];
  const select = Array.isArray(config.select) ? config.select.map(String) : [];
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

/** query.graph({ entity, fields, filters, pagination }) -> { data, metadata }. */
function graph(arg: unknown, makeId: IdMaker): unknown {
  const q = isObject(arg) ? arg : {};
  const entity = typeof q.entity === 'string' ? q.entity : 'entity';
  const fields = Array.isArray(q.fields) ? q.fields.map(String) : [];
  const pagination = isObject(q.pagination) ? q.pagination : {};
  const data = skips(pagination) ? [] : rowsFor(snake(entity), fields, q.filters, makeId);
  const take = typeof pagination.take === 'number' ? pagination.take : data.length;
  return { data, metadata: { count: data.length, skip: 0, take } };
}

/** remoteQuery({ entryPoint | service, fields, variables }) -> rows. */
function remoteRows(arg: unknown, makeId: IdMaker): unknown {
  const q = isObject(arg) ? arg : {};
  if (isObject(q.__value)) return objectQueryRows(q.__value, makeId);
  const entry = q.entryPoint ?? q.entry_point ?? q.service;
  const entity = typeof entry === 'string' ? snake(singular(entry)) : 'entity';
  const fields = Array.isArray(q.fields) ? q.fields.map(String) : [];
  const variables = isObject(q.variables) ? q.variables : {};
  const filters = isObject(variables.filters) ? variables.filters : variables;
  return rowsFor(entity, fields, filters, makeId);
}

/** The object form `{ __value: { cart: { fields, __args, items: { fields } } } }`. */
function objectQueryRows(value: Record<string, unknown>, makeId: IdMaker): unknown {
  const [entry, node] = Object.entries(value)[0] ?? ['entity', {}];
  const fields = objectQueryFields(node, '');
  const args = isObject(node) && isObject(node.__args) ? node.__args : {};
  const filters = isObject(args.filters) ? args.filters : args;
  return rowsFor(snake(singular(entry)), fields, filters, makeId);
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
