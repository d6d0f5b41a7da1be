// Webview (browser): the debug overlay on a drawn graph: each node's invoke and compensate state
// as classes and a short label, the paused node, and the rollback path (compensations in the
// order they ran) drawn as a numbered line through the nodes. Also the breakpoint marks.
import type { BreakpointMarks, DisplayState, Overlay } from '../src/graph/messages';
import { el } from './render';

const STATES: DisplayState[] = [
  'pending',
  'running',
  'done',
  'failed',
  'skipped',
  'compensating',
  'compensated',
];
const STATE_CLASSES = [
  ...STATES.map((s) => `inv-${s}`),
  ...STATES.map((s) => `comp-${s}`),
  'paused',
  'paused-invoke',
  'paused-compensate',
  'in-run',
];

const LABEL: Record<DisplayState, string> = {
  pending: 'pending',
  running: 'running…',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
  compensating: 'compensating…',
  compensated: 'compensated',
};

/** One short line: the invoke state, then what rollback did to the step. */
function describe(state: { invoke: DisplayState; compensate: DisplayState }): string {
  if (state.compensate === 'pending' || state.compensate === 'skipped') return LABEL[state.invoke];
  if (state.invoke === 'done') return LABEL[state.compensate];
  return `${LABEL[state.invoke]}, ${LABEL[state.compensate]}`;
}

function nodes(svg: SVGSVGElement): SVGGElement[] {
  return [...svg.querySelectorAll<SVGGElement>('[data-node-id]')];
}

export function applyOverlay(svg: SVGSVGElement, overlay: Overlay | null): void {
  svg.classList.toggle('debugging', overlay !== null && !overlay.ended);
  svg.classList.toggle('run-ended', overlay?.ended === true);
  for (const g of nodes(svg)) {
    g.classList.remove(...STATE_CLASSES);
    const label = g.querySelector(':scope > .state');
    if (label) label.textContent = '';
    const id = g.getAttribute('data-node-id') ?? '';
    const state = overlay?.nodes[id];
    if (!overlay || !state) continue;
    g.classList.add('in-run', `inv-${state.invoke}`, `comp-${state.compensate}`);
    if (overlay.paused?.step === id) g.classList.add('paused', `paused-${overlay.paused.action}`);
    if (label)
      label.textContent =
        overlay.paused?.step === id ? `paused: ${overlay.paused.action}` : describe(state);
  }
  drawRollback(svg, overlay?.rollback ?? []);
}

/** The middle of a node's left edge: the rollback path runs along the nodes, not over labels. */
function anchor(g: SVGGElement): { x: number; y: number } | undefined {
  const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '');
  const box = g.querySelector<SVGGraphicsElement>('.shape');
  if (!m || !box) return undefined;
  const b = box.getBBox();
  return { x: Number(m[1]) + b.x, y: Number(m[2]) + b.y + b.height / 2 };
}

function drawRollback(svg: SVGSVGElement, rollback: string[]): void {
  const layer = svg.querySelector('.rollback-layer');
  if (!layer) return;
  layer.replaceChildren();
  layer.setAttribute('data-path', rollback.join(','));
  const points = rollback
    .map((id) => svg.querySelector<SVGGElement>(`[data-node-id="${CSS.escape(id)}"]`))
    .map((g) => (g ? anchor(g) : undefined))
    .filter((p): p is { x: number; y: number } => p !== undefined);
  if (points.length === 0) return;
  if (points.length > 1) {
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
    el('path', { class: 'rollback', d, 'marker-end': 'url(#arrow-rollback)' }, layer);
  }
  points.forEach((p, i) => {
    const g = el('g', { class: 'rollback-step', transform: `translate(${p.x},${p.y})` }, layer);
    el('circle', { r: 9 }, g);
    const t = el('text', { y: 4, 'text-anchor': 'middle' }, g);
    t.textContent = String(i + 1);
  });
}

export function applyBreakpoints(svg: SVGSVGElement, marks: BreakpointMarks): void {
  const step = new Set(marks.step);
  const comp = new Set(marks.compensate);
  for (const g of nodes(svg)) {
    const id = g.getAttribute('data-node-id') ?? '';
    g.classList.toggle('bp-on-step', step.has(id));
    g.classList.toggle('bp-on-compensate', comp.has(id));
  }
}
