// The values made-up fields take so that the user's own steps do not throw on them: the field
// checks the analyzer read from the steps' code (`if (!customer.has_account) throw ...`), handed
// in by the CLI or the debug runner. Pure; used by shapes.ts for fields nobody stored.
import type { FieldModel } from './models';
import { snakeCase } from './models';
import type { CheckValue, FieldCheck } from './types';

export const NO_CHECK = Symbol('no check');

/**
 * The value `entity.field` must take to pass every check made of it (`base` when it already
 * does), or NO_CHECK when no check names it or the checks disagree.
 */
export function checkedValue(
  checks: readonly FieldCheck[] | undefined,
  entity: string,
  field: string,
  model: FieldModel | undefined,
  base: unknown,
): unknown {
  // A key naming a row of a relation is decided with the row (checkedKey).
  const mine = (checks ?? []).filter(
    (c) =>
      c.method === undefined &&
      c.field === field &&
      names(c.record, entity) &&
      !('idOf' in c.wants),
  );
  return valuePassing(mine, model, field, base);
}

function valuePassing(
  mine: readonly FieldCheck[],
  model: FieldModel | undefined,
  field: string,
  base: unknown,
  row?: Row,
): unknown {
  if (mine.length === 0) return NO_CHECK;
  let value = base;
  // A key that must name a row goes first: the other checks (truthy) then keep it.
  for (const check of [...mine].sort(
    (a, b) => Number('idOf' in b.wants) - Number('idOf' in a.wants),
  )) {
    const next = passing(check, value, model, field, row);
    if (next === NO_CHECK) return NO_CHECK;
    value = next;
  }
  // Checks that want different values cannot all pass: leave the field to the other rules.
  return mine.every((c) => passes(c, value, model, row)) ? value : NO_CHECK;
}

/**
 * The value `row[field]` (`metadata.promo_id`: a key of the row's JSON metadata) must take to
 * pass the checks that need the row itself (a key naming one of its `promotions`) or a path, or
 * NO_CHECK.
 */
export function checkedKey(
  checks: readonly FieldCheck[] | undefined,
  entity: string,
  field: string,
  row: Row,
  base: unknown,
): unknown {
  const mine = (checks ?? []).filter(
    (c) => c.method === undefined && c.field === field && names(c.record, entity),
  );
  return valuePassing(mine, undefined, field.split('.').pop() ?? field, base, row);
}

/** The fields of `entity` that checks name (keys of its JSON fields left out). */
export function checkedFields(checks: readonly FieldCheck[] | undefined, entity: string): string[] {
  const mine = (checks ?? [])
    .filter((c) => c.method === undefined && names(c.record, entity) && !c.field.includes('.'))
    .map((c) => c.field);
  return [...new Set(mine)];
}

/** The fields of `entity` whose checks need the row: keys naming a related row, JSON paths. */
export function rowCheckedFields(
  checks: readonly FieldCheck[] | undefined,
  entity: string,
): string[] {
  const mine = (checks ?? [])
    .filter(
      (c) =>
        c.method === undefined &&
        names(c.record, entity) &&
        (c.field.includes('.') || 'idOf' in c.wants),
    )
    .map((c) => c.field);
  return [...new Set(mine)];
}

type Row = Record<string, unknown>;

/** The ids of the rows `row[relation]` holds. */
function idsIn(row: Row | undefined, relation: string): string[] {
  const v = row?.[relation];
  const items = Array.isArray(v) ? (v as unknown[]) : [v];
  return items.flatMap((x) =>
    typeof x === 'object' && x !== null && typeof (x as Row).id === 'string'
      ? [(x as Row).id as string]
      : [],
  );
}

/**
 * `customer` names customer records; `carts` cart; `item` line_item and order_line_item;
 * `existingRental` rental (a name that qualifies the entity's).
 */
function names(record: string, entity: string): boolean {
  const own = snakeCase(singularOf(record));
  return own === entity || entity.endsWith(`_${own}`) || own.endsWith(`_${entity}`);
}

function singularOf(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  return name.endsWith('s') && !name.endsWith('ss') ? name.slice(0, -1) : name;
}

/** A value of the field that passes `check`, starting from `value` (kept when it passes). */
function passing(
  check: FieldCheck,
  value: unknown,
  model: FieldModel | undefined,
  field: string,
  row?: Row,
): unknown {
  if (passes(check, value, model, row)) return value;
  const wants = check.wants;
  if ('idOf' in wants) return idsIn(row, wants.idOf)[0] ?? NO_CHECK;
  if ('truthy' in wants) return wants.truthy ? truthyValue(model, field) : falsyValue(model);
  if ('equals' in wants) return resolved(wants.equals, model) ?? NO_CHECK;
  if ('oneOf' in wants) {
    for (const v of wants.oneOf) {
      const r = resolved(v, model);
      if (r !== undefined) return r;
    }
    return NO_CHECK;
  }
  if ('above' in wants) return wants.above + 1;
  const avoid = resolved(wants.differs, model);
  if (typeof avoid === 'boolean') return !avoid;
  const other = model?.choices?.find((c) => c !== avoid);
  return other ?? NO_CHECK;
}

function passes(
  check: FieldCheck,
  value: unknown,
  model: FieldModel | undefined,
  row?: Row,
): boolean {
  const wants = check.wants;
  if ('idOf' in wants) return typeof value === 'string' && idsIn(row, wants.idOf).includes(value);
  if ('truthy' in wants) return Boolean(value) === wants.truthy;
  if ('equals' in wants) return value === resolved(wants.equals, model);
  if ('oneOf' in wants) return wants.oneOf.some((v) => value === resolved(v, model));
  if ('above' in wants) return typeof value === 'number' && value > wants.above;
  return value !== resolved(wants.differs, model);
}

/** An enum member (`QuoteStatus.PENDING_CUSTOMER`) is the model's choice of the same name. */
function resolved(v: CheckValue, model: FieldModel | undefined): unknown {
  if (typeof v !== 'object') return v;
  const key = v.member.toLowerCase();
  const choices = model?.choices;
  if (!choices) return key;
  return choices.find((c) => c.toLowerCase() === key || snakeCase(c) === key);
}

function truthyValue(model: FieldModel | undefined, field: string): unknown {
  switch (model?.kind) {
    case 'dateTime':
      return '2024-01-01T00:00:00.000Z';
    case 'number':
    case 'bigNumber':
    case 'float':
      return 1;
    case 'enum':
      return model.choices?.[0] ?? NO_CHECK;
    case 'text':
      return `${field}-0`;
    default:
      if (field.endsWith('_at')) return '2024-01-01T00:00:00.000Z';
      return true;
  }
}

function falsyValue(model: FieldModel | undefined): unknown {
  switch (model?.kind) {
    case 'boolean':
      return false;
    case 'number':
    case 'bigNumber':
    case 'float':
      return 0;
    case undefined:
      return null;
    default:
      return model?.nullable ? null : NO_CHECK;
  }
}

/**
 * What a made-up answer of `method` becomes when the user's steps check it
 * (`if (points <= 0) throw`): a number above the bound, a list with one row (`makeRow`), or the
 * value itself when it passes. For answers the run's records do not decide (custom methods,
 * get/calculate): lists and retrieves keep answering from the records, so "not found" still fires.
 */
export function checkedResult(
  checks: readonly FieldCheck[] | undefined,
  method: string,
  value: unknown,
  makeRow: () => unknown,
): unknown {
  const mine = (checks ?? []).filter((c) => c.method === method);
  let out = value;
  for (const check of mine) {
    const wants = check.wants;
    if (check.field === 'length') {
      const list: unknown[] = Array.isArray(out) ? (out as unknown[]) : [];
      const short = 'above' in wants ? list.length <= wants.above : list.length === 0;
      if (short && ('above' in wants || ('truthy' in wants && wants.truthy))) {
        const need = 'above' in wants ? wants.above + 1 : 1;
        out = [...list, ...Array.from({ length: need - list.length }, makeRow)];
      }
    } else if (check.field === '' && !passes(check, out, undefined)) {
      // `[]` compares as 0 and `{}` as NaN: a checked number is a number.
      const next = passing(check, out, undefined, method);
      if (next !== NO_CHECK) out = next;
    }
  }
  return out;
}
