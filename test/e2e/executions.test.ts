// e2e: the Workflow Executions view on the rows Medusa's own engine stored (the fixture database
// of scripts/executions-fixture.mjs): it lists them newest first, and opening the reverted order
// draws stored-order's graph from the workspace code with the recorded states and rollback.
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { executionsFixture } from '../app/executionsFixture';
import {
  api,
  dom,
  hasBrowser,
  hoverInGraph,
  hoverNode,
  openFile,
  screenshot,
  waitFor,
} from './helpers';

const SETTING = 'medusaWorkflows.executions.databaseUrl';

describe('Workflow Executions view', function () {
  // Building the fixture rows boots Medusa twice the first time (a hang bound, no timing).
  this.timeout(600_000);

  after(async () => {
    await vscode.workspace.getConfiguration().update(SETTING, undefined, true);
  });

  it('lists stored executions and opens the reverted one with its recorded states on the graph', async () => {
    const fixture = await executionsFixture();
    const a = await api();
    // An unrelated editor is active, as after other work: the graph must not go beside it.
    await openFile('src/workflows/create-order.ts');
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
    // Beside the workflow's own code (stored.ts), whatever editor was active before.
    const groups = vscode.window.tabGroups.all;
    const graphGroup = groups.find((g) => g.tabs.some((t) => t.label === 'Graph: stored-order'));
    const source = groups.find((g) =>
      g.tabs.some(
        (t) =>
          t.isActive &&
          t.input instanceof vscode.TabInputText &&
          t.input.uri.fsPath.endsWith(path.join('workflows', 'stored', 'stored.ts')),
      ),
    );
    assert.ok(graphGroup && source, groups.map((g) => g.tabs.map((t) => t.label)).join(' | '));
    assert.notStrictEqual(graphGroup, source, 'the graph beside the source, not over it');
    await screenshot('executions-reverted');
    if (!hasBrowser) return;
    // The whole graph in sight (the rollback list takes the right side), then hover its nodes.
    await vscode.commands.executeCommand('medusaWorkflows.graph.fit');
    const card = async (node: string, text: string): Promise<string> => {
      // The node, not its shape: the input node's label lies over its ellipse.
      await hoverInGraph(`[data-node-id="${node}"]`);
      let last: string | undefined;
      return waitFor(async () => {
        last = (await dom(a)).tooltip;
        return last?.includes(text) ? last : undefined;
      }, `the card of ${node}`).catch((e: Error) => {
        throw new Error(`${e.message}; last card:\n${last}`);
      });
    };
    // The failed step's card: the recorded error, the file its stack points to, the stack.
    const tip = await card('ship-order', 'error: Carrier rejected the parcel for mug');
    assert.match(tip, /\nat: \S*[\\/]workflows[\\/]stored[\\/]steps\.ts:\d+:\d+\n/);
    assert.match(tip, /\nstack:Error: Carrier rejected the parcel for mug\n/);
    assert.match(tip, /\nattempts: 1\n/);
    await screenshot('executions-reverted-error-card');
    const notified = await card(
      'notify-customer',
      'output:{\n "about": "mug",\n "notified": true\n}',
    );
    assert.doesNotMatch(notified, /compensate input/, 'a step without compensation');
    await card('@input', '"failShipping": true');
    await hoverNode(undefined);
  });

  it('draws a nested workflow run (runAsStep) inside its step, from its own row', async () => {
    const fixture = await executionsFixture();
    const a = await api();
    const { transactionId } = fixture.run('shipment-nested');
    const row = await waitFor(
      async () =>
        (await a.executions.getChildren()).find(
          (i) => i.kind === 'execution' && i.summary.transactionId === transactionId,
        ),
      'the nested shipment listed',
    );
    await vscode.commands.executeCommand('medusaWorkflows.executions.open', row);
    const cls = (s: Awaited<ReturnType<typeof dom>>, id: string): string[] =>
      s.nodes.find((n) => n.id === id)?.classes ?? [];
    // The parent's row names the step `stored-pack-as-step`; the child's row
    // (`stored-pack-as-step-<parent transaction>`) holds pack-item.
    let last: Awaited<ReturnType<typeof dom>> | undefined;
    await waitFor(async () => {
      const s = (last = await dom(a));
      return (
        s.workflow === 'stored-shipment' &&
        /^Execution wf_exec_\w+: Run succeeded$/.test(s.banner) &&
        cls(s, 'stored-pack-as-step::pack-item').includes('inv-done') &&
        cls(s, 'ship-order').includes('inv-done')
      );
    }, 'the nested run drawn inside stored-pack-as-step, nothing unmatched').catch((e: Error) => {
      const seen = last?.nodes.map((n) => `${n.id} ${n.classes.join(' ')}`).join('\n');
      throw new Error(`${e.message}\n${last?.banner}\n${seen}`);
    });
    await screenshot('executions-nested');
  });
});
