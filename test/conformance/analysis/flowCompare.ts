// Normalizes Medusa's runtime `flow_` and our static medusa-flow to comparable strings:
// only action, noCompensation and next; generated `when-then-<ulid>` names become `when-then-*`.
type Node = { action?: unknown; noCompensation?: unknown; next?: unknown };

export function normalizeFlow(flow: unknown): unknown {
  if (Array.isArray(flow)) return flow.map(normalizeFlow);
  if (!flow || typeof flow !== 'object') return null;
  const n = flow as Node;
  if (n.action === undefined) return n.next === undefined ? null : { next: normalizeFlow(n.next) };
  const action =
    typeof n.action === 'string' && /^when-then-/.test(n.action) ? 'when-then-*' : n.action;
  const out: Record<string, unknown> = { action, noCompensation: n.noCompensation === true };
  if (n.next !== undefined) out.next = normalizeFlow(n.next);
  return out;
}

/** The first place two normalized trees differ, as a short human-readable path. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: ${describe(a)} vs ${describe(b)}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} parallel branches vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const x = (a ?? {}) as Record<string, unknown>;
  const y = (b ?? {}) as Record<string, unknown>;
  if (x.action !== y.action || x.noCompensation !== y.noCompensation)
    return `${path}: ${describe(a)} vs ${describe(b)}`;
  return firstDifference(x.next, y.next, `${path}>${String(x.action)}`);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `[${v.length} parallel]`;
  if (!v || typeof v !== 'object') return 'nothing';
  const n = v as Node;
  return `${String(n.action)}${n.noCompensation ? ' (no compensation)' : ''}`;
}
