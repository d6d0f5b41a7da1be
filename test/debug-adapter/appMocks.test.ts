// Debug adapter on the fixture Medusa app with `"container": "app"` and a mocks module: the mocks
// replace single services (the event bus), every other one is the app's (the brand row lands in
// Postgres); "Container calls" shows both. On a database of this file's own.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { Client } from 'pg';
import { APP, APP_WORKFLOWS, ROOT, freshDatabase } from '../app/fixtureApp';
import { collectOutput, launchToStop, scopeVars, startClient, topFrames } from './helpers';

describe('debug adapter: "container": "app" with a mocks module', function () {
  // Bounds a hang of Medusa's boot on a loaded machine; not a performance check (bench/app.mjs).
  this.timeout(300000);
  let dc: DebugClient;
  let url: string;
  before(async () => {
    url = await freshDatabase('dap_app_mocks');
  });
  beforeEach(async () => {
    dc = await startClient();
    dc.defaultTimeout = 280000;
  });
  afterEach(() => dc.stop());

  it('a failure only the mocked event bus causes rolls back the real row', async () => {
    const ev = await launchToStop(
      dc,
      {
        program: join(APP_WORKFLOWS, 'create-brand.ts'),
        workflow: 'create-brand',
        input: { name: 'Dap Mocked Bus' },
        container: 'app',
        mocks: join(ROOT, 'test', 'app', 'fixtures', 'eventBusMock.ts'),
        cwd: APP,
        env: { DATABASE_URL: url, MOCK_EVENT_BUS_FAIL: '1' },
      },
      { functions: ['emit-event-step'] },
    );
    const [emit] = await topFrames(dc, ev.body.threadId);
    assert.equal(emit?.name, 'emit-event-step (invoke)');
    const calls = [...(await scopeVars(dc, emit.id, 'Container calls')).keys()];
    const created = calls.find((n) => /^\d+\. brand\.createBrands \(create-brand\)$/.test(n));
    assert.ok(created, calls.join('\n'));
    assert.equal((await brandRows(url, 'Dap Mocked Bus')).length, 1, 'the real module wrote it');
    const out = collectOutput(dc);
    const ended = out.waitFor(/Workflow create-brand ended: reverted/, 60000);
    await dc.continueRequest({ threadId: ev.body.threadId });
    await ended;
    assert.match(out.text(), /mocked event bus is down/);
    assert.deepEqual(await brandRows(url, 'Dap Mocked Bus'), [], 'the real compensation ran');
  });
});

async function brandRows(url: string, name: string): Promise<{ id: string }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const q = 'SELECT id FROM brand WHERE name = $1 AND deleted_at IS NULL';
    return (await client.query<{ id: string }>(q, [name])).rows;
  } finally {
    await client.end();
  }
}
