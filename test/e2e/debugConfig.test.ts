import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, waitFor, wsPath } from './helpers';

describe('debug configuration provider', function () {
  this.timeout(60_000);

  it('fills the workflow id from the program when the configuration has none', async () => {
    await api();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    let started: vscode.DebugSession | undefined;
    const ended = new Set<string>();
    const subs = [
      vscode.debug.onDidStartDebugSession((s) => (started ??= s)),
      vscode.debug.onDidTerminateDebugSession((s) => ended.add(s.id)),
    ];
    try {
      const folder = vscode.workspace.workspaceFolders![0];
      const ok = await vscode.debug.startDebugging(folder, {
        type: 'medusa-workflow',
        request: 'launch',
        name: 'no workflow id',
        program: wsPath('src/workflows/create-brand-with-logo.ts'),
        inputFile: wsPath('inputs/create-brand-with-logo.json'),
        mocks: wsPath('src/mocks.ts'),
        container: 'empty',
      });
      assert.strictEqual(ok, true);
      const session = await waitFor(() => started, 'the session to start');
      assert.strictEqual(session.configuration.workflow, 'create-brand-with-logo');
      await waitFor(() => ended.has(session.id), 'the run to finish', 30_000);
    } finally {
      subs.forEach((s) => void s.dispose());
    }
  });
});
