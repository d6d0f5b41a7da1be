// The graph overlay of a stored execution (client/src/executions/recordOverlay.ts): recorded
// invoke and compensate states per node, the rollback numbered deepest first, and mismatches.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordOverlay } from '../../../client/src/executions/recordOverlay';
import type { ExecutionRecord } from '../../../engine/src/executions/record';

const ROOT = join(__dirname, '../../../..');
const reverted = (): ExecutionRecord =>
  JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/replay/order-replay.reverted.json'), 'utf8'),
  ) as ExecutionRecord;
const CODE = ['reserve-stock', 'charge-card', 'ship-order'];

describe('executions: recorded overlay', () => {
  it('a reverted execution: every step state, compensations included, rollback in order', () => {
    const o = recordOverlay(reverted(), CODE);
    assert.deepEqual(o.nodes, {
      'reserve-stock': { invoke: 'done', compensate: 'compensated' },
      'charge-card': { invoke: 'done', compensate: 'compensated' },
      'ship-order': { invoke: 'failed', compensate: 'skipped' },
    });
    assert.deepEqual(o.rollback, ['charge-card', 'reserve-stock']);
    assert.equal(o.failed, 'ship-order');
    assert.equal(o.runState, 'reverted');
    assert.equal(o.ended, true);
    assert.deepEqual(o.recorded, {
      execution: 'wf_exec_01JREPLAYORDER0000000000',
      transactionId: 'tx-replay-order-1',
      mismatches: [],
    });
  });

  it('a failed compensation and steps that never ran', () => {
    const record = reverted();
    record.state = 'failed';
    record.steps[1]!.compensate = { state: 'failed', status: 'permanent_failure' };
    record.steps[2]!.invoke = { state: 'not_started', status: 'idle' };
    record.steps[1]!.invoke = { state: 'failed', status: 'permanent_failure' };
    const o = recordOverlay(record, CODE);
    assert.deepEqual(o.nodes['charge-card'], { invoke: 'failed', compensate: 'failed' });
    assert.deepEqual(o.nodes['ship-order'], { invoke: 'not-run', compensate: 'skipped' });
    assert.equal(o.failed, 'charge-card');
  });

  it('a renamed step is a mismatch on both sides; unnamed when-then steps match by position', () => {
    const record = reverted();
    record.steps[1]!.name = 'charge-payment';
    record.steps[2]!.name = 'when-then-01ARZ3NDEKTSV4RRFFQ69G5FAV';
    const code = ['reserve-stock', 'charge-card', 'when-then-01M912DNRWC10000D5EM0C6B0T'];
    const o = recordOverlay(record, code);
    assert.deepEqual(o.recorded?.mismatches, [
      'Step "charge-payment" of the record is not in the code (renamed or removed?).',
      'Unnamed step "when-then-01ARZ3NDEKTSV4RRFFQ69G5FAV" of the record matched by position to "when-then-01M912DNRWC10000D5EM0C6B0T".',
      'Step "charge-card" of the code is not in the record.',
    ]);
    assert.equal(o.nodes['when-then-01M912DNRWC10000D5EM0C6B0T']?.invoke, 'failed');
    assert.equal(o.nodes['charge-card'], undefined, 'no state drawn for a step the record lacks');
    assert.deepEqual(o.nodes['charge-payment'], { invoke: 'done', compensate: 'compensated' });
  });
});
