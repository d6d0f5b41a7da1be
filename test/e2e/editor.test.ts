import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, openFile, waitFor, wsPath } from './helpers';

const BROKEN = 'src/workflows/broken-order.ts';
const BROKEN_TEXT = `import { createWorkflow, WorkflowResponse } from '@medusajs/framework/workflows-sdk';
import { createBrandStep } from './steps/create-brand';

export const brokenWorkflow = createWorkflow('broken-order', async (input: { name: string }) => {
  console.log('defining the workflow');
  const first = createBrandStep({ name: input.name, handle: 'first' });
  const second = createBrandStep({ name: input.name, handle: 'second' });
  return new WorkflowResponse({ first, second });
});
`;

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

describe('editor features', function () {
  this.timeout(60_000);

  before(() => fs.writeFileSync(wsPath(BROKEN), BROKEN_TEXT));
  after(() => fs.rmSync(wsPath(BROKEN), { force: true }));

  it('reports diagnostics with stable codes on the lines of the mistakes, with quick fixes', async () => {
    await api();
    const t0 = Date.now();
    const editor = await openFile(BROKEN);
    const uri = editor.document.uri;
    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.some((x) => codeOf(x) === 'MW001') ? d : undefined;
    }, 'MW diagnostics on the broken workflow');
    console.log(`      diagnostics after ${Date.now() - t0} ms`);
    const lineOf = (code: string) =>
      diags.filter((d) => codeOf(d) === code).map((d) => d.range.start.line);
    assert.deepStrictEqual(lineOf('MW001'), [3], 'async composer on the createWorkflow line');
    assert.deepStrictEqual(lineOf('MW015'), [4], 'console.log in the composer');
    assert.ok(
      lineOf('MW005').includes(6),
      `duplicate step name on the second call: ${JSON.stringify(lineOf('MW005'))}`,
    );
    const asyncDiag = diags.find((d) => codeOf(d) === 'MW001')!;
    assert.strictEqual(asyncDiag.severity, vscode.DiagnosticSeverity.Error);
    // The request can be cancelled while the server re-analyzes the new file: ask again then.
    const actions = await waitFor(
      async () =>
        vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          asyncDiag.range,
        ),
      'code actions',
    );
    assert.ok(
      actions.some((a) => /async/i.test(a.title)),
      `a quick fix removes async: ${actions.map((a) => a.title).join(', ')}`,
    );
  });

  it('shows Preview / Debug / Run with failure lenses above each workflow, carrying the workflow and file', async () => {
    const editor = await openFile('src/workflows/create-order.ts');
    const lenses = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        editor.document.uri,
      );
      return l.length >= 3 ? l : undefined;
    }, 'code lenses');
    const commands = lenses.map((l) => l.command?.command).sort();
    assert.deepStrictEqual(commands, [
      'medusaWorkflows.debugWorkflow',
      'medusaWorkflows.previewGraph',
      'medusaWorkflows.runWithFailure',
    ]);
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes("createWorkflow('create-order'"));
    for (const lens of lenses) {
      assert.strictEqual(lens.range.start.line, line);
      assert.deepStrictEqual(lens.command?.arguments, [
        { workflow: 'create-order', file: editor.document.uri.fsPath },
      ]);
    }
  });

  it('lists the workflows and their steps in the Medusa Workflows view, core-flows apart', async () => {
    const a = await api();
    const roots = await a.tree.getChildren();
    assert.strictEqual(roots.length, 2);
    const [workspace, external] = roots;
    const mine = await a.tree.getChildren(workspace);
    const labels = mine.map((i) => labelOf(a.tree.getTreeItem(i)));
    for (const id of ['create-brand-with-logo', 'create-order', 'launch-brand'])
      assert.ok(labels.includes(id), `${id} in ${labels.join(', ')}`);
    const order = mine.find((i) => a.tree.getTreeItem(i).label === 'create-order')!;
    const steps = (await a.tree.getChildren(order)).map((i) => labelOf(a.tree.getTreeItem(i)));
    assert.ok(
      steps.includes('capture-payment') && steps.includes('create-order'),
      steps.join(', '),
    );
    const item = a.tree.getTreeItem(order);
    assert.strictEqual(item.command?.command, 'medusaWorkflows.reveal');
    assert.strictEqual(item.contextValue, 'workflow');
    const core = await a.tree.getChildren(external);
    const coreLabels = core.map((i) => labelOf(a.tree.getTreeItem(i)));
    assert.ok(
      coreLabels.includes('create-products'),
      `core-flows has create-products (${core.length} workflows)`,
    );
    assert.ok(!coreLabels.includes('create-order'));
  });
});
