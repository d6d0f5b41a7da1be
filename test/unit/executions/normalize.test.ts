// Unit tests (mocha, Node): normalizeExecutionRow on rows captured from the real Medusa engine
// (test/fixtures/executions), and the user frame of a recorded stack.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeExecutionRow, type ExecutionRow } from '../../../engine/src/executions/reader';
import { userFrame } from '../../../engine/src/executions/recordedError';

const FIXTURES = join(__dirname, '../../../../test/fixtures/executions');

function row(name: string): ExecutionRow {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.row.json`), 'utf8')) as ExecutionRow;
}

describe('normalizeExecutionRow (rows captured from Medusa 2.21.2)', () => {
  it('reads a reverted run: steps in definition order, states, outputs, the error and its file', () => {
    const record = normalizeExecutionRow(row('order-reverted'));
    assert.deepEqual(record.warnings, []);
    assert.equal(record.createdAt, new Date(row('order-reverted').created_at).toISOString());
    assert.deepEqual(
      record.steps.map((s) => [s.path, s.depth, s.invoke.state, s.compensate.state, s.attempts]),
      [
        ['_root.reserve-stock', 1, 'done', 'reverted', 1],
        ['_root.reserve-stock.charge-payment', 2, 'done', 'reverted', 1],
        ['_root.reserve-stock.notify-customer', 2, 'done', 'reverted', 1],
        ['_root.reserve-stock.notify-customer.ship-order', 3, 'failed', 'reverted', 1],
      ],
    );
    assert.deepEqual(record.steps[0]?.next, [
      '_root.reserve-stock.charge-payment',
      '_root.reserve-stock.notify-customer',
    ]);
    assert.deepEqual(record.steps[0]?.compensateInput, { sku: 'mug', release: 'res_mug' });
    assert.deepEqual(record.steps[0]?.output, { quantity: 2, reservationId: 'res_mug' });
    assert.deepEqual(record.steps[3]?.invokeError?.location, {
      file: '/home/dev/shop/examples/medusa-app/src/workflows/stored/steps.ts',
      line: 45,
      column: 35,
    });
    assert.deepEqual(record.payload, { sku: 'mug', amount: 40, quantity: 2, failShipping: true });
    assert.equal(record.stepsDone, 3);
    assert.equal(record.stepsTotal, 4);
    assert.equal(typeof record.startedAt, 'number');
  });

  it('puts a failed compensation error on its step', () => {
    const record = normalizeExecutionRow(row('refund-failed'));
    assert.equal(record.steps[0]?.compensate.state, 'failed');
    assert.equal(record.steps[0]?.compensateError?.message, 'The bank did not release the hold');
    assert.match(record.steps[0]?.compensateError?.location?.file ?? '', /stored\/steps\.ts$/);
  });

  it('reads an async step answered by setStepSuccess (a bare step response)', () => {
    const record = normalizeExecutionRow(row('approval-done'));
    assert.deepEqual(record.warnings, []);
    assert.equal(record.steps[0]?.async, true);
    assert.deepEqual(record.steps[0]?.output, { approvedBy: 'ops' });
  });

  it('is pure: the same row gives the same record, and the row is not changed', () => {
    const input = row('order-reverted');
    const copy = structuredClone(input);
    assert.deepEqual(normalizeExecutionRow(input), normalizeExecutionRow(copy));
    assert.deepEqual(input, row('order-reverted'));
  });
});

describe('userFrame', () => {
  it('skips node_modules and node: frames, reads file URLs and Windows paths', () => {
    const stack = [
      'Error: x',
      '    at Object.invoke (/app/node_modules/@medusajs/workflows-sdk/dist/a.js:1:2)',
      '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at file:///app/src/steps/my%20step.ts:12:7',
    ].join('\n');
    assert.deepEqual(userFrame(stack), { file: '/app/src/steps/my step.ts', line: 12, column: 7 });
    assert.deepEqual(userFrame('    at f (C:\\shop\\src\\a.ts:3:4)'), {
      file: 'C:\\shop\\src\\a.ts',
      line: 3,
      column: 4,
    });
    assert.equal(userFrame('Error: no frames'), undefined);
  });
});
