// Webview (browser): the read-back the e2e suite and the benchmark ask for through the host's
// GraphProbe (client/src/graph/probe.ts): what the DOM shows, and a dispatched click for runs
// without a browser driver. Nothing in the view itself depends on it. Imported by main.ts.
import type { DomSnapshot, Laid } from '../src/graph/messages';
import { runTexts } from './runPanel';
import { tooltipText } from './tooltip';
import type { View } from './viewport';

export interface ProbeContext {
  svg: SVGSVGElement;
  workflow: string;
  laid: Laid | undefined;
  view: View;
  waves: string[][];
  drawnAt: number;
}

/** A text's lines joined back (a line broken after a separator continues without a space). */
function text(t: Element | null): string {
  if (!t) return '';
  const spans = [...t.querySelectorAll('tspan')].map((s) => s.textContent ?? '');
  if (spans.length === 0) return t.textContent ?? '';
  return spans.reduce(
    (acc, line) => (acc === '' || /[-_./:]$/.test(acc) ? acc + line : `${acc} ${line}`),
    '',
  );
}

/** Whether two drawn texts' boxes meet (false when either is missing or empty). */
function meet(a: SVGGraphicsElement | null, b: SVGGraphicsElement | null): boolean {
  if (!a?.textContent || !b?.textContent) return false;
  const p = a.getBBox();
  const q = b.getBBox();
  return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
}

function message(): string | undefined {
  const m = document.getElementById('message');
  return m && !m.hidden ? (m.textContent ?? '') : undefined;
}

export function snapshot(c: ProbeContext): DomSnapshot {
  const { svg, laid } = c;
  const nodes = [...svg.querySelectorAll<SVGGElement>('[data-node-id]')].map((g) => {
    const id = g.getAttribute('data-node-id') ?? '';
    const box = laid?.nodes[id] ?? laid?.groups[id];
    return {
      id,
      kind: g.getAttribute('data-kind') ?? '',
      label: text(g.querySelector('.label, .group-label')),
      classes: [...g.classList],
      stroke: getComputedStyle(g.querySelector('.shape') ?? g).stroke,
      parent: g.getAttribute('data-parent') || undefined,
      x: box?.x ?? 0,
      y: box?.y ?? 0,
      width: box?.width ?? 0,
      height: box?.height ?? 0,
      state: text(g.querySelector('.state')),
      stateOverSub: meet(g.querySelector('.sub'), g.querySelector('.state')),
    };
  });
  const groups = [...svg.querySelectorAll<SVGGElement>('[data-group-id]')].map((g) => {
    const id = g.getAttribute('data-group-id') ?? '';
    const label = g.querySelector<SVGTextElement>('.group-label');
    return {
      id,
      kind: g.getAttribute('data-kind') ?? '',
      label: text(label),
      x: laid?.groups[id]?.x ?? 0,
      width: laid?.groups[id]?.width ?? 0,
      labelX: Number(label?.getAttribute('x') ?? 0),
      labelWidth: label?.getComputedTextLength() ?? 0,
    };
  });
  const edges = [...svg.querySelectorAll<SVGPathElement>('path.edge')].map((p) => ({
    from: p.getAttribute('data-from') ?? '',
    to: p.getAttribute('data-to') ?? '',
    kind: p.getAttribute('data-kind') === 'data' ? ('data' as const) : ('order' as const),
  }));
  return {
    workflow: c.workflow,
    nodes,
    groups,
    edges,
    selected: svg.querySelector('.selected')?.getAttribute('data-node-id') ?? undefined,
    zoom: c.view.zoom,
    viewport: { width: svg.clientWidth, height: svg.clientHeight },
    pan: { x: c.view.x, y: c.view.y },
    rollbackPath: c.waves.flat(),
    rollbackWaves: c.waves,
    pausedNode: svg.querySelector('.paused')?.getAttribute('data-node-id') ?? undefined,
    drawnAt: c.drawnAt,
    theme: document.body.className,
    tooltip: tooltipText(),
    message: message(),
    ...runTexts(),
  };
}

/** Dispatches a click (or a double click) on the element `selector` matches. */
export function testClick(selector: string, double: boolean): void {
  const found = document.querySelector(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  const target = found.querySelector('.shape') ?? found;
  const init = { bubbles: true, cancelable: true, view: window, detail: 1 };
  target.dispatchEvent(new MouseEvent('click', init));
  if (double) {
    target.dispatchEvent(new MouseEvent('click', { ...init, detail: 2 }));
    target.dispatchEvent(new MouseEvent('dblclick', { ...init, detail: 2 }));
  }
}
