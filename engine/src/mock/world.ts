// The records one auto-mocked run knows of, by entity and id: what the run created or updated, and
// the rows made up when a query named an id. Queries read it, so a run sees its own writes and
// the same id always comes back the same. Pure; owned by the ServiceCallRecorder.
import { fieldModel, relationModel } from './models';
import { fillFields, filterValues, isObject, leafValue, singular, type RowContext } from './shapes';
import { snapshot } from './snapshot';

type Row = Record<string, unknown>;

export interface Query {
  entity: string;
  filters: unknown;
  fields: readonly string[];
}

export class World {
  private readonly tables = new Map<string, Map<string, Row>>();

  private table(entity: string): Map<string, Row> {
    let t = this.tables.get(entity);
    if (!t) {
      t = new Map();
      this.tables.set(entity, t);
    }
    return t;
  }

  /** Stores (merging into what is known) and returns a copy of the stored row. */
  remember(entity: string, row: Row): Row {
    if (typeof row.id !== 'string') return row;
    const t = this.table(entity);
    const merged = { ...(t.get(row.id) ?? {}), ...(snapshot(row) as Row) };
    t.set(row.id, merged);
    return snapshot(merged) as Row;
  }

  /** A copy of the row stored under `id`, if any. */
  known(entity: string, id: string): Row | undefined {
    const row = this.tables.get(entity)?.get(id);
    return row ? (snapshot(row) as Row) : undefined;
  }

  /** The id of the first record of `entity` the run knows (made up or stored), if any. */
  firstId(entity: string): string | undefined {
    const first = this.tables.get(entity)?.keys().next();
    return first && !first.done ? first.value : undefined;
  }

  forget(entity: string, ids: readonly unknown[]): void {
    const t = this.tables.get(entity);
    for (const id of ids) if (typeof id === 'string') t?.delete(id);
  }

  /**
   * Rows for a query. Ids pinned by the filters always exist (made up once, then remembered);
   * other pinned values match only what the run stored (so "already exists" checks pass and
   * lookups by foreign keys of records nobody made find nothing), except that a query for records
   * in a given state (an enum or boolean field pinned: `status: ['pending']`) that nothing
   * stored answers finds one made up with the pinned values: code asks for a state when it
   * expects such a record. No filter lists what is known, or one made-up row when nothing is.
   */
  select(query: Query, ctx: RowContext): Row[] {
    const { entity, fields } = query;
    // `id: []` (or `$in: []`) asks for no records: a module service finds none.
    if (asksForNoIds(query.filters)) return [];
    const pins = filterValues(query.filters);
    for (const key of [...pins.keys()]) if (key.includes('.')) pins.delete(key);
    const ids = pins.get('id');
    pins.delete('id');
    const t = this.table(entity);
    let rows: Row[];
    if (ids) {
      rows = [];
      for (const id of [...new Set(ids)].slice(0, 50)) {
        const known = t.get(String(id));
        if (known) rows.push(known);
        else rows.push(this.madeUp(entity, String(id), pins));
      }
    } else if (pins.size > 0) {
      rows = [...t.values()];
      if (
        !rows.some((row) => matches({ ...row }, pins, entity, ctx)) &&
        [...pins.keys()].some((k) => isStateField(entity, k, pins.get(k)!, ctx))
      ) {
        rows = [this.madeUp(entity, ctx.makeId(entity, 0), pins)];
      }
    } else {
      rows = [...t.values()];
      if (rows.length === 0) {
        const id = ctx.makeId(entity, 0);
        rows = [this.madeUp(entity, id, pins)];
      }
    }
    return rows
      .filter((row) => matches(row, pins, entity, ctx))
      .map((row, i) => {
        const filled = fillFields(row, entity, fields, ctx, i);
        this.rememberRelated(filled, entity, ctx);
        return this.remember(entity, filled);
      });
  }

  /** Related rows made up for a row can be found again by their own entity (`cart.promotions`). */
  private rememberRelated(row: Row, entity: string, ctx: RowContext): void {
    for (const [name, value] of Object.entries(row)) {
      const items = Array.isArray(value) ? value : [value];
      if (!items.some((v) => isObject(v) && typeof v.id === 'string')) continue;
      const child = relationModel(ctx.catalog, entity, name)?.entity ?? singular(name);
      for (const item of items) {
        if (!isObject(item) || typeof item.id !== 'string') continue;
        this.rememberRelated(item, child, ctx);
        const t = this.table(child);
        t.set(item.id, { ...(t.get(item.id) ?? {}), ...(snapshot(item) as Row) });
      }
    }
  }

  /** A record nobody made but the code names: it takes the values the filters ask for. */
  private madeUp(entity: string, id: string, pins: Map<string, unknown[]>): Row {
    const row: Row = { id };
    for (const [k, values] of pins) row[k] = values[0];
    this.table(entity).set(id, row);
    return row;
  }

  reset(): void {
    this.tables.clear();
  }
}

function asksForNoIds(filters: unknown): boolean {
  if (!isObject(filters)) return false;
  const id = isObject(filters.id) && '$in' in filters.id ? filters.id.$in : filters.id;
  return Array.isArray(id) && id.length === 0;
}

/** An enum field of the entity's model (or a `status`), or a field pinned to booleans. */
function isStateField(entity: string, field: string, values: unknown[], ctx: RowContext): boolean {
  const kind = fieldModel(ctx.catalog, entity, field)?.kind;
  if (kind === 'enum' || kind === 'boolean' || field === 'status') return true;
  return values.length > 0 && values.every((v) => typeof v === 'boolean');
}

/** A row matches when each pinned field holds one of the pinned values (defaults when unset). */
function matches(row: Row, pins: Map<string, unknown[]>, entity: string, ctx: RowContext): boolean {
  for (const [k, values] of pins) {
    if (!(k in row)) row[k] = leafValue(k, entity, ctx, 0);
    const v = row[k];
    const have = Array.isArray(v) ? v.map(String) : [String(v)];
    if (!values.some((x) => have.includes(String(x)))) return false;
  }
  return true;
}
