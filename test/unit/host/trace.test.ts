import * as assert from 'node:assert/strict';
import { formatTraceLine, traceLine } from '../../../cli/trace';
import type { RunFrame } from '../../../engine/src/instrumentation';

const top: RunFrame = { workflowId: 'parent', transactionId: 'tx-1', parents: [] };
const nested: RunFrame = {
  workflowId: 'child',
  transactionId: 'tx-2',
  parents: [{ workflowId: 'parent', transactionId: 'tx-1', step: 'child-as-step' }],
};

describe('cli/trace', () => {
  it('drops run frames and keeps the documented fields', () => {
    assert.deepEqual(traceLine({ type: 'run.begin', run: top }), {
      type: 'run.begin',
      workflow: 'parent',
      transactionId: 'tx-1',
    });
    assert.deepEqual(
      traceLine({ type: 'step.begin', run: top, step: 's', action: 'compensate', attempt: 2 }),
      { type: 'step.begin', step: 's', action: 'compensate', attempt: 2 },
    );
    assert.deepEqual(traceLine({ type: 'compensation.begin', run: top }), {
      type: 'compensation.begin',
    });
    assert.deepEqual(traceLine({ type: 'step.awaiting', run: top, step: 'w' }), {
      type: 'step.awaiting',
      step: 'w',
    });
  });

  it('omits an undefined output and keeps a falsy one', () => {
    const base = { type: 'step.success', run: top, step: 's', action: 'invoke' } as const;
    assert.deepEqual(Object.keys(traceLine({ ...base, output: undefined })), [
      'type',
      'step',
      'action',
    ]);
    assert.deepEqual(traceLine({ ...base, output: 0 }).output, 0);
  });

  it('keeps only the message of a failure', () => {
    const line = traceLine({
      type: 'step.failure',
      run: top,
      step: 's',
      action: 'invoke',
      error: { message: 'boom', stack: 'Error: boom\n    at x', code: 'E' },
      willRetry: true,
    });
    assert.deepEqual(line, {
      type: 'step.failure',
      step: 's',
      action: 'invoke',
      error: { message: 'boom' },
    });
  });

  it('shows an undefined result as null, errors as run() has them, compensation errors apart', () => {
    const line = traceLine({
      type: 'run.end',
      run: top,
      state: 'failed',
      result: undefined,
      errors: [{ step: 's', action: 'invoke', message: 'boom' }, { message: 'result broke' }],
      compensationErrors: [{ step: 'r', action: 'compensate', message: 'undo broke' }],
    });
    assert.equal(
      formatTraceLine(line),
      '{"type":"run.end","state":"failed","result":null,' +
        '"errors":[{"step":"s","action":"invoke","message":"boom"},{"message":"result broke"}],' +
        '"compensationErrors":[{"step":"r","action":"compensate","message":"undo broke"}]}',
    );
  });

  it('names the nested workflow on events of a nested run', () => {
    assert.deepEqual(traceLine({ type: 'step.skipped', run: nested, step: 's' }), {
      type: 'step.skipped',
      workflow: 'child',
      step: 's',
    });
    assert.deepEqual(traceLine({ type: 'run.begin', run: nested }), {
      type: 'run.begin',
      workflow: 'child',
      transactionId: 'tx-2',
    });
  });

  it('maps service calls to the auto-mock trace line shape', () => {
    const line = traceLine({
      type: 'service.call',
      run: top,
      step: 's',
      action: 'compensate',
      key: 'brand',
      method: 'deleteBrands',
      args: ['b1'],
      result: undefined,
    });
    assert.equal(
      formatTraceLine(line),
      '{"type":"service.call","step":"s","action":"compensate","key":"brand","method":"deleteBrands","args":["b1"]}',
    );
  });

  it('prints outputs JSON cannot hold instead of throwing', () => {
    const cyclic: Record<string, unknown> = { id: 'x', n: 10n };
    cyclic.self = cyclic;
    const text = formatTraceLine(
      traceLine({ type: 'step.success', run: top, step: 's', action: 'invoke', output: cyclic }),
    );
    assert.deepEqual(JSON.parse(text), {
      type: 'step.success',
      step: 's',
      action: 'invoke',
      output: { id: 'x', n: '10', self: '[Circular]' },
    });
  });
});
