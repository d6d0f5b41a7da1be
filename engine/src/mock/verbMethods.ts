// What an auto-mocked module method that is not a plain create/list/update/delete answers
// (`authorizePaymentSession`, `adjustInventory`, `previewOrderChange`): a whole record of the
// entity it acts on, one per item when given a list, and the state its verb names stored on the
// records it names (`cancelOrder(id)` leaves the order canceled). Pure; used by fakeValue.ts.
import { snakeCase } from './models';
import { fillFields, fillModelFields, isObject, singular, type RowContext } from './shapes';
import type { World } from './world';

type Row = Record<string, unknown>;

export interface VerbMethodSite extends RowContext {
  key: string;
  method: string;
  args: readonly unknown[];
  world: World;
}

/**
 * Module methods whose result is another entity than the one their name ends with, and the
 * fields they add to it (the order module's preview is the order with its pending change).
 */
const RESULTS: Record<string, { entity: string; fields: string[] }> = {
  previewOrderChange: { entity: 'order', fields: ['order_change.*'] },
};

export function verbMethodResult(site: VerbMethodSite): unknown {
  const [first] = site.args;
  const words = snakeCase(site.method).split('_');
  const verb = words[0] ?? '';
  const known = RESULTS[site.method];
  const entity = known?.entity ?? actedOn(words.slice(1), site);
  const extra = known?.fields ?? [];
  const named = typeof first === 'string' ? [first] : [];
  markState(site, entity, verb, named);
  if (Array.isArray(first)) return first.map((item, i) => record(site, entity, item, i, extra));
  return record(site, entity, first, 0, extra);
}

/** The longest end of the method's name that is an entity of the models, else the service's. */
function actedOn(words: string[], site: VerbMethodSite): string {
  const entities = site.catalog?.entities ?? {};
  for (let i = 0; i < words.length; i++) {
    const name = singular(words.slice(i).join('_'));
    if (name in entities) return name;
  }
  const own = snakeCase(singular(site.key));
  if (own in entities) return own;
  return words.length > 0 ? singular(words.join('_')) : own;
}

/** The record a call answers with: the known one when it names its id, every model field. */
function record(
  site: VerbMethodSite,
  entity: string,
  item: unknown,
  i: number,
  extra: readonly string[],
): Row {
  const given: Row = isObject(item) ? { ...item } : {};
  const id = typeof item === 'string' ? item : typeof given.id === 'string' ? given.id : undefined;
  const known = id !== undefined ? site.world.known(entity, id) : undefined;
  const row: Row = { ...(known ?? {}), ...given, id: id ?? site.makeId(entity, i) };
  fillModelFields(row, entity, site, i);
  const relations = Object.keys(site.catalog?.entities[entity]?.relations ?? {});
  return fillFields(row, entity, [...relations, ...extra], site, i);
}

/** `authorize` -> `authorized`, `cancel` -> `canceled`, `archive` -> `archived`. */
function pastOf(verb: string): string {
  if (verb.endsWith('e')) return `${verb}d`;
  if (verb === 'cancel') return 'canceled';
  return `${verb}ed`;
}

/** The records a verb acts on take the state it names, when their model has such a choice. */
function markState(site: VerbMethodSite, entity: string, verb: string, ids: string[]): void {
  const model = site.catalog?.entities[entity];
  if (!model || ids.length === 0) return;
  const state = pastOf(verb);
  for (const [field, f] of Object.entries(model.fields)) {
    if (f.kind !== 'enum' || !f.choices?.includes(state)) continue;
    for (const id of ids) site.world.remember(entity, { id, [field]: state });
  }
}
