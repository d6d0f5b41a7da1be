// Server suite (mocha, Node): the index kept on disk across sessions (initializationOptions
// `cacheDir`): a second session answers an opened, unchanged file from it; an app whose files
// changed, another extension version and a corrupt cache file are not trusted; files of the old
// format are deleted.
import * as assert from 'node:assert/strict';
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, repoRoot } from './lspClient';

const fixture = join(repoRoot, 'test', 'fixtures', 'server', 'multi-app');

describe('language server index cache across sessions', function () {
  let dir: string;
  let cacheDir: string;
  const workflowOf = (app: string): string => join(dir, app, 'src', 'workflows', 'place-order.ts');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-server-cache-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'mw-server-cache-dir-'));
    cpSync(fixture, dir, { recursive: true });
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const session = (extensionVersion = '1.0.0'): Promise<LspClient> =>
    LspClient.start({ folders: [dir], initializationOptions: { cacheDir, extensionVersion } });

  /** Runs a session to the end of indexing (the cache is written then and at shutdown). */
  async function fullSession(extensionVersion?: string): Promise<{ restored: string }> {
    const client = await session(extensionVersion);
    try {
      await client.request('medusaWorkflows/listWorkflows', {});
      const restored = await client.logs.wait((m) => m.startsWith('index cache:'), 'cache log');
      return { restored };
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
  }

  const cacheFiles = (): string[] => readdirSync(cacheDir).filter((f) => f.endsWith('.json'));

  it('writes the index to the cache folder after indexing, one file per app', async () => {
    const { restored } = await fullSession();
    assert.match(restored, /restored 0 file\(s\)/);
    assert.equal(cacheFiles().length, 2);
  });

  it('answers an unchanged file from the cache in the next session, not a changed app', async () => {
    appendFileSync(workflowOf('app-b'), '\n// edited between sessions\n');
    const client = await session();
    try {
      const aUri = await client.open(workflowOf('app-a'));
      const bUri = await client.open(workflowOf('app-b'));
      const log = await client.logs.wait((m) => m.startsWith('index cache:'), 'cache log');
      assert.match(log, /restored 2 file\(s\) of 1 world\(s\)/, 'app-a only: app-b changed');
      await client.waitForDiagnostics(aUri);
      await client.waitForDiagnostics(bUri);
      const answered = client.logs.received.filter((m) => m.startsWith('answered '));
      assert.deepEqual(answered, [`answered ${workflowOf('app-a')} from the index cache`]);
      await client.request('medusaWorkflows/listWorkflows', {});
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
    // Both apps were indexed again, so the next session trusts both.
    const { restored } = await fullSession();
    assert.match(restored, /restored 4 file\(s\) of 2 world\(s\)/);
  });

  it('ignores the cache of another extension version', async () => {
    const { restored } = await fullSession('2.0.0');
    assert.match(restored, /restored 0 file\(s\)/);
  });

  it("ignores an app's corrupt cache file and writes a good one", async () => {
    const [file] = cacheFiles();
    writeFileSync(join(cacheDir, file!), '{"format":1,"key":');
    const client = await session('2.0.0');
    try {
      const uri = await client.open(workflowOf('app-a'));
      const published = await client.waitForDiagnostics(uri);
      assert.ok(Array.isArray(published.diagnostics));
      await client.request('medusaWorkflows/listWorkflows', {});
      const log = await client.logs.wait((m) => m.startsWith('index cache:'), 'cache log');
      assert.match(log, /restored 2 file\(s\) of 1 world\(s\)/, 'the other app only');
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
    assert.doesNotThrow(() => JSON.parse(readFileSync(join(cacheDir, file!), 'utf8')) as unknown);
  });

  it('deletes the cache files of the format before one file per app once it has started', async () => {
    writeFileSync(join(cacheDir, 'index-0123456789abcdef0123.json'), '{"format":1}');
    writeFileSync(join(cacheDir, 'external-0123456789abcdef0123.json'), '{"format":1}');
    const before = cacheFiles().length;
    const client = await session('2.0.0');
    try {
      await client.request('medusaWorkflows/listWorkflows', {});
      await client.logs.wait((m) => m.startsWith('index cache: deleted'), 'prune log');
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
    assert.deepEqual(
      cacheFiles().filter((f) => /^(index|external)-/.test(f)),
      [],
      'the old files are gone',
    );
    assert.equal(cacheFiles().length, before - 2, "every app's file stays");
  });
});
