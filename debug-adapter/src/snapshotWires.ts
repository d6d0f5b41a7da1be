// Debug adapter: the run's snapshot on its two wires (issue 14). The runner sends each batch's
// snapshot as a delta against the one it sent before; the client gets each state event as a delta
// against the one it holds. Used by controller.ts.
import type { RunSnapshot } from '../../engine/src/instrumentation';
import { applyRun, diffRun, type RunDelta } from '../../shared/protocol/snapshotDelta';
import type { StateEvent } from './protocol';

export class SnapshotWires {
  /** The run's snapshot as the runner last sent it. */
  private fromRunner?: RunSnapshot;
  /** The snapshot the client holds from the state events sent so far. */
  private toClient?: RunSnapshot;
  /** State events sent: a batch that stopped has sent its own. */
  sent = 0;

  /** The snapshot after a runner batch (with or without a delta). */
  received(delta: RunDelta | undefined): RunSnapshot | undefined {
    if (delta) this.fromRunner = applyRun(this.fromRunner, delta);
    return this.fromRunner;
  }

  /** The delta of the next state event, counted as sent. */
  next(snapshot: RunSnapshot): StateEvent.Body['delta'] {
    const delta = diffRun(this.toClient, snapshot) ?? {};
    this.toClient = snapshot;
    this.sent++;
    return delta;
  }
}
