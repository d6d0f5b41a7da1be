import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openFile, waitFor } from './helpers';

describe('activation', () => {
  it('activates the extension', async () => {
    const ext = vscode.extensions.getExtension('medusa-workflows-tools.medusa-workflows');
    assert.ok(ext, 'extension is installed');
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('loads elkjs only once a workflow is in view, not with the extension', async () => {
    const ext = vscode.extensions.getExtension('medusa-workflows-tools.medusa-workflows')!;
    await ext.activate();
    const elk = path.join(ext.extensionPath, 'dist', 'elk.js');
    const loaded = (): boolean => Object.keys(require.cache).includes(elk);
    assert.ok(!loaded(), 'activation did not load dist/elk.js');
    // A workflow file in the editor warms the layout (see editorContext.ts) before any preview.
    await openFile('src/workflows/create-order.ts');
    await waitFor(() => Promise.resolve(loaded()), 'dist/elk.js loaded for the first layout');
  });
});
