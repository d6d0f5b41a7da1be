// Extension host (Export Graph command): the graph as a Mermaid flowchart, built from the same
// view graph the webview draws, so it keeps the structure: subgraphs for parallelize, when (its
// condition as the label) and nested workflows; `-->` for execution order, `-.->` for data.
// A when block is entered by an edge labelled with its condition and bypassed by an `else` edge,
// so blocks that exclude each other never read as one straight chain. Pure.
import type { GraphPayload, ViewEdge, ViewGraph, ViewNode } from './messages';
import { buildViewGraph } from './viewGraph';

function esc(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

function shape(node: ViewNode, id: string): string {
  const label = node.sub
    ? `${esc(node.label)}<br/><small>${esc(node.sub)}</small>`
    : esc(node.label);
  const comp = node.hasCompensation ? ' ↺' : '';
  switch (node.kind) {
    case 'hook':
      return `${id}(["${label}${comp}"])`;
    case 'transform':
      return `${id}[/"${label}"/]`;
    case 'nested-workflow':
      return `${id}[["${label}${comp}"]]`;
    case 'input':
    case 'result':
      return `${id}(("${label}"))`;
    default:
      return `${id}["${label}${comp}"]`;
  }
}

class Ids {
  private readonly ids = new Map<string, string>();
  of(id: string): string {
    let m = this.ids.get(id);
    if (!m) {
      m = `n${this.ids.size}`;
      this.ids.set(id, m);
    }
    return m;
  }
}

/** Order edges with ends inside when blocks lifted to the blocks, plus each block's bypass. */
function orderLines(view: ViewGraph, ids: Ids): string[] {
  const parentOf = new Map<string, string | undefined>();
  for (const g of view.groups) parentOf.set(g.id, g.parent);
  for (const n of view.nodes) parentOf.set(n.id, n.parent);
  const whens = new Map(view.groups.filter((g) => g.kind === 'when').map((g) => [g.id, g]));
  const within = (id: string, group: string): boolean => {
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p))
      if (p === group) return true;
    return false;
  };
  /** The outermost when block holding `id` but not `other` (else `id` itself). */
  const lift = (id: string, other: string): string => {
    let out = id;
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p))
      if (whens.has(p) && !within(other, p) && p !== other) out = p;
    return out;
  };
  const edges = new Map<string, string>();
  const add = (from: string, to: string, arrow: string): void => {
    const key = `${from}>${to}>${arrow}`;
    if (from !== to && !edges.has(key)) edges.set(key, `  ${ids.of(from)} ${arrow} ${ids.of(to)}`);
  };
  const order = view.edges.filter((e): e is ViewEdge => e.kind === 'order');
  const lifted = order.map((e) => ({ from: lift(e.from, e.to), to: lift(e.to, e.from) }));
  for (const { from, to } of lifted) {
    const when = whens.get(to);
    add(from, to, when ? `-- "${esc(when.label)}" -->` : '-->');
  }
  // A when block that does not run: its predecessors go on to its successors.
  for (const id of whens.keys()) {
    const before = lifted.filter((e) => e.to === id).map((e) => e.from);
    const after = lifted.filter((e) => e.from === id).map((e) => e.to);
    for (const b of before) for (const a of after) add(b, a, '-. "else" .->');
  }
  return [...edges.values()];
}

export function toMermaid(payload: GraphPayload): string {
  const view: ViewGraph = buildViewGraph(payload);
  const ids = new Ids();
  const lines = ['flowchart TD', `  %% workflow ${view.workflow}`];
  const emit = (parent: string | undefined, indent: string): void => {
    for (const g of view.groups.filter((x) => x.parent === parent)) {
      const label = g.kind === 'nested' ? `workflow ${g.label}` : g.label;
      lines.push(`${indent}subgraph ${ids.of(g.id)}["${esc(label)}"]`);
      emit(g.id, `${indent}  `);
      lines.push(`${indent}end`);
    }
    for (const n of view.nodes.filter((x) => x.parent === parent))
      lines.push(`${indent}${shape(n, ids.of(n.id))}`);
  };
  emit(undefined, '  ');
  lines.push(...orderLines(view, ids));
  for (const e of view.edges.filter((x) => x.kind === 'data')) {
    const arrow = e.label ? `-. "${esc(e.label)}" .->` : '-.->';
    lines.push(`  ${ids.of(e.from)} ${arrow} ${ids.of(e.to)}`);
  }
  return `${lines.join('\n')}\n`;
}
