// Webview (browser): the debug overlay on a drawn graph: each node's invoke and compensate state
// as classes and a short label, the paused step, the rollback numbered by wave on the nodes' corners
// (never across their labels) and listed beside the graph, the outcome banner and the legend.
// Also the breakpoint marks. Imported by main.ts.
import type { BreakpointMarks, DisplayState, Overlay, ViewGraph } from '../src/graph/messages';
import { rollbackWaves } from '../src/graph/rollback';
import { pausedLabel, stateLabel } from '../src/graph/stateLabels';
import { el } from './render';

const STATES: DisplayState[] = [
  'pending',
  'running',
  'paused',
  'done',
  'failed',
  'skipped',
  'not-run',
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
  'first-failure',
];

/** The legend: what each look means (shown while a run is on the graph). */
export const LEGEND: [cls: string, text: string][] = [
  ['inv-done', 'done'],
  ['inv-running', 'running'],
  ['paused', 'paused'],
  ['inv-failed', 'failed'],
  ['comp-compensated', 'compensated'],
  ['inv-not-run', 'not run'],
  ['inv-skipped', 'skipped'],
];

function nodes(svg: SVGSVGElement): SVGGElement[] {
  return [...svg.querySelectorAll<SVGGElement>('[data-node-id]')];
}

export { outcome } from '../src/graph/outcome';

export interface OverlayView {
  overlay: Overlay | null;
  /** The run is over and hidden until the user asks for it (Show last run). */
  hidden: boolean;
}

/** The run's compensations as waves (see rollback.ts), on the drawn graph's order edges. */
export function wavesOf(overlay: Overlay | null, view: ViewGraph | undefined): string[][] {
  const order = (view?.edges ?? []).filter((e) => e.kind === 'order');
  return overlay ? rollbackWaves(overlay.rollback, order) : [];
}

/** Draws the overlay (nothing of it while hidden), with the rollback `waves` on the nodes. */
export function applyOverlay(
  svg: SVGSVGElement,
  { overlay, hidden }: OverlayView,
  waves: string[][],
): void {
  const shown = overlay && !hidden ? overlay : null;
  svg.classList.toggle('debugging', shown !== null && !shown.ended);
  svg.classList.toggle('run-ended', shown?.ended === true);
  for (const g of nodes(svg)) {
    g.classList.remove(...STATE_CLASSES);
    const label = g.querySelector(':scope > .state');
    if (label) label.textContent = '';
    const id = g.getAttribute('data-node-id') ?? '';
    const state = shown?.nodes[id];
    if (!shown || !state) continue;
    g.classList.add('in-run', `inv-${state.invoke}`, `comp-${state.compensate}`);
    if (shown.failed === id) g.classList.add('first-failure');
    const paused = shown.paused?.step === id ? shown.paused : undefined;
    if (paused) g.classList.add('paused', `paused-${paused.action}`);
    if (label) label.textContent = paused ? pausedLabel(paused) : stateLabel(state);
  }
  drawRollback(svg, shown ? waves : []);
}

/** A numbered badge per compensation on its node's top-left corner, the number of its wave. */
function drawRollback(svg: SVGSVGElement, waves: string[][]): void {
  const layer = svg.querySelector('.rollback-layer');
  if (!layer) return;
  layer.replaceChildren();
  layer.setAttribute('data-path', waves.flat().join(','));
  waves.forEach((wave, i) => {
    for (const id of wave) {
      const g = svg.querySelector<SVGGElement>(`[data-node-id="${CSS.escape(id)}"]`);
      const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g?.getAttribute('transform') ?? '');
      if (!m) continue;
      const badge = el(
        'g',
        {
          class: 'rollback-step',
          transform: `translate(${Number(m[1])},${Number(m[2])})`,
          'data-wave': i + 1,
        },
        layer,
      );
      el('circle', { r: 9 }, badge);
      const t = el('text', { y: 4, 'text-anchor': 'middle' }, badge);
      t.textContent = String(i + 1);
    }
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
