// App suite (mocha, Node): the executions reader on rows that Medusa 2.21's own engine wrote
// (scripts/executions-fixture.mjs runs the fixture app's stored workflows with `medusa exec`):
// listing newest first, filters, paging, and each step's recorded state checked against the row.
import * as assert from 'node:assert/strict';
import { openExecutionStore, type ExecutionStore } from '../../engine/src/executions/reader';
import type { ExecutionSummary } from '../../engine/src/executions/record';
import { executionsFixture, sql, type Fixture } from './executionsFixture';

interface RawRow {
  id: string;
  workflow_id: string;
  transaction_id: string;
  state: string;
  created_at: Date;
  execution: { steps: Record<string, { invoke: unknown; compensate: unknown }> };
  context: {
    data: {
      payload: unknown;
      invoke: Record<string, { output: { output: unknown; compensateInput: unknown } }>;
    };
    errors: { action: string; handlerType: string; error: { message: string } }[];
  };
}

describe('executions reader (rows written by the real Medusa engine)', function () {
  // Building the rows boots Medusa twice (migrate, exec) the first time only.
  this.timeout(600000);
  let fixture: Fixture;
  let store: ExecutionStore;
  let raw: RawRow[];

  before(async () => {
    fixture = await executionsFixture();
    store = openExecutionStore(fixture.url);
    raw = await sql<RawRow>(
      fixture.url,
      `SELECT id, workflow_id, transaction_id, state, created_at::timestamptz AS created_at,
              execution, context
       FROM workflow_execution ORDER BY created_at DESC, id DESC`,
    );
  });
  after(() => store.close());

  const rawRun = (scenario: string): RawRow => {
    const row = raw.find((r) => r.transaction_id === fixture.run(scenario).transactionId);
    assert.ok(row, `a row for ${scenario}`);
    return row;
  };

  it('lists every execution newest first, with the row ids, states and step counts', async () => {
    const { items, hasMore } = await store.list({});
    assert.equal(hasMore, false);
    assert.deepEqual(
      items.map((i) => [i.id, i.workflowId, i.transactionId, i.state]),
      raw.map((r) => [r.id, r.workflow_id, r.transaction_id, r.state]),
    );
    // One row per run, plus the nested workflow's own row.
    assert.equal(items.length, fixture.runs.length + 1);
    assert.equal(items[0]!.transactionId, fixture.run('approval-done').transactionId);
    const reverted = items.find(
      (i) => i.transactionId === fixture.run('order-reverted').transactionId,
    );
    assert.deepEqual(pick(reverted), { state: 'reverted', stepsDone: 3, stepsTotal: 4 });
    const waiting = items.find(
      (i) => i.transactionId === fixture.run('approval-waiting').transactionId,
    );
    assert.deepEqual(pick(waiting), { state: 'invoking', stepsDone: 0, stepsTotal: 2 });
    for (const item of items) {
      assert.match(item.id, /^wf_exec_/);
      assert.ok(Date.parse(item.createdAt) <= Date.parse(item.updatedAt));
      assert.equal(typeof item.startedAt, 'number');
    }
    assert.deepEqual(
      items.map((i) => i.createdAt),
      raw.map((r) => r.created_at.toISOString()),
    );
  });

  it('filters by workflow, by state and by time', async () => {
    const orders = await store.list({ workflowId: 'stored-order' });
    assert.deepEqual(
      orders.items.map((i) => i.transactionId),
      raw.filter((r) => r.workflow_id === 'stored-order').map((r) => r.transaction_id),
    );
    assert.equal(orders.items.length, 3);

    const ended = await store.list({ state: ['reverted', 'failed'] });
    assert.deepEqual(ended.items.map((i) => [i.workflowId, i.state]).sort(), [
      ['stored-order', 'reverted'],
      ['stored-refund', 'failed'],
    ]);
    const both = await store.list({ workflowId: 'stored-order', state: ['done'] });
    assert.equal(both.items.length, 2);

    const cut = raw[3]!.created_at.toISOString();
    const since = await store.list({ since: cut });
    assert.deepEqual(
      since.items.map((i) => i.id),
      raw.slice(0, 4).map((r) => r.id),
    );
    const until = await store.list({ until: cut });
    assert.deepEqual(
      until.items.map((i) => i.id),
      raw.slice(4).map((r) => r.id),
    );
    const none = await store.list({ since: '2999-01-01T00:00:00Z' });
    assert.deepEqual(none, { items: [], hasMore: false });
  });

  it('pages with limit and offset, newest first, and says when there is more', async () => {
    const pages: ExecutionSummary[][] = [];
    const more: boolean[] = [];
    for (let offset = 0; offset < raw.length; offset += 3) {
      const page = await store.list({ limit: 3, offset });
      pages.push(page.items);
      more.push(page.hasMore);
    }
    assert.deepEqual(
      pages.flat().map((i) => i.id),
      raw.map((r) => r.id),
    );
    assert.deepEqual(more, [true, true, false]);
    assert.deepEqual(
      pages.map((p) => p.length),
      [3, 3, raw.length - 6],
    );
  });

  it('names the workflows that have executions, for a filter picker', async () => {
    assert.deepEqual(await store.workflows(), [
      'stored-approval',
      'stored-order',
      'stored-pack',
      'stored-refund',
      'stored-shipment',
    ]);
  });

  it('opens the reverted execution: every step invoke and compensate state as in the row', async () => {
    const row = rawRun('order-reverted');
    const record = await store.get(row.id);
    assert.ok(record);
    assert.deepEqual(record.warnings, []);
    assert.equal(record.state, 'reverted');
    assert.deepEqual(
      record.steps.map((s) => s.name),
      ['reserve-stock', 'charge-payment', 'notify-customer', 'ship-order'],
    );
    for (const step of record.steps) {
      const stored = row.execution.steps[step.path]!;
      assert.deepEqual(step.invoke, stored.invoke, `${step.name} invoke`);
      assert.deepEqual(step.compensate, stored.compensate, `${step.name} compensate`);
    }
    assert.deepEqual(
      record.steps.map((s) => [s.name, s.invoke.state, s.compensate.state, s.noCompensation]),
      [
        ['reserve-stock', 'done', 'reverted', false],
        ['charge-payment', 'done', 'reverted', false],
        ['notify-customer', 'done', 'reverted', true],
        ['ship-order', 'failed', 'reverted', true],
      ],
    );
    // reserve-stock compensates with an input of its own, charge-payment with its output.
    const invoke = row.context.data.invoke;
    const [reserve, charge, notify, ship] = record.steps;
    assert.deepEqual(reserve!.output, invoke['reserve-stock']!.output.output);
    assert.deepEqual(reserve!.compensateInput, { release: 'res_mug', sku: 'mug' });
    assert.deepEqual(charge!.output, { chargeId: 'ch_40', amount: 40 });
    assert.deepEqual(charge!.compensateInput, charge!.output);
    assert.equal(notify!.hasOutput, true);
    assert.equal(ship!.hasOutput, false);
    assert.equal(ship!.output, undefined);

    assert.equal(ship!.invokeError?.message, 'Carrier rejected the parcel for mug');
    assert.equal(ship!.invokeError?.message, row.context.errors[0]!.error.message);
    assert.match(ship!.invokeError?.location?.file ?? '', /src\/workflows\/stored\/steps\.ts$/);
    assert.ok((ship!.invokeError?.location?.line ?? 0) > 0);
    assert.deepEqual(
      record.errors.map((e) => [e.action, e.handlerType]),
      [['ship-order', 'invoke']],
    );
    assert.deepEqual(record.payload, row.context.data.payload);
    assert.deepEqual(record.options, { name: 'stored-order', store: true, retentionTime: 86400 });
    assert.match(record.sourcePath ?? '', /src\/workflows\/stored\/stored\.ts$/);
    assert.equal(record.parentStepIdempotencyKey, undefined);
  });

  it('opens an execution by its transaction id too, and answers undefined for an unknown id', async () => {
    const row = rawRun('order-reverted');
    assert.deepEqual(await store.get(row.transaction_id), await store.get(row.id));
    assert.equal(await store.get('wf_exec_NOPE'), undefined);
  });

  it('shows a failed compensation: the step and its error', async () => {
    const record = await store.get(rawRun('refund-failed').id);
    assert.ok(record);
    assert.equal(record.state, 'failed');
    assert.deepEqual(
      record.steps.map((s) => [s.name, s.invoke.state, s.compensate.state]),
      [
        ['hold-funds', 'done', 'failed'],
        ['capture-refund', 'failed', 'reverted'],
      ],
    );
    const [hold, capture] = record.steps;
    assert.equal(hold!.compensateError?.message, 'The bank did not release the hold');
    assert.equal(hold!.invokeError, undefined);
    assert.equal(capture!.invokeError?.message, 'Refund of 15 declined');
    assert.deepEqual(
      record.errors.map((e) => [e.action, e.handlerType]),
      [
        ['capture-refund', 'invoke'],
        ['hold-funds', 'compensate'],
      ],
    );
    assert.deepEqual(record.warnings, []);
  });

  it('links a nested workflow (runAsStep) to its parent step', async () => {
    const parentRow = rawRun('shipment-nested');
    const parent = await store.get(parentRow.id);
    assert.deepEqual(
      parent?.steps.map((s) => [s.name, s.invoke.state]),
      [
        ['stored-pack-as-step', 'done'],
        ['ship-order', 'done'],
      ],
    );
    assert.deepEqual(parent?.steps[0]?.output, { packed: 'lamp' });
    const child = raw.find((r) => r.workflow_id === 'stored-pack');
    const record = await store.get(child!.id);
    assert.equal(
      record?.parentStepIdempotencyKey,
      `stored-shipment:${parentRow.transaction_id}:stored-pack-as-step:invoke`,
    );
    assert.deepEqual(
      record?.steps.map((s) => s.name),
      ['pack-item'],
    );
    assert.deepEqual(record?.warnings, []);
  });

  it('reads an async step waiting for its response, and one completed by setStepSuccess', async () => {
    const waiting = await store.get(rawRun('approval-waiting').id);
    assert.deepEqual(
      waiting?.steps.map((s) => [s.name, s.async, s.invoke.state, s.invoke.status, s.hasOutput]),
      [
        ['await-approval', true, 'invoking', 'waiting_response', false],
        ['finalize', false, 'not_started', 'idle', false],
      ],
    );
    const done = await store.get(rawRun('approval-done').id);
    // The engine stores an async step's response without the WorkflowWorkflowData wrapper.
    assert.deepEqual(done?.steps[0]?.output, { approvedBy: 'ops' });
    assert.deepEqual(done?.steps[1]?.output, { finalized: true, approval: { approvedBy: 'ops' } });
    assert.deepEqual(done?.warnings, []);
  });
});

function pick(item: ExecutionSummary | undefined): Partial<ExecutionSummary> {
  return { state: item?.state, stepsDone: item?.stepsDone, stepsTotal: item?.stepsTotal };
}
