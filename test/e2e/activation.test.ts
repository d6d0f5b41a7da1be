import * as assert from 'node:assert';
import * as vscode from 'vscode';

describe('activation', () => {
  it('activates the extension', async () => {
    const ext = vscode.extensions.getExtension('medusa-workflows-tools.medusa-workflows');
    assert.ok(ext, 'extension is installed');
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });
});
