// Webview (browser): the run's words around the graph: the outcome banner (with Show/Hide last
// run once the session has ended), the rollback as an ordered list of waves beside the graph, and
// the legend of the overlay's looks. Built with textContent only. Imported by main.ts.
import type { Overlay } from '../src/graph/messages';
import { LEGEND, outcome } from './overlay';

const banner = document.getElementById('banner') as HTMLElement;
const bannerText = document.getElementById('banner-text') as HTMLElement;
const lastRun = document.getElementById('last-run') as HTMLButtonElement;
const rollback = document.getElementById('rollback') as HTMLElement;
const legend = document.getElementById('legend') as HTMLElement;

export function onToggleLastRun(fn: () => void): void {
  lastRun.addEventListener('click', fn);
}

export function showRun(overlay: Overlay | null, hidden: boolean, waves: string[][]): void {
  banner.hidden = overlay === null;
  legend.hidden = overlay === null || hidden;
  rollback.hidden = overlay === null || hidden || waves.length === 0;
  if (!overlay) return;
  const text = outcome(overlay, waves);
  const recorded = overlay.recorded;
  bannerText.textContent = recorded
    ? `Execution ${recorded.execution}: ${text}${mismatchText(recorded.mismatches)}${recorded.live ? ` · ${recorded.live}` : ''}`
    : overlay.ended
      ? `Last run: ${text}`
      : text;
  banner.title = recorded ? recorded.mismatches.join('\n') : (overlay.refused ?? '');
  const state = overlay.refused ? 'failed' : overlay.runState;
  banner.className = `outcome-${state}${overlay.ended ? ' ended' : ''}`;
  lastRun.hidden = !overlay.ended || recorded !== undefined;
  lastRun.textContent = hidden ? 'Show last run' : 'Hide last run';
  drawList(waves);
  drawLegend();
}

function mismatchText(mismatches: string[]): string {
  const n = mismatches.length;
  return n === 0 ? '' : ` (${n} part${n === 1 ? '' : 's'} of the record do not match the code)`;
}

function drawList(waves: string[][]): void {
  const title = document.createElement('div');
  title.className = 'rollback-title';
  title.textContent = 'Rollback, in order';
  const list = document.createElement('ol');
  for (const wave of waves) {
    const item = document.createElement('li');
    item.dataset.wave = wave.join(',');
    item.textContent = wave.length > 1 ? `${wave.join(' + ')} (together)` : (wave[0] ?? '');
    list.append(item);
  }
  rollback.replaceChildren(title, list);
}

function drawLegend(): void {
  if (legend.childElementCount > 0) return;
  for (const [cls, text] of LEGEND) {
    const item = document.createElement('span');
    item.className = 'legend-item';
    const swatch = document.createElement('span');
    swatch.className = `swatch ${cls}`;
    item.append(swatch, text);
    legend.append(item);
  }
}

export function runTexts(): { banner: string; legend: string[] } {
  return {
    banner: banner.hidden ? '' : (bannerText.textContent ?? ''),
    legend: legend.hidden ? [] : [...legend.children].map((c) => c.textContent ?? ''),
  };
}
