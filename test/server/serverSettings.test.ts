// Server suite (mocha, Node): settings over the protocol (workspace/configuration,
// didChangeConfiguration, initializationOptions), progress support, and exit codes.
import * as assert from 'node:assert/strict';
import { cleanFile, mistakesFile, workspace } from './fixtureWorkspace';
import { LspClient } from './lspClient';

describe('language server settings', () => {
  it('honours diagnostics.enable and inlayHints.enable set to false', async () => {
    const client = await LspClient.start({
      folders: [workspace],
      settings: { diagnostics: { enable: false }, inlayHints: { enable: false } },
    });
    try {
      const uri = await client.open(mistakesFile);
      const published = await client.waitForDiagnostics(uri, 1);
      assert.deepEqual(published.diagnostics, []);
      assert.ok(
        client.configurationRequests.length > 0,
        'settings were asked with workspace/configuration',
      );
      const hints = await client.request<unknown[]>('textDocument/inlayHint', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
      });
      assert.deepEqual(hints, []);
      const lenses = await client.request<unknown[]>('textDocument/codeLens', {
        textDocument: { uri },
      });
      assert.equal(lenses.length, 3, 'code lenses stay on');
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  it('re-reads settings on didChangeConfiguration and re-publishes diagnostics', async () => {
    const client = await LspClient.start({ folders: [workspace], settings: {} });
    try {
      const uri = await client.open(mistakesFile);
      const first = await client.waitForDiagnostics(uri, 1);
      assert.ok(
        first.diagnostics.some((d) => d.code === 'MW005'),
        'diagnostics are on at first',
      );
      const asked = client.configurationRequests.length;
      client.options.settings = { diagnostics: { enable: false } };
      const before = client.diagnostics.received.length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: null,
      });
      const second = await client.waitForDiagnostics(uri, 1, before);
      assert.deepEqual(second.diagnostics, []);
      assert.ok(client.configurationRequests.length > asked, 'asked again after the change');
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  it('uses initializationOptions.settings when the client cannot answer workspace/configuration', async () => {
    const client = await LspClient.start({
      folders: [workspace],
      configuration: false,
      initializationOptions: { settings: { inlayHints: { enable: false } } },
    });
    try {
      const uri = await client.open(cleanFile);
      const range = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
      assert.deepEqual(
        await client.request('textDocument/inlayHint', { textDocument: { uri }, range }),
        [],
      );
      assert.equal(client.configurationRequests.length, 0);
      const lenses = await client.request<unknown[]>('textDocument/codeLens', {
        textDocument: { uri },
      });
      assert.equal(lenses.length, 3);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  it('sends no progress to a client without window.workDoneProgress', async () => {
    const client = await LspClient.start({ folders: [workspace], workDoneProgress: false });
    try {
      const all = await client.request<unknown[]>('medusaWorkflows/listWorkflows', {});
      assert.equal(all.length, 2, 'indexing finished');
      assert.deepEqual(client.progressTokens, []);
      assert.deepEqual(client.progress.received, []);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  it('exits with code 1 on exit without shutdown', async () => {
    const client = await LspClient.start({ folders: [workspace], workDoneProgress: false });
    await client.connection.sendNotification('exit');
    const code = await new Promise<number | null>((r) =>
      client.child.exitCode !== null ? r(client.child.exitCode) : client.child.on('exit', r),
    );
    client.kill();
    assert.equal(code, 1);
  });
});
