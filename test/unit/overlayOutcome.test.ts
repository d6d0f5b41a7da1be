// Unit (mocha, Node): the graph banner's sentence for a run (client/src/graph/outcome.ts).
import * as assert from 'node:assert';
import type { Overlay } from '../../client/src/graph/messages';
import { outcome } from '../../client/src/graph/outcome';

const run = (over: Partial<Overlay>): Overlay => ({
  nodes: {},
  rollback: [],
  runState: 'reverted',
  ended: true,
  ...over,
});

describe('graph banner: the outcome of a run', () => {
  it('counts compensations and waves of a rollback', () => {
    const overlay = run({ failed: 'capture-payment', rollback: ['a', 'b', 'c'] });
    assert.strictEqual(
      outcome(overlay, [['a', 'b'], ['c']]),
      'Rolled back: capture-payment failed; 3 compensations in 2 waves',
    );
  });

  it('says so when no step before the failure had a compensation (not "0 compensations in 0 waves")', () => {
    const overlay = run({ failed: 'validate-customer-exists' });
    assert.strictEqual(
      outcome(overlay, []),
      'Rolled back: validate-customer-exists failed; no step before it had a compensation to run',
    );
  });

  it('names the paused step while the run is paused', () => {
    const overlay = run({
      ended: false,
      runState: 'invoking',
      paused: { step: 'x', action: 'compensate' },
    });
    assert.strictEqual(outcome(overlay, []), 'Paused at the compensation of x');
    const waiting = run({
      ended: false,
      runState: 'invoking',
      paused: { step: 'await-approval', action: 'invoke', awaiting: true },
    });
    assert.strictEqual(
      outcome(waiting, []),
      'Waiting for a response to await-approval (async step)',
    );
  });

  it("says why the engine could not run the workflow (its error's last line), ended or not", () => {
    const error =
      "TypeError: Cannot read properties of undefined (reading 'id')\n" +
      'step "cart.create" has a "." in its name: rename the step (rule MW019)\n';
    for (const ended of [false, true]) {
      const overlay = run({ runState: 'invoking', ended, refused: error });
      assert.strictEqual(
        outcome(overlay, []),
        'The engine could not run the workflow: step "cart.create" has a "." in its name: rename the step (rule MW019)',
      );
    }
    assert.strictEqual(
      outcome(run({ runState: 'invoking', refused: 'Error: the container failed' }), []),
      'The engine could not run the workflow: Error: the container failed',
    );
  });
});
