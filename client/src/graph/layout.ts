// Extension host: lays out a ViewGraph with elkjs (layered, top to bottom, compound nodes for
// groups) and returns plain, serializable coordinates for the webview. Layout runs here, not in
// the webview, so elkjs is loaded and JIT-warm once per window instead of once per panel.
// ELK routes the execution-order edges plus the few data edges that place nodes without an order
// (transforms, input, result); the other data edges are drawn as curves between the boxes: they
// mostly run alongside order paths, and routing them all costs ELK several times more.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ViewEdge, ViewGraph } from './viewGraph';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface EdgePath {
  points: Point[];
  /** true: points are a cubic Bézier (start, control, control, end); false: a polyline. */
  curve: boolean;
}

export interface Laid {
  nodes: Record<string, Box>;
  groups: Record<string, Box>;
  edges: Record<string, EdgePath>;
  width: number;
  height: number;
  /** Time elkjs took, for the status line and the benchmark. */
  ms: number;
}

const elk = new ELK();
const NODE_H = 48;
const CHAR_W = 7.4;

export function nodeWidth(label: string, sub: string): number {
  return Math.round(
    Math.max(150, Math.min(360, Math.max(label.length, sub.length * 0.85) * CHAR_W + 48)),
  );
}

function ancestors(id: string, parentOf: Map<string, string | undefined>): string[] {
  const out: string[] = [];
  let p = parentOf.get(id);
  while (p !== undefined) {
    out.push(p);
    p = parentOf.get(p);
  }
  return out;
}

/** The deepest group containing both ends (undefined: the root), where ELK gets the edge. */
function container(
  a: string,
  b: string,
  parentOf: Map<string, string | undefined>,
): string | undefined {
  const other = new Set([b, ...ancestors(b, parentOf)]);
  return ancestors(a, parentOf).find((g) => other.has(g) && g !== a && g !== b);
}

/** Which edges ELK routes (see the file comment). */
function layoutEdges(view: ViewGraph): Set<string> {
  const floating = new Set(
    view.nodes.filter((n) => n.kind === 'transform' || n.kind === 'result').map((n) => n.id),
  );
  const chosen = new Set<string>();
  const placedIn = new Set<string>();
  const placedOut = new Set<string>();
  for (const e of view.edges) {
    if (e.kind === 'order' || e.to === '@result') {
      // The result reads a handful of values; all of them keep it below the last of those.
      chosen.add(e.id);
      placedIn.add(e.to);
    } else if (floating.has(e.to) && !placedIn.has(e.to)) {
      chosen.add(e.id);
      placedIn.add(e.to);
    } else if (floating.has(e.from) && !placedOut.has(e.from)) {
      chosen.add(e.id);
      placedOut.add(e.from);
      placedIn.add(e.to);
    }
  }
  // The input sits above whatever nothing else places.
  for (const e of view.edges) if (e.from === '@input' && !placedIn.has(e.to)) chosen.add(e.id);
  return chosen;
}

export async function layoutGraph(view: ViewGraph): Promise<Laid> {
  const started = performance.now();
  const parentOf = new Map<string, string | undefined>();
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: '@root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '42',
      'elk.spacing.nodeNode': '28',
      'elk.layered.thoroughness': '3',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: [],
    edges: [],
  };
  for (const g of view.groups) {
    parentOf.set(g.id, g.parent);
    const label = g.kind === 'nested' ? `workflow ${g.label}` : g.label;
    const minWidth = Math.round(label.length * 6.6 + 48);
    elkNodes.set(g.id, {
      id: g.id,
      layoutOptions: {
        'elk.padding': '[top=34,left=14,bottom=14,right=14]',
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${minWidth}, 60)`,
      },
      children: [],
      edges: [],
    });
  }
  for (const n of view.nodes) {
    parentOf.set(n.id, n.parent);
    const small = n.kind === 'input' || n.kind === 'result' || n.kind === 'transform';
    elkNodes.set(n.id, { id: n.id, width: nodeWidth(n.label, n.sub), height: small ? 40 : NODE_H });
  }
  for (const [id, node] of elkNodes) {
    const parent = parentOf.get(id);
    ((parent !== undefined ? elkNodes.get(parent) : root) ?? root).children!.push(node);
  }
  const routed = layoutEdges(view);
  for (const e of view.edges) {
    if (!routed.has(e.id) || !elkNodes.has(e.from) || !elkNodes.has(e.to)) continue;
    const c = container(e.from, e.to, parentOf);
    const edge: ElkExtendedEdge = { id: e.id, sources: [e.from], targets: [e.to] };
    ((c !== undefined ? elkNodes.get(c) : root)?.edges ?? root.edges!).push(edge);
  }
  const result = await elk.layout(root);
  const laid = collect(result, new Set(view.groups.map((g) => g.id)));
  for (const e of view.edges) if (!laid.edges[e.id]) curve(e, laid);
  laid.ms = performance.now() - started;
  return laid;
}

let warmed = false;

/** Lays out a tiny graph once, so elkjs is parsed and JIT-warm before the first real preview. */
export function warmLayout(): void {
  if (warmed) return;
  warmed = true;
  const nodes = ['a', 'b', 'c'].map((id) => ({
    id,
    kind: 'step' as const,
    label: id,
    sub: '',
    hasCompensation: false,
  }));
  const edges = [
    { id: 'o1', from: 'a', to: 'b', kind: 'order' as const, label: '' },
    { id: 'o2', from: 'a', to: 'c', kind: 'order' as const, label: '' },
  ];
  setTimeout(
    () => void layoutGraph({ workflow: '@warm', nodes, groups: [], edges }).catch(() => undefined),
    500,
  );
}

function collect(root: ElkNode, groupIds: Set<string>): Laid {
  const laid: Laid = {
    nodes: {},
    groups: {},
    edges: {},
    width: root.width ?? 0,
    height: root.height ?? 0,
    ms: 0,
  };
  const offsets = new Map<string, Point>([['@root', { x: 0, y: 0 }]]);
  const visit = (node: ElkNode, ox: number, oy: number): void => {
    for (const child of node.children ?? []) {
      const x = ox + (child.x ?? 0);
      const y = oy + (child.y ?? 0);
      offsets.set(child.id, { x, y });
      (groupIds.has(child.id) ? laid.groups : laid.nodes)[child.id] = {
        x,
        y,
        width: child.width ?? 0,
        height: child.height ?? 0,
      };
      visit(child, x, y);
    }
  };
  visit(root, 0, 0);
  const edges = (node: ElkNode): void => {
    for (const e of node.edges ?? []) {
      // elkjs reports edge coordinates relative to the edge's container.
      const where = offsets.get((e as { container?: string }).container ?? node.id) ?? {
        x: 0,
        y: 0,
      };
      const points: Point[] = [];
      for (const s of e.sections ?? [])
        points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
      laid.edges[e.id] = {
        points: points.map((p) => ({ x: p.x + where.x, y: p.y + where.y })),
        curve: false,
      };
    }
    for (const child of node.children ?? []) edges(child);
  };
  edges(root);
  return laid;
}

/** A Bézier from the source's bottom to the target's top (or side to side within a layer). */
function curve(e: ViewEdge, laid: Laid): void {
  const a = laid.nodes[e.from] ?? laid.groups[e.from];
  const b = laid.nodes[e.to] ?? laid.groups[e.to];
  if (!a || !b) return;
  const start = { x: a.x + a.width / 2, y: a.y + a.height };
  const end = { x: b.x + b.width / 2, y: b.y };
  if (end.y <= start.y) {
    const right = { x: a.x + a.width, y: a.y + a.height / 2 };
    const left = { x: b.x + b.width, y: b.y + b.height / 2 };
    const out = Math.max(right.x, left.x) + 40;
    laid.edges[e.id] = {
      points: [right, { x: out, y: right.y }, { x: out, y: left.y }, left],
      curve: true,
    };
    return;
  }
  const dy = Math.max(24, (end.y - start.y) / 2);
  laid.edges[e.id] = {
    points: [start, { x: start.x, y: start.y + dy }, { x: end.x, y: end.y - dy }, end],
    curve: true,
  };
}
