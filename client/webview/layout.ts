// Webview (browser): lays out a ViewGraph with elkjs (layered, top to bottom, compound nodes for
// groups) and returns absolute coordinates for every node, group and edge.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ViewGraph } from './viewGraph';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Laid {
  nodes: Map<string, Box>;
  groups: Map<string, Box>;
  /** Polyline points per edge id, absolute. */
  edges: Map<string, { x: number; y: number }[]>;
  width: number;
  height: number;
}

const elk = new ELK();
const NODE_H = 48;
const CHAR_W = 7.4;

export function nodeWidth(label: string, sub: string): number {
  return Math.round(Math.max(150, Math.min(360, Math.max(label.length, sub.length * 0.85) * CHAR_W + 48)));
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
function container(a: string, b: string, parentOf: Map<string, string | undefined>): string | undefined {
  const up = ancestors(a, parentOf);
  const other = new Set([b, ...ancestors(b, parentOf)]);
  return up.find((g) => other.has(g) && g !== a && g !== b);
}

export async function layoutGraph(view: ViewGraph): Promise<Laid> {
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
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: [],
    edges: [],
  };
  for (const g of view.groups) {
    parentOf.set(g.id, g.parent);
    elkNodes.set(g.id, {
      id: g.id,
      layoutOptions: { 'elk.padding': '[top=34,left=14,bottom=14,right=14]' },
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
    const holder = parent !== undefined ? elkNodes.get(parent) : root;
    (holder ?? root).children!.push(node);
  }
  for (const e of view.edges) {
    if (!elkNodes.has(e.from) || !elkNodes.has(e.to)) continue;
    const c = container(e.from, e.to, parentOf);
    const edge: ElkExtendedEdge = { id: e.id, sources: [e.from], targets: [e.to] };
    ((c !== undefined ? elkNodes.get(c) : root)?.edges ?? root.edges!).push(edge);
  }
  const result = await elk.layout(root);
  return collect(result, new Set(view.groups.map((g) => g.id)));
}

function collect(root: ElkNode, groupIds: Set<string>): Laid {
  const laid: Laid = { nodes: new Map(), groups: new Map(), edges: new Map(), width: root.width ?? 0, height: root.height ?? 0 };
  const offsets = new Map<string, { x: number; y: number }>([['@root', { x: 0, y: 0 }]]);
  const visit = (node: ElkNode, ox: number, oy: number): void => {
    for (const child of node.children ?? []) {
      const x = ox + (child.x ?? 0);
      const y = oy + (child.y ?? 0);
      offsets.set(child.id, { x, y });
      const box = { x, y, width: child.width ?? 0, height: child.height ?? 0 };
      (groupIds.has(child.id) ? laid.groups : laid.nodes).set(child.id, box);
      visit(child, x, y);
    }
  };
  visit(root, 0, 0);
  const edges = (node: ElkNode): void => {
    for (const e of node.edges ?? []) {
      // elkjs reports edge coordinates relative to the edge's container.
      const where = offsets.get((e as { container?: string }).container ?? node.id) ?? { x: 0, y: 0 };
      const points: { x: number; y: number }[] = [];
      for (const s of e.sections ?? []) {
        points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
      }
      laid.edges.set(e.id, points.map((p) => ({ x: p.x + where.x, y: p.y + where.y })));
    }
    for (const child of node.children ?? []) edges(child);
  };
  edges(root);
  return laid;
}
