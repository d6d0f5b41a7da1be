// Server suite (mocha, Node): a workspace holding several Medusa apps (each its own package.json)
// analyzes each app as its own world: the same hook registered once in each app is valid, a
// second registration inside one app is still MW011. Works on a temporary copy of the fixture.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, LspClient, uriOf } from './lspClient';

const fixture = join(repoRoot, 'test', 'fixtures', 'server', 'multi-app');
const created = 1;

describe('language server on a workspace of several apps', function () {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-server-apps-'));
    cpSync(fixture, dir, { recursive: true });
    client = await LspClient.start({ folders: [dir] });
  });

  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const hookFile = (app: string, name = 'validate.ts'): string =>
    join(dir, app, 'src', 'workflows', 'hooks', name);

  const codes = async (path: string, since: number): Promise<string[]> => {
    const published = await client.waitForDiagnostics(uriOf(path), undefined, since);
    return published.diagnostics.map((d) => String(d.code));
  };

  it('reports no MW011 for one handler of the same hook in each of two apps', async () => {
    const list = await client.request<{ id: string; file: string }[]>(
      'medusaWorkflows/listWorkflows',
      {},
    );
    assert.equal(list.filter((w) => w.id === 'place-order').length, 2, 'one workflow per app');
    for (const app of ['app-a', 'app-b']) {
      const since = client.diagnostics.received.length;
      await client.open(hookFile(app));
      assert.deepEqual(await codes(hookFile(app), since), [], `${app}'s handler`);
    }
  });

  it('still reports MW011 for a second handler inside one app', async () => {
    const second = hookFile('app-a', 'validate-again.ts');
    writeFileSync(second, readFileSync(hookFile('app-a'), 'utf8'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(second), type: created }],
    });
    const since = client.diagnostics.received.length;
    await client.open(second);
    const inA = [...(await codes(second, since))];
    const first = client.diagnostics.received
      .filter((p) => p.uri === uriOf(hookFile('app-a')))
      .pop();
    inA.push(...(first?.diagnostics.map((d) => String(d.code)) ?? []));
    assert.deepEqual(inA, ['MW011'], 'one duplicate in app-a');
    const inB = client.diagnostics.received.filter((p) => p.uri === uriOf(hookFile('app-b'))).pop();
    assert.deepEqual(
      inB?.diagnostics.map((d) => d.code),
      [],
      "app-b's handler is not a duplicate of app-a's",
    );
  });
});
