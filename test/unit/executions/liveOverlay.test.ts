// Unit tests (mocha, Node): live events of workflow-engine-redis applied to a recorded graph's
// overlay and to a list row (client/src/executions/liveOverlay.ts), in the order Medusa 2.21
// published them for the fixture's stored-approval run (test/app/executionsLive.test.ts).
import * as assert from 'node:assert/strict';
import type { LiveEvent } from '../../../engine/src/executions/live';
import type { ExecutionSummary } from '../../../engine/src/executions/record';
import {
  applyLiveEvent,
  applyLiveSummary,
  describeLiveEvent,
  emptyLiveOverlay,
  liveNote,
} from '../../../client/src/executions/liveOverlay';

const TX = 'approval-live-1';
const ev = (eventType: string, step?: string, state?: string): LiveEvent => ({
  workflowId: 'stored-approval',
  transactionId: TX,
  eventType,
  ...(step ? { step } : {}),
  ...(state ? { state } : {}),
});
const RUN = [
  ev('onBegin'),
  ev('onStepBegin', 'await-approval'),
  ev('onStepAwaiting', 'await-approval'),
  ev('onResume'),
  ev('onStepSuccess', 'await-approval'),
  ev('onStepBegin', 'finalize'),
  ev('onStepSuccess', 'finalize'),
  ev('onFinish', undefined, 'done'),
];

describe('Live mode: events on the graph and the list', () => {
  it('draws the async step running while it awaits, then every step done and the run ended', () => {
    let o = emptyLiveOverlay(TX, ['await-approval', 'finalize']);
    for (const e of RUN.slice(0, 3)) o = applyLiveEvent(o, e);
    assert.deepEqual(o.nodes, {
      'await-approval': { invoke: 'running', compensate: 'pending' },
      finalize: { invoke: 'pending', compensate: 'pending' },
    });
    assert.equal(o.ended, false);
    for (const e of RUN.slice(3)) o = applyLiveEvent(o, e);
    assert.deepEqual(o.nodes, {
      'await-approval': { invoke: 'done', compensate: 'pending' },
      finalize: { invoke: 'done', compensate: 'pending' },
    });
    assert.equal(o.runState, 'done');
    assert.equal(o.ended, true);
  });

  it('a failure and its rollback: failed step, compensations in the order they finished', () => {
    let o = emptyLiveOverlay(TX, ['a', 'b', 'c']);
    for (const e of [
      ev('onBegin'),
      ev('onStepSuccess', 'a'),
      ev('onStepSuccess', 'b'),
      ev('onStepFailure', 'c'),
      ev('onCompensateBegin'),
      ev('onCompensateStepSuccess', 'b'),
      ev('onCompensateStepFailure', 'a'),
      ev('onFinish', undefined, 'failed'),
    ])
      o = applyLiveEvent(o, e);
    assert.equal(o.failed, 'c');
    assert.deepEqual(o.rollback, ['b', 'a']);
    assert.deepEqual(o.nodes.a, { invoke: 'done', compensate: 'failed' });
    assert.equal(o.runState, 'failed');
  });

  it("another transaction's events change nothing", () => {
    const o = emptyLiveOverlay(TX, ['finalize']);
    assert.equal(applyLiveEvent(o, { ...ev('onStepSuccess', 'finalize'), transactionId: 'x' }), o);
  });

  it('a list row takes the state of the last events; the row says the last one in words', () => {
    const row: ExecutionSummary = {
      id: 'wf_exec_1',
      workflowId: 'stored-approval',
      transactionId: TX,
      runId: 'r',
      state: 'invoking',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      stepsDone: 0,
      stepsTotal: 2,
    };
    assert.equal(applyLiveSummary(row, RUN).state, 'done');
    assert.equal(describeLiveEvent(RUN[2]!), 'await-approval awaiting');
    assert.equal(describeLiveEvent(RUN[7]!), 'finished done');
  });

  it('says when a followed workflow publishes nothing', () => {
    assert.equal(liveNote('stored-order', true, false), undefined);
    assert.equal(
      liveNote('stored-approval', true, true),
      'Live: following orchestrator:stored-approval.',
    );
    assert.match(
      liveNote('stored-order', false, true)!,
      /^Live: stored-order publishes nothing \(Medusa publishes only workflows with an async step\)/,
    );
  });
});
