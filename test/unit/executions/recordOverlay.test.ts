// The graph overlay of a stored execution (client/src/executions/recordOverlay.ts): recorded
// invoke and compensate states per node, the rollback numbered deepest first, and mismatches.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childTransactionId, recordOverlay } from '../../../client/src/executions/recordOverlay';
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
    const { steps, payload, ...recorded } = o.recorded!;
    assert.deepEqual(recorded, {
      execution: 'wf_exec_01JREPLAYORDER0000000000',
      transactionId: 'tx-replay-order-1',
      mismatches: [],
    });
    assert.deepEqual(JSON.parse(payload!), { sku: 'tee', qty: 2, price: 15 });
    assert.deepEqual(steps?.['ship-order'], {
      attempts: 1,
      error: {
        message: 'carrier refused res-tee',
        stack:
          'Error: carrier refused res-tee\n    at ship-order (/app/src/workflows/order-replay.ts:35:9)\n⮑ sat /app/src/workflows/order-replay.ts: [replay-order -> ship-order (invoke)]',
        at: '/app/src/workflows/order-replay.ts:35:9',
      },
    });
    assert.deepEqual(JSON.parse(steps['charge-card']!.output!), {
      paymentId: 'pay_1',
      amount: 30,
    });
    assert.equal(steps['charge-card']!.compensateInput, '"pay_1"');
  });

  it('a step without compensation shows no compensate input on its card', () => {
    const record = reverted();
    record.steps[2]!.compensateInput = { carrier: 'x' };
    assert.equal(
      recordOverlay(record, CODE).recorded?.steps?.['ship-order']?.compensateInput,
      undefined,
    );
  });

  it('an invoking row is not an ended run (a stuck or live execution)', () => {
    const record = reverted();
    record.state = 'invoking';
    assert.equal(recordOverlay(record, CODE).ended, false);
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

  it("a nested workflow's steps from its own row, inside the -as-step node", () => {
    const parent = reverted();
    parent.state = 'done';
    const asStep = parent.steps[1]!;
    asStep.name = 'pack-as-step';
    asStep.compensate = { state: 'not_started', status: 'idle' };
    parent.steps[0]!.compensate = { state: 'not_started', status: 'idle' };
    parent.steps[2]!.invoke = { state: 'done', status: 'ok' };
    assert.equal(childTransactionId(asStep, parent), 'pack-as-step-tx-replay-order-1');
    assert.equal(childTransactionId(parent.steps[0]!, parent), undefined);
    const child = reverted();
    child.transactionId = 'pack-as-step-tx-replay-order-1';
    child.state = 'done';
    child.steps = [{ ...child.steps[0]!, name: 'pack-item' }];
    child.steps[0]!.compensate = { state: 'not_started', status: 'idle' };
    const o = recordOverlay(
      parent,
      ['reserve-stock', 'pack-as-step', 'ship-order'],
      new Map([['pack-as-step', child]]),
    );
    assert.deepEqual(o.nodes['pack-as-step'], { invoke: 'done', compensate: 'pending' });
    assert.deepEqual(o.nodes['pack-as-step::pack-item'], { invoke: 'done', compensate: 'pending' });
    assert.deepEqual(o.recorded?.mismatches, []);
    assert.ok(o.recorded?.steps?.['pack-as-step::pack-item']);
  });
});
