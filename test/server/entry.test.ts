// Server suite (mocha, Node): the built dist/server.js refuses to start without a transport.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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
