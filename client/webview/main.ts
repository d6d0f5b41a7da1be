// Webview entry (browser, bundled to dist/webview.js): receives graphs, overlays and breakpoint
// marks from the graph panel, lays out and draws them, and reports clicks back. Keeps zoom, pan
// and selection per workflow in the webview state, so they survive updates and reloads.
import {
  parseHostMessage,
  type BreakpointMarks,
  type DomSnapshot,
  type GraphPayload,
  type HostMessage,
  type Overlay,
  type WebviewMessage,
} from '../src/graph/messages';
import { exportPng, exportSvg } from './exportImage';
import type { Laid } from '../src/graph/layout';
import type { ViewGraph } from '../src/graph/viewGraph';
import { applyBreakpoints, applyOverlay } from './overlay';
import { renderGraph } from './render';
import { hideTooltip, showTooltip, tooltipText } from './tooltip';
import { Viewport, type View } from './viewport';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedView extends View {
  selected?: string;
}
interface SavedState {
  workflow?: string;
  file?: string;
  views: Record<string, SavedView>;
}

const vscode = acquireVsCodeApi();
const svg = document.getElementById('graph') as unknown as SVGSVGElement;
const canvas = document.getElementById('canvas') as HTMLElement;
const message = document.getElementById('message') as HTMLElement;
const title = document.getElementById('title') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

const saved = readState();
let current: { payload: GraphPayload; view: ViewGraph; laid: Laid } | undefined;
let overlay: Overlay | null = null;
let marks: BreakpointMarks = { step: [], compensate: [] };
let drawnAt = 0;

const viewport = new Viewport(svg, (view) => {
  if (!current) return;
  const key = current.payload.workflow.id;
  saved.views[key] = { ...saved.views[key], ...view };
  persist();
});

function readState(): SavedState {
  const s = vscode.getState() as Partial<SavedState> | undefined;
  return {
    workflow: s?.workflow,
    file: s?.file,
    views: typeof s?.views === 'object' && s.views ? s.views : {},
  };
}

function persist(): void {
  const keys = Object.keys(saved.views);
  for (const k of keys.slice(0, Math.max(0, keys.length - 30))) delete saved.views[k];
  vscode.setState(saved);
}

function post(msg: WebviewMessage): void {
  vscode.postMessage(msg);
}

function draw(payload: GraphPayload, view: ViewGraph, laid: Laid): void {
  const started = performance.now();
  hideTooltip(); // its node is about to be replaced
  const viewportGroup = renderGraph(svg, view, laid);
  const sameWorkflow = current?.payload.workflow.id === payload.workflow.id;
  current = { payload, view, laid };
  saved.workflow = payload.workflow.id;
  saved.file = payload.workflow.location.file;
  message.hidden = true;
  title.textContent = payload.workflow.id;
  const errors = payload.diagnostics.filter((d) => d.severity === 'error').length;
  status.textContent = errors > 0 ? `${errors} error${errors > 1 ? 's' : ''}` : '';
  const keep = saved.views[payload.workflow.id];
  viewport.attach(viewportGroup, laid.width, laid.height);
  if (keep) viewport.set(keep);
  else if (!sameWorkflow) viewport.fit();
  select(keep?.selected, false);
  applyBreakpoints(svg, marks);
  applyOverlay(svg, overlay);
  drawnAt = Date.now();
  // Wait for the browser to paint before reporting the graph as drawn.
  requestAnimationFrame(() =>
    post({
      type: 'drawn',
      workflow: payload.workflow.id,
      nodes: view.nodes.length,
      ms: performance.now() - started,
    }),
  );
}

function select(id: string | undefined, reveal: boolean): void {
  for (const g of svg.querySelectorAll('.selected')) g.classList.remove('selected');
  if (!current) return;
  const g = id ? svg.querySelector(`[data-node-id="${CSS.escape(id)}"]`) : null;
  g?.classList.add('selected');
  const key = current.payload.workflow.id;
  saved.views[key] = { ...viewport.current, ...saved.views[key], selected: g ? id : undefined };
  persist();
  if (g && id && reveal) post({ type: 'reveal', node: id, target: 'callSite' });
}

function nodeOf(target: EventTarget | null): SVGGElement | null {
  return target instanceof Element ? target.closest<SVGGElement>('[data-node-id]') : null;
}

function clickable(g: SVGGElement | null): string | undefined {
  const id = g?.getAttribute('data-node-id') ?? undefined;
  return id && !id.startsWith('@') ? id : undefined;
}

svg.addEventListener('click', (e) => {
  const id = clickable(nodeOf(e.target));
  if (id) select(id, true);
});
svg.addEventListener('dblclick', (e) => {
  const id = clickable(nodeOf(e.target));
  if (id) post({ type: 'reveal', node: id, target: 'definition' });
});
svg.addEventListener('mouseover', (e) => {
  const g = nodeOf(e.target);
  const id = g?.getAttribute('data-node-id');
  if (g && id && current) showTooltip(g, id, current.view, current.payload, overlay);
});
svg.addEventListener('mouseout', (e) => {
  if (!nodeOf(e.relatedTarget)) hideTooltip();
});

canvas.addEventListener('keydown', (e) => {
  const step = e.shiftKey ? 120 : 40;
  const focused = clickable(nodeOf(document.activeElement));
  switch (e.key) {
    case '+':
    case '=':
      viewport.zoomBy(1.2);
      break;
    case '-':
    case '_':
      viewport.zoomBy(1 / 1.2);
      break;
    case '0':
      viewport.fit();
      break;
    case 'ArrowLeft':
      viewport.panBy(step, 0);
      break;
    case 'ArrowRight':
      viewport.panBy(-step, 0);
      break;
    case 'ArrowUp':
      viewport.panBy(0, step);
      break;
    case 'ArrowDown':
      viewport.panBy(0, -step);
      break;
    case 'Enter':
      if (!focused) return;
      if (e.shiftKey) post({ type: 'reveal', node: focused, target: 'definition' });
      else select(focused, true);
      break;
    default:
      return;
  }
  e.preventDefault();
});
document.getElementById('zoom-in')?.addEventListener('click', () => viewport.zoomBy(1.2));
document.getElementById('zoom-out')?.addEventListener('click', () => viewport.zoomBy(1 / 1.2));
document.getElementById('fit')?.addEventListener('click', () => viewport.fit());
window.addEventListener('resize', () => {
  if (current && !saved.views[current.payload.workflow.id]) viewport.fit();
});

function snapshot(): DomSnapshot {
  const nodes = [...svg.querySelectorAll<SVGGElement>('[data-node-id]')].map((g) => {
    const id = g.getAttribute('data-node-id') ?? '';
    const box = current?.laid.nodes[id] ?? current?.laid.groups[id];
    return {
      id,
      kind: g.getAttribute('data-kind') ?? '',
      label: g.querySelector('.label, .group-label')?.textContent ?? '',
      classes: [...g.classList],
      parent: g.getAttribute('data-parent') || undefined,
      x: box?.x ?? 0,
      y: box?.y ?? 0,
      width: box?.width ?? 0,
      height: box?.height ?? 0,
    };
  });
  const groups = [...svg.querySelectorAll<SVGGElement>('[data-group-id]')].map((g) => ({
    id: g.getAttribute('data-group-id') ?? '',
    kind: g.getAttribute('data-kind') ?? '',
    label: g.querySelector('.group-label')?.textContent ?? '',
  }));
  const edges = [...svg.querySelectorAll<SVGPathElement>('path.edge')].map((p) => ({
    from: p.getAttribute('data-from') ?? '',
    to: p.getAttribute('data-to') ?? '',
    kind: p.getAttribute('data-kind') === 'data' ? ('data' as const) : ('order' as const),
  }));
  const path = svg.querySelector('.rollback-layer')?.getAttribute('data-path') ?? '';
  return {
    workflow: current?.payload.workflow.id ?? '',
    nodes,
    groups,
    edges,
    selected: svg.querySelector('.selected')?.getAttribute('data-node-id') ?? undefined,
    zoom: viewport.current.zoom,
    pan: { x: viewport.current.x, y: viewport.current.y },
    rollbackPath: path ? path.split(',') : [],
    pausedNode: svg.querySelector('.paused')?.getAttribute('data-node-id') ?? undefined,
    drawnAt,
    theme: document.body.className,
    tooltip: tooltipText(),
  };
}

function testClick(node: string, double: boolean): void {
  const g = svg.querySelector(`[data-node-id="${CSS.escape(node)}"]`);
  if (!g) throw new Error(`no node ${node}`);
  const target = g.querySelector('.shape') ?? g;
  const init = { bubbles: true, cancelable: true, view: window, detail: 1 };
  target.dispatchEvent(new MouseEvent('click', init));
  if (double) {
    target.dispatchEvent(new MouseEvent('click', { ...init, detail: 2 }));
    target.dispatchEvent(new MouseEvent('dblclick', { ...init, detail: 2 }));
  }
}

async function handle(msg: HostMessage): Promise<void> {
  switch (msg.type) {
    case 'graph':
      document.body.classList.toggle('untrusted', !msg.trusted);
      return draw(msg.payload, msg.view, msg.laid);
    case 'empty':
      current = undefined;
      svg.replaceChildren();
      message.textContent = msg.message;
      message.hidden = false;
      return;
    case 'overlay':
      overlay = msg.overlay;
      applyOverlay(svg, overlay);
      return;
    case 'breakpoints':
      marks = msg.marks;
      applyBreakpoints(svg, marks);
      return;
    case 'fit':
      viewport.fit();
      return;
    case 'export': {
      const data = msg.format === 'svg' ? exportSvg(svg) : await exportPng(svg);
      post({ type: 'exportResult', requestId: msg.requestId, data });
      return;
    }
    case 'test.query':
      post({ type: 'test.result', requestId: msg.requestId, dom: snapshot() });
      return;
    case 'test.click':
      testClick(msg.node, msg.double);
      post({ type: 'test.result', requestId: msg.requestId, dom: snapshot() });
      return;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseHostMessage(event.data);
  if (!msg) return;
  handle(msg).catch((e: unknown) =>
    post({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});

document.addEventListener('securitypolicyviolation', (e) =>
  post({ type: 'error', message: `CSP violation: ${e.violatedDirective} ${e.blockedURI}` }),
);
window.addEventListener('error', (e) => post({ type: 'error', message: String(e.message) }));

post({ type: 'ready' });
