// Unit tests of the debug overlay model (client/src/debug/overlayModel.ts): what each graph node
// reads as during and after a run, from the adapter's snapshot, paused boundary and rollback.
import * as assert from 'node:assert';
import type { RunSnapshot, StepSnapshot, StepState } from '../../engine/src/instrumentation';
import { endedOverlay, toOverlay } from '../../client/src/debug/overlayModel';
import { pausedLabel } from '../../client/src/graph/stateLabels';

function step(
  name: string,
  invoke: StepState,
  compensate: StepState = 'not_started',
): StepSnapshot {
  return {
    step: name,
    depth: 0,
    invoke: { state: invoke, status: 'idle', attempt: 0 },
    compensate: { state: compensate, status: 'idle', attempt: 0 },
    noCompensation: false,
  };
}

function run(state: RunSnapshot['state'], steps: StepSnapshot[], workflowId = 'wf'): RunSnapshot {
  return {
    run: { workflowId, transactionId: 't', parents: [] },
    state,
    input: {},
    steps,
  };
}

describe('graph overlay: run states', () => {
  it('says "not run" for steps a rolled-back run never reached, "pending" while it still may', () => {
    const rolling = toOverlay({
      snapshot: run('compensating', [
        step('a', 'done', 'compensating'),
        step('b', 'failed'),
        step('c', 'not_started'),
      ]),
      rollback: ['a'],
    })!;
    assert.strictEqual(rolling.nodes.c?.invoke, 'not-run');
    assert.strictEqual(rolling.failed, 'b');
    const running = toOverlay({
      snapshot: run('invoking', [step('a', 'done'), step('c', 'not_started')]),
      rollback: [],
    })!;
    assert.strictEqual(running.nodes.c?.invoke, 'pending');
  });

  it('shows the steps waiting at their gates as paused while the debugger is stopped', () => {
    const o = toOverlay({
      snapshot: run('invoking', [step('a', 'invoking'), step('b', 'invoking')]),
      paused: { step: 'a', action: 'invoke', workflowId: 'wf' },
      rollback: [],
    })!;
    assert.deepStrictEqual(o.paused, { step: 'a', action: 'invoke' });
    assert.strictEqual(o.nodes.a?.invoke, 'paused');
    assert.strictEqual(o.nodes.b?.invoke, 'paused', 'its parallel sibling waits too');
    const resumed = toOverlay({
      snapshot: run('invoking', [step('a', 'invoking')]),
      rollback: [],
    })!;
    assert.strictEqual(resumed.nodes.a?.invoke, 'running');
  });

  it('says when the paused step is an async step waiting for its response', () => {
    const awaiting = [
      { step: 'approve', action: 'invoke' as const, workflowId: 'wf', transactionId: 't' },
    ];
    const o = toOverlay({
      snapshot: run('invoking', [step('a', 'done'), step('approve', 'invoking')]),
      paused: { step: 'approve', action: 'invoke', workflowId: 'wf', awaiting },
      rollback: [],
    })!;
    assert.deepStrictEqual(o.paused, { step: 'approve', action: 'invoke', awaiting: true });
    assert.strictEqual(pausedLabel(o.paused), 'paused: awaiting response');
    const before = toOverlay({
      snapshot: run('invoking', [step('a', 'invoking')]),
      paused: { step: 'a', action: 'invoke', workflowId: 'wf' },
      rollback: [],
    })!;
    assert.strictEqual(pausedLabel(before.paused!), 'paused: before invoke');
  });

  it('names nested compensations by their node path', () => {
    const child = run('reverted', [step('x', 'done', 'reverted')], 'child-wf');
    const parent = run('compensating', [{ ...step('sub', 'done', 'compensating'), child }]);
    const o = toOverlay({ snapshot: parent, rollback: ['child-wf › x', 'sub'] })!;
    assert.deepStrictEqual(o.rollback, ['sub::x', 'sub']);
    assert.strictEqual(o.nodes['sub::x']?.compensate, 'compensated');
  });

  it('settles an ended run: nothing paused or pending any more, the failure kept', () => {
    const live = toOverlay({
      snapshot: run('invoking', [
        step('a', 'done'),
        step('b', 'invoking'),
        step('c', 'not_started'),
      ]),
      paused: { step: 'b', action: 'invoke', workflowId: 'wf' },
      rollback: [],
    })!;
    const ended = endedOverlay(live);
    assert.strictEqual(ended.ended, true);
    assert.strictEqual(ended.paused, undefined);
    assert.deepStrictEqual(
      Object.fromEntries(Object.entries(ended.nodes).map(([k, v]) => [k, v.invoke])),
      { a: 'done', b: 'not-run', c: 'not-run' },
    );
  });

  it("keeps the engine's error when it could not run the workflow, also once the session ended", () => {
    const refused = toOverlay({
      snapshot: run('invoking', [step('cart.create', 'not_started')]),
      rollback: [],
      error: 'TypeError: boom\nwhy',
    })!;
    assert.strictEqual(refused.refused, 'TypeError: boom\nwhy');
    assert.strictEqual(endedOverlay(refused).refused, 'TypeError: boom\nwhy');
    const fine = toOverlay({ snapshot: run('done', [step('a', 'done')]), rollback: [] })!;
    assert.strictEqual(fine.refused, undefined);
  });
});
