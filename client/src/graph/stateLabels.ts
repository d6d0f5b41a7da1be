// Webview (overlay.ts, render.ts), the layout and unit tests: the short line a graph node shows
// for its run state, and for the step the debugger is paused at, and the row it takes. No DOM.
import type { DisplayState, Overlay } from './messages';

/** Below a subtitle, the row a node's run state line is drawn in (layout.ts sizes the box for
 * it, render.ts keeps the label and subtitle above it). */
export const STATE_ROW = 12;

const LABEL: Record<DisplayState, string> = {
  pending: 'pending',
  running: 'running…',
  paused: 'paused',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
  'not-run': 'not run',
  compensating: 'compensating…',
  compensated: 'compensated',
};

/** The paused step's line: before which handler, or waiting for its response (async step). */
export function pausedLabel(paused: NonNullable<Overlay['paused']>): string {
  if (paused.awaiting) return 'paused: awaiting response';
  return `paused: ${paused.action === 'invoke' ? 'before invoke' : 'compensation'}`;
}

/** One short line: the invoke state, then what rollback did to the step. */
export function stateLabel(state: { invoke: DisplayState; compensate: DisplayState }): string {
  if (state.compensate === 'pending' || state.compensate === 'skipped') return LABEL[state.invoke];
  if (state.invoke === 'done') return LABEL[state.compensate];
  return `${LABEL[state.invoke]}, ${LABEL[state.compensate]}`;
}
