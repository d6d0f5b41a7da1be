// Webview (overlay.ts) and unit tests: the short line a graph node shows for its run state, and
// for the step the debugger is paused at. No DOM here.
import type { DisplayState, Overlay } from './messages';

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
