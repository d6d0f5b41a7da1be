// Webview (overlay banner) and unit tests: the banner's sentence for a run. Kept free of the DOM so
// Node tests can import it; client/webview/overlay.ts re-exports it for runPanel.ts.
import type { Overlay } from './messages';

/** The banner's sentence for a run. */
export function outcome(overlay: Overlay, waves: string[][]): string {
  const failed = overlay.failed ? `${overlay.failed} failed` : 'a step failed';
  const undone = overlay.rollback.length;
  const rolled =
    undone === 0
      ? 'no step before it had a compensation to run'
      : `${undone} compensation${undone === 1 ? '' : 's'} in ${waves.length} wave${waves.length === 1 ? '' : 's'}`;
  if (overlay.refused) return `The engine could not run the workflow: ${refusal(overlay.refused)}`;
  if (!overlay.ended && overlay.paused) {
    const { step, action, awaiting } = overlay.paused;
    const of = action === 'compensate' ? `the compensation of ${step}` : step;
    return awaiting ? `Waiting for a response to ${of} (async step)` : `Paused at ${of}`;
  }
  switch (overlay.runState) {
    case 'done':
      return 'Run succeeded';
    case 'reverted':
      return `Rolled back: ${failed}; ${rolled}`;
    case 'failed':
      return `Run failed: ${failed}; rollback incomplete (${rolled})`;
    case 'compensating':
    case 'waiting_to_compensate':
      return overlay.ended ? `Ended while rolling back: ${failed}` : `Rolling back: ${failed}`;
    default:
      return overlay.ended ? 'The session ended before the run finished' : 'Running…';
  }
}

/** The banner's part of the engine's error: the last line, which says why when that is known
 * (the Debug Console shows it whole, and so does the banner's tooltip). */
export function refusal(error: string): string {
  return error.trim().split('\n').at(-1) ?? error;
}
