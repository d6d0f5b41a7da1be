// Webview entry (browser, bundled to dist/webview.js): receives laid-out graphs, overlays and
// breakpoint marks from the graph panel, draws them, and reports clicks back. Keeps zoom, pan
// and selection per workflow in the webview state, so they survive updates and reloads. A run's
// states hide when its session ends or the code is edited, until "Show last run".
import {
  parseHostMessage,
  type BreakpointMarks,
  type Box,
  type GraphMessage,
  type HostMessage,
  type Overlay,
  type WebviewMessage,
} from '../src/graph/messages';
import { exportPng, exportSvg } from './exportImage';
import { applyBreakpoints, applyOverlay, wavesOf } from './overlay';
import { snapshot, testClick } from './probe';
import { renderGraph, stickGroupLabels } from './render';
import { onToggleLastRun, showRun } from './runPanel';
import { hideTooltip, showTooltip } from './tooltip';
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
let current: GraphMessage | undefined;
let overlay: Overlay | null = null;
/** The ended run's states are hidden (after the session ended or an edit) until asked for. */
let lastRunHidden = false;
/** The rollback waves the graph shows (none while the last run is hidden). */
let waves: string[][] = [];
let followed: string | undefined;
let marks: BreakpointMarks = { step: [], compensate: [] };
let drawnAt = 0;

const viewport = new Viewport(svg, (view) => {
  stickGroupLabels(svg, view);
  if (!current) return;
  const key = current.workflow.id;
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

function draw(msg: GraphMessage): void {
  const started = performance.now();
  hideTooltip(); // its node is about to be replaced
  const viewportGroup = renderGraph(svg, msg.view, msg.laid);
  const sameWorkflow = current?.workflow.id === msg.workflow.id;
  current = msg;
  saved.workflow = msg.workflow.id;
  saved.file = msg.workflow.file;
  message.hidden = true;
  title.textContent = msg.workflow.id;
  status.textContent = msg.errors > 0 ? `${msg.errors} error${msg.errors > 1 ? 's' : ''}` : '';
  const keep = saved.views[msg.workflow.id];
  const first = Object.values(msg.laid.nodes).reduce<Box | undefined>(
    (top, b) => (!top || b.y < top.y ? b : top),
    undefined,
  );
  viewport.attach(viewportGroup, msg.laid.width, msg.laid.height, first);
  if (keep) viewport.set(keep);
  else if (!sameWorkflow) viewport.fit();
  select(keep?.selected, false);
  applyBreakpoints(svg, marks);
  // The code changed under an ended run: its states describe code that is no longer there.
  if (msg.edited && overlay?.ended) lastRunHidden = true;
  redrawRun();
  drawnAt = Date.now();
  // Wait for the browser to paint before reporting the graph as drawn.
  requestAnimationFrame(() =>
    post({
      type: 'drawn',
      workflow: msg.workflow.id,
      nodes: msg.view.nodes.length,
      ms: performance.now() - started,
    }),
  );
}

function setOverlay(next: Overlay | null): void {
  // A session that just ended clears the graph; a live one always shows.
  // A stored execution the user opened always shows.
  if (!next || !next.ended || next.recorded) lastRunHidden = false;
  else if (!overlay?.ended) lastRunHidden = true;
  overlay = next;
  redrawRun();
}

function redrawRun(): void {
  const all = wavesOf(overlay, current?.view);
  applyOverlay(svg, { overlay, hidden: lastRunHidden }, all);
  showRun(overlay, lastRunHidden, all);
  waves = lastRunHidden ? [] : all;
  // The view follows the step the debugger stopped at.
  const paused = overlay && !overlay.ended ? overlay.paused?.step : undefined;
  if (paused && paused !== followed && current) {
    const box = current.laid.nodes[paused] ?? current.laid.groups[paused];
    if (box) viewport.follow(box);
  }
  followed = paused;
}

onToggleLastRun(() => {
  lastRunHidden = !lastRunHidden;
  redrawRun();
});

function select(id: string | undefined, reveal: boolean): void {
  for (const g of svg.querySelectorAll('.selected')) g.classList.remove('selected');
  if (!current) return;
  const g = id ? svg.querySelector(`[data-node-id="${CSS.escape(id)}"]`) : null;
  g?.classList.add('selected');
  const key = current.workflow.id;
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
  if (g && id && current) showTooltip(g, id, current.view, lastRunHidden ? null : overlay);
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
  if (current && !saved.views[current.workflow.id]) viewport.fit();
});

function probeContext(): Parameters<typeof snapshot>[0] {
  return {
    svg,
    workflow: current?.workflow.id ?? '',
    laid: current?.laid,
    view: viewport.current,
    waves,
    drawnAt,
  };
}

async function handle(msg: HostMessage): Promise<void> {
  switch (msg.type) {
    case 'graph':
      document.body.classList.toggle('untrusted', !msg.trusted);
      return draw(msg);
    case 'empty':
      current = undefined;
      svg.replaceChildren();
      message.textContent = msg.message;
      message.hidden = false;
      return;
    case 'overlay':
      setOverlay(msg.overlay);
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
      post({ type: 'test.result', requestId: msg.requestId, dom: snapshot(probeContext()) });
      return;
    case 'test.click':
      testClick(msg.selector, msg.double);
      post({ type: 'test.result', requestId: msg.requestId, dom: snapshot(probeContext()) });
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
