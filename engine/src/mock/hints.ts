// What a run says about the records it works on, for the rows the auto-mocked container makes up:
// the workflow's id names its subject's state (`convert-draft-order` works on a draft order) and
// its input names the records related rows must be (`items: [{ id: 'item_1' }]`, `region_id`).
// Pure; built once per container from AutoMockOptions.run.
import type { FieldModel } from './models';
import type { FieldCheck, RunInfo } from './types';

export interface RunHints {
  /** The workflow id's words: `add-draft-order-items` -> add, draft, order, items. */
  words: readonly string[];
  /** Ids the input names, by the singular name it gives them (`items` and `item_id` -> item). */
  ids: ReadonlyMap<string, readonly string[]>;
  /** The field checks of the workflow's own steps (read when first asked for), without those
   * whose input guards the run's input does not meet. */
  readonly checks: readonly FieldCheck[];
}

export function runHints(run: RunInfo | undefined): RunHints {
  const { workflow, input } = run ?? {};
  const words = (workflow ?? '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const ids = new Map<string, string[]>();
  const add = (name: string, values: unknown[]) => {
    const strings = values.filter((v): v is string => typeof v === 'string' && v.length > 0);
    if (name.length === 0 || strings.length === 0) return;
    ids.set(name, [...new Set([...(ids.get(name) ?? []), ...strings])]);
  };
  // `items: [{ item_id: 'a' }]`, `item: { variant_id: 'v' }`: the rows' own keys name records too.
  const addKeysOf = (row: unknown): void => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return;
    for (const [k, v] of Object.entries(row as Record<string, unknown>))
      if (k.endsWith('_id') && typeof v === 'string') add(k.slice(0, -3), [v]);
  };
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
      if (key.endsWith('_id') && typeof value === 'string') add(key.slice(0, -3), [value]);
      else if (key.endsWith('_ids') && Array.isArray(value)) add(key.slice(0, -4), value);
      else if (Array.isArray(value)) {
        add(singularOf(key), value.map(idOf));
        for (const row of value) addKeysOf(row);
      } else addKeysOf(value);
    }
  }
  let checks: readonly FieldCheck[] | undefined;
  return {
    words,
    ids,
    get checks() {
      const given = run?.checks;
      checks ??= (typeof given === 'function' ? safely(given) : (given ?? [])).filter((c) =>
        guardsHold(c, input),
      );
      return checks;
    },
  };
}

/**
 * A guarded check (`status === 'active' && rental.status !== 'pending'`) applies when the run's
 * input has the field with that value: the steps' input is the workflow's, field for field, when
 * both name it. An input that does not name the field leaves the check out (it may not apply).
 */
function guardsHold(check: FieldCheck, input: unknown): boolean {
  if (!check.when) return true;
  if (typeof input !== 'object' || input === null) return false;
  const given = input as Record<string, unknown>;
  return check.when.every(
    (g) => typeof g.equals !== 'object' && g.input in given && given[g.input] === g.equals,
  );
}

function safely(read: () => FieldCheck[]): FieldCheck[] {
  try {
    return read();
  } catch {
    return [];
  }
}

function idOf(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined;
}

function singularOf(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(name)) return name.slice(0, -2);
  return name.endsWith('s') && !name.endsWith('ss') ? name.slice(0, -1) : name;
}

/** The word just before the entity's own words in the workflow id (`draft` for order). */
function adjectiveOf(hints: RunHints, entity: string): string | undefined {
  const own = entity.split('_');
  const { words } = hints;
  for (let i = 1; i + own.length <= words.length; i++) {
    if (own.every((w, j) => words[i + j] === w)) return words[i - 1];
  }
  return undefined;
}

/**
 * The value a made-up record's state field takes when the workflow's name says it: an enum
 * choice equal to the adjective (`status: 'draft'`), or `true` for `is_<adjective>_<entity>`.
 */
export function subjectState(
  hints: RunHints,
  entity: string,
  field: string,
  model: FieldModel | undefined,
): unknown {
  const adjective = adjectiveOf(hints, entity);
  if (adjective === undefined) return undefined;
  if (model?.kind === 'enum' && model.choices?.includes(adjective)) return adjective;
  if (field === `is_${adjective}_${entity}` && (!model || model.kind === 'boolean')) return true;
  return undefined;
}

/** The ids the input gives for records named `name` (a relation or a foreign key's stem). */
export function inputIds(hints: RunHints | undefined, name: string): readonly string[] | undefined {
  return hints?.ids.get(name);
}
