// Server suite (mocha, Node): the built dist/server.js entry: transports (stdio is covered in
// languageServer.test.ts, node IPC here) and a clear refusal when none is given.
import * as assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { serverPath } from './lspClient';

describe('language server entry', () => {
  it('exits with code 2 and says which transports exist when none is given', async () => {
    const child = spawn(process.execPath, [serverPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    assert.equal(code, 2);
    assert.match(stderr, /--stdio/);
    assert.match(stderr, /--node-ipc/);
    assert.equal(stdout, '', 'nothing on stdout, which belongs to the protocol');
  });
});

describe('language server over node IPC', () => {
  it('initializes, answers a request and exits with code 0 after shutdown and exit', async () => {
    const child = fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    const connection = createMessageConnection(
      new IPCMessageReader(child),
      new IPCMessageWriter(child),
    );
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
      p.items.map(() => ({})),
    );
    connection.listen();
    try {
      const init = await connection.sendRequest<{ capabilities: Record<string, unknown> }>(
        'initialize',
        {
          processId: process.pid,
          rootUri: null,
          workspaceFolders: null,
          capabilities: {},
        },
      );
      for (const capability of [
        'hoverProvider',
        'codeLensProvider',
        'inlayHintProvider',
        'referencesProvider',
      ]) {
        assert.ok(init.capabilities[capability], capability);
      }
      await connection.sendNotification('initialized', {});
      assert.deepEqual(await connection.sendRequest('medusaWorkflows/listWorkflows', {}), []);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
