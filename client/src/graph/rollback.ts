// Webview (overlay) and unit tests: groups the compensations a run made into waves. Medusa starts a
// step's compensation once every step after it (in execution order) has been compensated or had
// nothing to undo, so compensations with no compensated step after them between them run
// together: one wave. Inside a nested workflow (`<compound>::<step>`) the waves are those of the
// compound's own wave, one after the other. Pure: node ids and the view's execution-order edges.

/** The rollback as waves (first wave first), each in the order its compensations began. */
export function rollbackWaves(
  rollback: readonly string[],
  order: readonly { from: string; to: string }[],
): string[][] {
  const compensated = new Set(rollback);
  const next = new Map<string, string[]>();
  for (const e of order) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  /** How many compensated steps lie after `id` on its longest execution path. */
  const after = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle cannot happen in a flow tree; do not loop on one
    visiting.add(id);
    let d = 0;
    for (const s of next.get(id) ?? []) d = Math.max(d, after(s) + (compensated.has(s) ? 1 : 0));
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  /** The wave's sort key: the depth of the compound (and each enclosing one), then its own. */
  const key = (id: string): number[] => {
    const parts = id.split('::');
    return parts.map((_, i) => after(parts.slice(0, i + 1).join('::')));
  };
  const byKey = new Map<string, { key: number[]; ids: string[] }>();
  for (const id of rollback) {
    const k = key(id);
    const entry = byKey.get(k.join('.')) ?? { key: k, ids: [] };
    entry.ids.push(id);
    byKey.set(k.join('.'), entry);
  }
  const compare = (a: number[], b: number[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return b.length - a.length; // a nested workflow's steps before its own compensation
  };
  return [...byKey.values()].sort((a, b) => compare(a.key, b.key)).map((e) => e.ids);
}
