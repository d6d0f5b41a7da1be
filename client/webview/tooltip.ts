// Webview (browser): the hover card of a node: name, kind, config, compensation, and during a
// debug session its invoke and compensate states. Built with textContent only (no HTML parsing).
import type { Overlay, RecordedErrorText, ViewGraph } from '../src/graph/messages';
import { INPUT_ID } from '../src/graph/viewGraph';

const tip = document.getElementById('tooltip') as HTMLElement;

function row(label: string, value: string): HTMLElement {
  const div = document.createElement('div');
  const b = document.createElement('b');
  b.textContent = `${label}: `;
  div.append(b, value);
  return div;
}

export function showTooltip(
  anchor: Element,
  id: string,
  view: ViewGraph,
  overlay: Overlay | null,
): void {
  const node = view.nodes.find((n) => n.id === id);
  const group = view.groups.find((g) => g.id === id);
  const model = node?.model ?? group?.model;
  tip.replaceChildren();
  const head = document.createElement('div');
  head.className = 'tip-title';
  head.textContent = node?.label ?? group?.label ?? id;
  tip.append(head);
  tip.append(row('kind', node?.kind ?? 'nested workflow'));
  if (model) {
    if (model.name !== model.id) tip.append(row('step', model.name));
    tip.append(row('compensation', model.hasCompensation ? 'yes' : 'no'));
    // The model's config is the call site's `.config()` merged over the definition's already.
    const config = model.config;
    if (Object.keys(config).length > 0) tip.append(row('config', JSON.stringify(config)));
    if (model.parallelGroup !== undefined)
      tip.append(row('parallel group', String(model.parallelGroup + 1)));
    if (model.order !== undefined) tip.append(row('order', String(model.order)));
    if (model.dynamic) tip.append(row('dynamic', model.dynamicReason ?? 'not known statically'));
    const where = model.definition ?? model.callSite;
    tip.append(
      row('defined in', `${where.file.split(/[\\/]/).pop() ?? ''}:${where.span.start.line + 1}`),
    );
  }
  const state = overlay?.nodes[id];
  if (state) tip.append(row('invoke', state.invoke), row('compensate', state.compensate));
  if (overlay?.recorded) recordedRows(id, overlay.recorded);
  const r = anchor.getBoundingClientRect();
  tip.hidden = false;
  const left = Math.min(window.innerWidth - tip.offsetWidth - 8, r.left);
  tip.style.left = `${Math.max(4, left)}px`;
  tip.style.top = `${r.bottom + 6 + tip.offsetHeight > window.innerHeight ? r.top - tip.offsetHeight - 6 : r.bottom + 6}px`;
}

/** What the stored execution holds of this node: attempts, output, errors with their file. */
function recordedRows(id: string, recorded: NonNullable<Overlay['recorded']>): void {
  if (id === INPUT_ID && recorded.payload !== undefined)
    tip.append(block('payload', recorded.payload));
  const d = recorded.steps?.[id];
  if (!d) return;
  tip.append(row('attempts', String(d.attempts)));
  if (d.output !== undefined) tip.append(block('output', d.output));
  if (d.compensateInput !== undefined) tip.append(block('compensate input', d.compensateInput));
  if (d.error) errorRows('error', d.error);
  if (d.compensateError) errorRows('compensation error', d.compensateError);
}

function errorRows(label: string, e: RecordedErrorText): void {
  tip.append(row(label, e.message));
  if (e.at) tip.append(row('at', e.at));
  if (e.stack) tip.append(block('stack', e.stack.split('\n').slice(0, 8).join('\n')));
}

/** A label over preformatted text (JSON, a stack). */
function block(label: string, text: string): HTMLElement {
  const div = document.createElement('div');
  const b = document.createElement('b');
  b.textContent = `${label}:`;
  const pre = document.createElement('pre');
  pre.className = 'tip-pre';
  pre.textContent = text;
  div.append(b, pre);
  return div;
}

export function tooltipText(): string | undefined {
  return tip.hidden ? undefined : [...tip.children].map((c) => c.textContent ?? '').join('\n');
}

export function hideTooltip(): void {
  tip.hidden = true;
}
