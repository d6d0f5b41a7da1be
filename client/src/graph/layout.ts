// Extension host: lays out a ViewGraph with elkjs (layered, top to bottom, compound nodes for
// groups) and returns plain, serializable coordinates for the webview. Layout runs here, not in
// the webview, so elkjs is loaded and JIT-warm once per window instead of once per panel.
// ELK routes the execution-order edges plus the few data edges that place nodes without an order
// (transforms, input, result); the other data edges are drawn as curves between the boxes: they
// mostly run alongside order paths, and routing them all costs ELK several times more.
import type { ELK as Elk, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Laid, Point, ViewEdge, ViewGraph, ViewNode } from './messages';
import { STATE_ROW } from './stateLabels';
import { wrapText } from './wrapText';

/** elkjs (1.6 MB, about a quarter second of CPU to load) loads with the first layout (warmLayout
 * or a preview), not with the extension: activation stays on the way to the first code lens. */
let elk: Promise<Elk> | undefined;
const layouter = (): Promise<Elk> =>
  (elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default()));
const CHAR_W = 7.4;
const SUB_CHAR_W = 6.3;
/** Longest label line of a node; longer names wrap (at `-`, `_`, `.`, camelCase) inside it. */
const LABEL_CHARS = 26;
const LINE_H = 16;
const GROUP_CHAR_W = 6.6;
const GROUP_CHARS = 56;
const GROUP_LINE_H = 15;

/** A node's label lines and size: wide enough for its longest line and its subtitle. */
export function nodeSize(node: Pick<ViewNode, 'kind' | 'label' | 'sub'>): {
  lines: string[];
  width: number;
  height: number;
} {
  const lines = wrapText(node.label, LABEL_CHARS);
  const longest = Math.max(...lines.map((l) => l.length));
  const width = Math.round(
    Math.max(150, Math.min(320, Math.max(longest * CHAR_W, node.sub.length * SUB_CHAR_W) + 48)),
  );
  const small = node.kind === 'input' || node.kind === 'result' || node.kind === 'transform';
  const height = lines.length * LINE_H + (node.sub ? 14 + STATE_ROW : 0) + 18;
  return { lines, width, height: Math.max(small ? 40 : 48, height) };
}

/** A group's label lines and the frame padding and minimum width that keep them inside. */
export function groupHeader(label: string): { lines: string[]; top: number; minWidth: number } {
  const lines = wrapText(label, GROUP_CHARS, 3);
  const longest = Math.max(...lines.map((l) => l.length));
  return {
    lines,
    top: 14 + lines.length * GROUP_LINE_H + 6,
    minWidth: Math.round(longest * GROUP_CHAR_W + 36),
  };
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
  const labels: Record<string, string[]> = {};
  const minWidths = new Map<string, number>();
  for (const g of view.groups) {
    parentOf.set(g.id, g.parent);
    const header = groupHeader(g.kind === 'nested' ? `workflow ${g.label}` : g.label);
    labels[g.id] = header.lines;
    minWidths.set(g.id, header.minWidth);
    // A nested workflow's header also holds its state line under the name.
    const top = header.top + (g.kind === 'nested' ? 12 : 0);
    elkNodes.set(g.id, {
      id: g.id,
      layoutOptions: {
        'elk.padding': `[top=${top},left=14,bottom=14,right=14]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${header.minWidth}, ${top + 30})`,
      },
      children: [],
      edges: [],
    });
  }
  for (const n of view.nodes) {
    parentOf.set(n.id, n.parent);
    const size = nodeSize(n);
    labels[n.id] = size.lines;
    elkNodes.set(n.id, { id: n.id, width: size.width, height: size.height });
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
  const result = await (await layouter()).layout(root);
  const laid = collect(result, new Set(view.groups.map((g) => g.id)));
  widenGroups(laid, minWidths);
  laid.labels = labels;
  for (const e of view.edges) if (!laid.edges[e.id]) curve(e, laid);
  laid.ms = performance.now() - started;
  return laid;
}

/**
 * ELK ignores a compound node's minimum size when edges cross into it (hierarchy handling
 * INCLUDE_CHILDREN), so a group whose label is wider than its content comes back too narrow:
 * it is widened here, about its centre (groups are frames; what they hold does not move).
 */
function widenGroups(laid: Laid, minWidths: Map<string, number>): void {
  for (const [id, min] of minWidths) {
    const box = laid.groups[id];
    if (!box || box.width >= min) continue;
    box.x = Math.max(0, box.x - (min - box.width) / 2);
    box.width = min;
    laid.width = Math.max(laid.width, box.x + box.width);
  }
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
    labels: {},
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
