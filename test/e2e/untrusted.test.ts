// Runs in a separate code-server session with the workspace in Restricted Mode (see index.ts).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, openFile, showGraph, waitFor, wsPath } from './helpers';

const ORDER = 'src/workflows/create-order.ts';

describe('untrusted workspace (Restricted Mode)', function () {
  this.timeout(60_000);

  it('is untrusted and the extension is active', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const a = await api();
    assert.ok(a.workflows.available, 'the language server runs (it never executes workspace code)');
  });

  it('keeps diagnostics and the graph', async () => {
    const a = await api();
    const editor = await openFile(ORDER);
    const snap = await showGraph(a, 'create-order', wsPath(ORDER));
    assert.ok(snap.nodes.some((n) => n.id === 'capture-payment'));
    const lenses = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        editor.document.uri,
      );
      return l.length > 0 ? l : undefined;
    }, 'code lenses');
    assert.deepStrictEqual(
      lenses.map((l) => l.command?.command),
      ['medusaWorkflows.previewGraph'],
      'only the preview lens: nothing that runs code',
    );
  });

  it('refuses to run or debug a workflow', async () => {
    await api();
    const starts: vscode.DebugSession[] = [];
    const sub = vscode.debug.onDidStartDebugSession((s) => starts.push(s));
    try {
      const target = { workflow: 'create-order', file: wsPath(ORDER) };
      assert.strictEqual(
        await vscode.commands.executeCommand('medusaWorkflows.debugWorkflow', target),
        false,
      );
      assert.strictEqual(
        await vscode.commands.executeCommand('medusaWorkflows.runWithFailure', {
          ...target,
          step: 'capture-payment',
        }),
        false,
      );
      // (F5 itself: VS Code asks for trust before any debug session in Restricted Mode.)
      assert.deepStrictEqual(starts, []);
    } finally {
      sub.dispose();
    }
  });
});
