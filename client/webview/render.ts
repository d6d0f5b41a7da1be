// Webview (browser): draws a laid-out ViewGraph as SVG. Shapes and classes only; colours come
// from media/graph.css (VS Code theme variables). No inline styles (the CSP forbids them). Label
// lines come from the layout, which sized each box for them. A group's label follows the view as
// it pans past the group's left edge (stickGroupLabels, called by main.ts on each view change).
import type {
  Box,
  EdgePath,
  Laid,
  ViewEdge,
  ViewGraph,
  ViewGroup,
  ViewNode,
} from '../src/graph/messages';
import { STATE_ROW } from '../src/graph/stateLabels';
import { stickyLabelX, type View } from './fit';

const NS = 'http://www.w3.org/2000/svg';

export function el<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  parent?: Element,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

function defs(svg: SVGSVGElement): void {
  const d = el('defs', {}, svg);
  for (const kind of ['order', 'data']) {
    const m = el(
      'marker',
      {
        id: `arrow-${kind}`,
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      d,
    );
    el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: `arrowhead arrowhead-${kind}` }, m);
  }
}

function vscodeContext(node: ViewNode): string {
  const stepLike = node.kind === 'step' || node.kind === 'hook' || node.kind === 'nested-workflow';
  return JSON.stringify({
    webviewSection: 'node',
    node: node.id,
    medusaStepLike: stepLike,
    medusaHasCompensation: node.hasCompensation,
    preventDefaultContextMenuItems: true,
  });
}

function shape(node: ViewNode, w: number, h: number, g: SVGGElement): void {
  switch (node.kind) {
    case 'hook':
      el('rect', { class: 'shape', width: w, height: h, rx: h / 2, ry: h / 2 }, g);
      return;
    case 'transform': {
      const s = 10;
      el('polygon', { class: 'shape', points: `${s},0 ${w},0 ${w - s},${h} 0,${h}` }, g);
      return;
    }
    case 'input':
    case 'result':
      el('ellipse', { class: 'shape', cx: w / 2, cy: h / 2, rx: w / 2, ry: h / 2 }, g);
      return;
    case 'nested-workflow':
      el('rect', { class: 'shape', width: w, height: h, rx: 4 }, g);
      el('rect', { class: 'shape-inner', x: 3, y: 3, width: w - 6, height: h - 6, rx: 3 }, g);
      return;
    default:
      el('rect', { class: 'shape', width: w, height: h, rx: 6 }, g);
  }
}

/** A text element with one tspan per line, `gap` apart, the first baseline at `y`. */
function lines(
  parent: SVGGElement,
  text: string[],
  attrs: Record<string, string | number>,
  y: number,
  gap: number,
): SVGTextElement {
  const t = el('text', { ...attrs, y }, parent);
  text.forEach((line, i) => {
    const span = el('tspan', { x: attrs.x ?? 0, y: y + i * gap }, t);
    span.textContent = line;
  });
  return t;
}

function drawNode(node: ViewNode, box: Box, label: string[], layer: SVGGElement): void {
  const g = el(
    'g',
    {
      class: `node kind-${node.kind}${node.hasCompensation ? ' has-compensation' : ''}`,
      transform: `translate(${box.x},${box.y})`,
      'data-node-id': node.id,
      'data-kind': node.kind,
      'data-parent': node.parent ?? '',
      tabindex: node.model ? 0 : -1,
      role: node.model ? 'button' : 'img',
      'aria-label': `${node.kind} ${node.label}`,
      'data-vscode-context': vscodeContext(node),
    },
    layer,
  );
  shape(node, box.width, box.height, g);
  const block = label.length * 16 + (node.sub ? 14 : 0);
  // A subtitle leaves the bottom row to the run state line, drawn at the box's bottom right.
  const top = (box.height - (node.sub ? STATE_ROW : 0) - block) / 2;
  const attrs = { class: 'label', x: box.width / 2, 'text-anchor': 'middle' };
  lines(g, label, attrs, top + 12, 16);
  if (node.sub) {
    const y = top + label.length * 16 + 10;
    const sub = el('text', { class: 'sub', x: box.width / 2, y, 'text-anchor': 'middle' }, g);
    sub.textContent = node.sub;
  }
  if (node.kind === 'step' || node.kind === 'hook' || node.kind === 'nested-workflow') {
    compensationBadge(node, box.width, g);
    el('circle', { class: 'bp bp-step', cx: 0, cy: box.height / 2, r: 6 }, g);
  }
  const state = el(
    'text',
    { class: 'state', x: box.width - 8, y: box.height - 5, 'text-anchor': 'end' },
    g,
  );
  state.textContent = '';
}

function compensationBadge(node: ViewNode, w: number, g: SVGGElement): void {
  const badge = el(
    'g',
    {
      class: `badge ${node.hasCompensation ? 'comp-yes' : 'comp-no'}`,
      transform: `translate(${w - 2},2)`,
    },
    g,
  );
  el('circle', { r: 9, cx: 0, cy: 0 }, badge);
  const t = el('text', { x: 0, y: 4, 'text-anchor': 'middle' }, badge);
  t.textContent = node.hasCompensation ? '↺' : '–';
  const title = el('title', {}, badge);
  title.textContent = node.hasCompensation ? 'Has a compensation' : 'No compensation';
  if (node.hasCompensation) el('circle', { class: 'bp bp-compensate', cx: 0, cy: 0, r: 11 }, badge);
}

function drawGroup(group: ViewGroup, box: Box, label: string[], layer: SVGGElement): void {
  const headerHeight = 14 + label.length * 15;
  const g = el(
    'g',
    {
      class: `group group-${group.kind}`,
      transform: `translate(${box.x},${box.y})`,
      'data-group-id': group.id,
      'data-kind': group.kind,
    },
    layer,
  );
  el('rect', { class: 'group-frame', width: box.width, height: box.height, rx: 8 }, g);
  const header = el('g', { class: 'group-header' }, g);
  if (group.model) {
    // A nested workflow is both a group and a clickable node (its runAsStep call).
    const node: ViewNode = {
      id: group.id,
      kind: 'nested-workflow',
      label: group.label,
      sub: 'workflow',
      hasCompensation: group.model.hasCompensation,
      model: group.model,
    };
    header.setAttribute('class', 'group-header node kind-nested-workflow compound');
    header.setAttribute('data-node-id', group.id);
    header.setAttribute('data-kind', 'nested-workflow');
    header.setAttribute('tabindex', '0');
    header.setAttribute('role', 'button');
    header.setAttribute('data-vscode-context', vscodeContext(node));
    el(
      'rect',
      { class: 'shape header-hit', width: box.width, height: headerHeight, rx: 8 },
      header,
    );
    compensationBadge(node, box.width, header);
    el('circle', { class: 'bp bp-step', cx: 0, cy: 14, r: 6 }, header);
    const state = el(
      'text',
      { class: 'state', x: 12, y: headerHeight + 10, 'text-anchor': 'start' },
      header,
    );
    state.textContent = '';
  }
  const text = lines(header, label, { class: 'group-label', x: 12 }, 19, 15);
  text.dataset.groupX = String(box.x);
  text.dataset.groupWidth = String(box.width);
}

/** Keeps the labels of groups partly left of the view in sight as the view pans (a nested
 * workflow's container is often wider than the view at a readable scale). A label is measured
 * the first time it moves, so drawing a graph measures nothing. */
export function stickGroupLabels(svg: SVGSVGElement, view: View): void {
  const left = -view.x / view.zoom;
  for (const text of svg.querySelectorAll<SVGTextElement>('text.group-label[data-group-x]')) {
    const group = { x: Number(text.dataset.groupX), width: Number(text.dataset.groupWidth) };
    const moves = left > group.x;
    if (!moves && text.getAttribute('x') === '12') continue;
    // Measured once; a view drawn while hidden measures 0, so that is measured again.
    if (!Number(text.dataset.labelWidth))
      text.dataset.labelWidth = String(text.getComputedTextLength());
    const x = moves ? String(stickyLabelX(group, Number(text.dataset.labelWidth), left)) : '12';
    if (text.getAttribute('x') === x) continue;
    text.setAttribute('x', x);
    for (const span of text.querySelectorAll('tspan')) span.setAttribute('x', x);
  }
}

function pathData({ points, curve }: EdgePath): string {
  const [a, b, c, d] = points;
  if (curve && a && b && c && d)
    return `M ${a.x} ${a.y} C ${b.x} ${b.y} ${c.x} ${c.y} ${d.x} ${d.y}`;
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
}

function drawEdge(edge: ViewEdge, path: EdgePath | undefined, layer: SVGGElement): void {
  if (!path || path.points.length < 2) return;
  const d = pathData(path);
  const line = el(
    'path',
    {
      class: `edge edge-${edge.kind}${path.curve ? ' curve' : ''}`,
      d,
      'data-from': edge.from,
      'data-to': edge.to,
      'data-kind': edge.kind,
      'marker-end': `url(#arrow-${edge.kind})`,
    },
    layer,
  );
  const title = el('title', {}, line);
  title.textContent =
    edge.kind === 'data' ? `data${edge.label ? `: ${edge.label}` : ''}` : 'runs after';
}

/** Replaces the SVG's content with the graph; returns the viewport group zoom and pan apply to. */
export function renderGraph(svg: SVGSVGElement, view: ViewGraph, laid: Laid): SVGGElement {
  svg.replaceChildren();
  defs(svg);
  const viewport = el('g', { id: 'viewport' }, svg);
  const groups = el('g', { class: 'groups' }, viewport);
  const edges = el('g', { class: 'edges' }, viewport);
  const nodes = el('g', { class: 'nodes' }, viewport);
  el('g', { class: 'rollback-layer' }, viewport);
  // Outer groups first so inner ones paint on top.
  const byId = new Map(view.groups.map((g) => [g.id, g]));
  const depth = (g: ViewGroup | undefined): number =>
    g?.parent ? 1 + depth(byId.get(g.parent)) : 0;
  for (const g of [...view.groups].sort((a, b) => depth(a) - depth(b))) {
    const box = laid.groups[g.id];
    if (box) drawGroup(g, box, laid.labels[g.id] ?? [g.label], groups);
  }
  for (const e of view.edges) drawEdge(e, laid.edges[e.id], edges);
  for (const n of view.nodes) {
    const box = laid.nodes[n.id];
    if (box) drawNode(n, box, laid.labels[n.id] ?? [n.label], nodes);
  }
  return viewport;
}
