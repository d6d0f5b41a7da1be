// Server suite (mocha, Node): files created, changed and deleted on disk (reported with
// workspace/didChangeWatchedFiles) update the index. Works on a temporary copy of the fixture.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspace as fixture } from './fixtureWorkspace';
import { LspClient, uriOf } from './lspClient';

const created = 1;
const changed = 2;
const deleted = 3;

describe('language server and files changed on disk', function () {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-server-watch-'));
    cpSync(fixture, dir, { recursive: true });
    client = await LspClient.start({ folders: [dir] });
  });

  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = async (): Promise<string[]> =>
    (await client.request<{ id: string }[]>('medusaWorkflows/listWorkflows', {}))
      .map((w) => w.id)
      .sort();

  const notify = (path: string, type: number): Promise<void> =>
    client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(path), type }],
    });

  it('indexes a created file, sees a changed one and forgets a deleted one', async () => {
    assert.deepEqual(await ids(), ['create-brand-workflow', 'rename-brand-workflow']);
    const file = join(dir, 'src', 'workflows', 'archive-brand.ts');
    const source = readFileSync(join(dir, 'src', 'workflows', 'create-brand.ts'), 'utf8');
    writeFileSync(file, source.replace("'create-brand-workflow'", "'archive-brand-workflow'"));
    await notify(file, created);
    assert.deepEqual(await ids(), [
      'archive-brand-workflow',
      'create-brand-workflow',
      'rename-brand-workflow',
    ]);
    writeFileSync(file, source.replace("'create-brand-workflow'", "'retire-brand-workflow'"));
    await notify(file, changed);
    assert.deepEqual(await ids(), [
      'create-brand-workflow',
      'rename-brand-workflow',
      'retire-brand-workflow',
    ]);
    unlinkSync(file);
    await notify(file, deleted);
    assert.deepEqual(await ids(), ['create-brand-workflow', 'rename-brand-workflow']);
  });

  it('exits with code 0 after shutdown and exit', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});
