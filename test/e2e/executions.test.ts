// e2e: the Workflow Executions view on the rows Medusa's own engine stored (the fixture database
// of scripts/executions-fixture.mjs): it lists them newest first, and opening the reverted order
// draws stored-order's graph from the workspace code with the recorded states and rollback.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { executionsFixture } from '../app/executionsFixture';
import { api, dom, screenshot, waitFor } from './helpers';

const SETTING = 'medusaWorkflows.executions.databaseUrl';

describe('Workflow Executions view', function () {
  // Building the fixture rows boots Medusa twice the first time (a hang bound, no timing).
  this.timeout(600_000);

  after(async () => {
    await vscode.workspace.getConfiguration().update(SETTING, undefined, true);
  });

  it('lists stored executions and opens the reverted one with its recorded states on the graph', async () => {
    const fixture = executionsFixture();
    const a = await api();
    await vscode.workspace.getConfiguration().update(SETTING, fixture.url, true);
    await vscode.commands.executeCommand('medusaWorkflows.executions.focus');
    const { transactionId } = fixture.run('order-reverted');
    const rows = await waitFor(async () => {
      const items = await a.executions.getChildren();
      return items.some((i) => i.kind === 'execution') ? items : undefined;
    }, 'the stored executions listed');
    const summaries = rows.flatMap((i) => (i.kind === 'execution' ? [i.summary] : []));
    const created = summaries.map((s) => s.createdAt);
    assert.deepStrictEqual(created, [...created].sort().reverse(), 'newest first');
    const row = rows.find(
      (i) => i.kind === 'execution' && i.summary.transactionId === transactionId,
    );
    assert.ok(row, 'the reverted order is listed');
    const label = a.executions.getTreeItem(row);
    assert.match(String(label.description), /^reverted · .* · \d+\/\d+$/);

    await vscode.commands.executeCommand('medusaWorkflows.executions.open', row);
    const snap = await waitFor(async () => {
      const s = await dom(a);
      return s.workflow === 'stored-order' && s.banner.startsWith('Execution ') ? s : undefined;
    }, 'the recorded run drawn on stored-order');
    const cls = (id: string) => snap.nodes.find((n) => n.id === id)?.classes ?? [];
    assert.ok(cls('ship-order').includes('inv-failed'), cls('ship-order').join(' '));
    assert.ok(cls('charge-payment').includes('comp-compensated'), cls('charge-payment').join(' '));
    assert.ok(cls('reserve-stock').includes('comp-compensated'), cls('reserve-stock').join(' '));
    assert.deepStrictEqual(snap.rollbackPath.slice(-1), ['reserve-stock']);
    assert.ok(snap.rollbackPath.includes('charge-payment'));
    assert.match(snap.banner, /Rolled back: ship-order failed/);
    await screenshot('executions-reverted');
  });
});
