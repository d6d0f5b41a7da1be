// Unit tests (mocha, Node): messages of workflow-engine-redis's `orchestrator:<id>` channel (as
// Medusa 2.21.2 published them in the live test) to live events, and Redis URL redaction.
import * as assert from 'node:assert/strict';
import { parseLiveMessage, redactRedisUrl } from '../../../engine/src/executions/live';

const STEP_BEGIN = JSON.stringify({
  instanceId: '01M9143G16X0KSSRZ6XJQAFXYZ',
  data: {
    isFlowAsync: true,
    workflowId: 'stored-approval',
    transactionId: 'approval-done-1796407945075',
    eventType: 'onStepBegin',
    step: {
      stepFailed: false,
      id: '_root.await-approval',
      depth: 1,
      definition: { action: 'await-approval', async: true },
      invoke: { state: 'invoking', status: 'idle' },
    },
  },
});

describe('parseLiveMessage', () => {
  it('reads step and finish events', () => {
    assert.deepEqual(parseLiveMessage(STEP_BEGIN), {
      workflowId: 'stored-approval',
      transactionId: 'approval-done-1796407945075',
      eventType: 'onStepBegin',
      step: 'await-approval',
      stepPath: '_root.await-approval',
    });
    const finish = JSON.stringify({
      instanceId: 'x',
      data: { workflowId: 'w', transactionId: 't', eventType: 'onFinish', state: 'reverted' },
    });
    assert.deepEqual(parseLiveMessage(finish), {
      workflowId: 'w',
      transactionId: 't',
      eventType: 'onFinish',
      state: 'reverted',
    });
  });

  it('ignores what is not an orchestrator event', () => {
    for (const text of ['not json', 'null', '{}', '{"data":{"workflowId":"w"}}', '[1]']) {
      assert.equal(parseLiveMessage(text), undefined, text);
    }
  });

  it('redacts Redis URLs', () => {
    assert.equal(
      redactRedisUrl('redis://user:secret@cache.internal:6380/2'),
      'redis://cache.internal:6380',
    );
    assert.equal(redactRedisUrl('nonsense'), 'the Redis URL (not a valid redis:// URL)');
  });
});
