// What the auto-mocked container knows of the modules' data models: field kinds, enum choices and
// relations by entity, read from DML entities (`model.define(...)`) by duck typing, plus enums
// named `<Entity><Field>` (as @medusajs/utils exports them). Pure; the host loads the entities.

export type FieldKind =
  | 'id'
  | 'text'
  | 'number'
  | 'bigNumber'
  | 'boolean'
  | 'dateTime'
  | 'json'
  | 'enum'
  | 'array'
  | 'float'
  | 'autoincrement';

export interface FieldModel {
  kind: FieldKind;
  choices?: string[];
  default?: unknown;
  nullable?: boolean;
}

export interface RelationModel {
  /** The related entity, snake_case. */
  entity: string;
  many: boolean;
  /** A `belongsTo`: the row holds the related id in `<name>_id`. */
  holdsKey?: boolean;
}

export interface EntityModel {
  fields: Record<string, FieldModel>;
  relations: Record<string, RelationModel>;
}

export interface ModelCatalog {
  /** By snake_case entity name (`ProductVariant` and `product_variant` give `product_variant`). */
  entities: Record<string, EntityModel>;
  /** Enums by PascalCase name (`OrderStatus`), used when no model defines the field. */
  namedEnums: Record<string, string[]>;
}

export function emptyCatalog(): ModelCatalog {
  return { entities: {}, namedEnums: {} };
}

export function snakeCase(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toLowerCase();
}

function pascalCase(s: string): string {
  return s
    .split('_')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

interface DmlLike {
  name: string;
  schema: Record<string, { parse?: (name: string) => unknown }>;
}

/** A DML entity (`model.define`), recognized by shape, never by class identity. */
export function isDmlEntity(v: unknown): v is DmlLike {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as { name?: unknown; schema?: unknown };
  return typeof e.name === 'string' && typeof e.schema === 'object' && e.schema !== null;
}

/** Adds DML entities to `catalog`; what cannot be read is skipped, never thrown. */
export function addDmlEntities(catalog: ModelCatalog, entities: Iterable<unknown>): void {
  for (const entity of entities) {
    if (!isDmlEntity(entity)) continue;
    const model: EntityModel = { fields: {}, relations: {} };
    for (const [name, property] of Object.entries(entity.schema)) {
      let parsed: unknown;
      try {
        parsed = property.parse?.(name);
      } catch {
        continue;
      }
      addProperty(model, name, parsed);
    }
    catalog.entities[snakeCase(entity.name)] = model;
  }
}

function addProperty(model: EntityModel, name: string, parsed: unknown): void {
  if (typeof parsed !== 'object' || parsed === null) return;
  const p = parsed as {
    type?: unknown;
    entity?: unknown;
    dataType?: { name?: unknown; options?: { choices?: unknown } };
    defaultValue?: unknown;
    nullable?: unknown;
  };
  if (typeof p.type === 'string' && typeof p.entity === 'function') {
    const target = relatedName(p.entity);
    if (target !== undefined) {
      model.relations[name] = { entity: target, many: /many/i.test(p.type) };
      if (p.type === 'belongsTo') model.relations[name].holdsKey = true;
    }
    return;
  }
  const kind = p.dataType?.name;
  if (typeof kind !== 'string') return;
  const field: FieldModel = { kind: kind as FieldKind, nullable: p.nullable === true };
  const choices = p.dataType?.options?.choices;
  if (Array.isArray(choices)) field.choices = choices.map(String);
  if ('defaultValue' in p) field.default = p.defaultValue;
  model.fields[name] = field;
}

function relatedName(thunk: unknown): string | undefined {
  try {
    const target = (thunk as () => unknown)();
    return isDmlEntity(target) ? snakeCase(target.name) : undefined;
  } catch {
    return undefined;
  }
}

/** Adds every string-valued enum object of a module's exports (`{ DRAFT: 'draft', ... }`). */
export function addNamedEnums(catalog: ModelCatalog, exports: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(exports)) {
    if (!/^[A-Z]/.test(name) || typeof value !== 'object' || value === null) continue;
    const values = Object.values(value);
    if (values.length === 0 || values.length > 40) continue;
    if (!values.every((v) => typeof v === 'string')) continue;
    catalog.namedEnums[name] ??= values;
  }
}

/** The model of `entity.field`: the DML field, else an enum named after both. */
export function fieldModel(
  catalog: ModelCatalog | undefined,
  entity: string,
  field: string,
): FieldModel | undefined {
  if (!catalog) return undefined;
  const own = catalog.entities[entity]?.fields[field];
  if (own) return own;
  const named = catalog.namedEnums[pascalCase(entity) + pascalCase(field)];
  return named ? { kind: 'enum', choices: named } : undefined;
}

export function relationModel(
  catalog: ModelCatalog | undefined,
  entity: string,
  name: string,
): RelationModel | undefined {
  return catalog?.entities[entity]?.relations[name];
}

/**
 * Relations a module's service answers with other records than its model links: the order
 * module's `formatOrder` gives `order.items` as the order's line items (the order item's quantity,
 * prices and metadata copied on, the order item itself under `detail`) and `order.shipping_methods`
 * as its shipping methods (the link row under `detail`). `via` is the pivot's relation to them.
 */
const FORMATTED: readonly { owner: string; relation: string; via: string; copies: string[] }[] = [
  {
    owner: 'order',
    relation: 'items',
    via: 'item',
    copies: ['quantity', 'unit_price', 'compare_at_unit_price', 'metadata'],
  },
  { owner: 'order', relation: 'shipping_methods', via: 'shipping_method', copies: [] },
];

/** Rewrites those relations of `catalog` (in place) to the records the service answers with. */
export function addFormattedRelations(catalog: ModelCatalog): ModelCatalog {
  for (const { owner, relation, via, copies } of FORMATTED) {
    const links = catalog.entities[owner]?.relations[relation];
    const pivot = links && catalog.entities[links.entity];
    const linked = pivot?.relations[via];
    const target = linked && catalog.entities[linked.entity];
    // Already rewritten (the pivot has no such relation), or a model that is not Medusa's.
    if (!links || !pivot || !linked || linked.many || !target) continue;
    catalog.entities[owner]!.relations[relation] = { entity: linked.entity, many: links.many };
    target.relations.detail ??= { entity: links.entity, many: false };
    for (const name of copies) {
      const field = pivot.fields[name];
      if (field && !target.fields[name]) target.fields[name] = field;
    }
  }
  return catalog;
}
