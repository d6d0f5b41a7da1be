// Debug adapter on the fixture Medusa app with `"container": "app"` (the app booted as
// `medusa exec` does, the project's real Postgres): step stops show real rows, forced failures
// really undo them, a failed compensation leaves its row and says so. Nothing is mocked. Writes
// only to a database of its own (`dap_app_container`), never to the shared `medusa_app`.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { APP, APP_WORKFLOWS, brandsNamed, freshDatabase } from '../app/fixtureApp';
import {
  collectOutput,
  errorOf,
  launch,
  launchToStop,
  startClient,
  topFrames,
  variableAt,
} from './helpers';

/** This suite's own database (set in `before`): the runs write there. */
let url = '';

function appArgs(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    program: join(APP_WORKFLOWS, 'create-brand.ts'),
    workflow: 'create-brand',
    input: { name },
    container: 'app',
    cwd: APP,
    env: { DATABASE_URL: url },
    ...extra,
  };
}

describe('debug adapter: "container": "app" on the fixture Medusa app', function () {
  // Bounds a hang of Medusa's boot on a loaded machine; not a performance check (bench/app.mjs).
  this.timeout(180000);
  let dc: DebugClient;
  before(async () => {
    url = await freshDatabase('dap_app_container');
  });
  beforeEach(async () => {
    dc = await startClient();
    dc.defaultTimeout = 150000;
  });
  afterEach(async () => {
    await dc.stop();
  });

  it('a step breakpoint shows the id of the row the previous step created in Postgres', async () => {
    const out = collectOutput(dc);
    const ev = await launchToStop(dc, appArgs('Dap Brand'), {
      functions: ['use-query-graph-step'],
    });
    assert.match(
      out.byCategory('console'),
      /this run writes to the database postgres:\/\/127\.0\.0\.1:\d+\/dap_app_container\./,
    );
    const frames = await topFrames(dc, ev.body.threadId);
    assert.equal(frames[0]?.name, 'use-query-graph-step (invoke)');
    const id = await variableAt(dc, frames[0].id, 'Step', ['input', 'filters', 'id']);
    const rows = await brandsNamed(url, 'Dap Brand');
    assert.equal(rows.length, 1, 'the row exists while the run is paused');
    assert.equal(id.value, JSON.stringify(rows[0]!.id));
    assert.match(rows[0]!.id, /^brand_/);
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: ev.body.threadId });
    await terminated;
    assert.match(out.text(), /Workflow create-brand ended: done/);
    assert.equal((await brandsNamed(url, 'Dap Brand')).length, 1);
  });

  it('a forced failure at the last step rolls back: the row is gone from Postgres', async () => {
    const out = collectOutput(dc);
    const terminated = dc.waitForEvent('terminated');
    await launch(dc, appArgs('Dap Reverted', { failSteps: ['emit-event-step'] }));
    await terminated;
    assert.match(out.text(), /Workflow create-brand ended: reverted/);
    assert.match(out.text(), /Compensations, in order: .*create-brand/);
    assert.deepEqual(await brandsNamed(url, 'Dap Reverted'), []);
  });

  it('a compensation forced to fail leaves its row, and the session reports it', async () => {
    const out = collectOutput(dc);
    const terminated = dc.waitForEvent('terminated');
    await launch(
      dc,
      appArgs('Dap Left Behind', {
        failSteps: ['emit-event-step'],
        failCompensations: ['create-brand'],
      }),
    );
    await terminated;
    assert.match(out.text(), /Workflow create-brand ended: failed/);
    assert.match(out.text(), /create-brand \(compensate\): Forced failure: create-brand/);
    const rows = await brandsNamed(url, 'Dap Left Behind');
    assert.equal(rows.length, 1, 'the row the failed compensation should have deleted');
    assert.equal(rows[0]!.deleted_at, null);
  });

  it('Stop during the app boot ends the workflow process', async () => {
    const out = collectOutput(dc);
    const started = dc.waitForEvent('process') as Promise<{ body: { systemProcessId: number } }>;
    const launched = launch(dc, appArgs('Never Booted')).catch((err: Error) => err);
    const pid = (await started).body.systemProcessId;
    // Medusa's loaders are running: its module loading logs once the database was named.
    await out.waitFor(/writes to the database/, 150000);
    await dc.disconnectRequest({});
    await launched;
    assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the workflow process is gone');
  });

  it('refuses a remote database before booting, without showing its password', async () => {
    const message = await errorOf(
      launch(
        dc,
        appArgs('Never', { env: { DATABASE_URL: 'postgres://shop:s3cret@db.example.com/shop' } }),
      ),
    );
    assert.match(message, /Refusing to write to postgres:\/\/db\.example\.com:5432\/shop/);
    assert.doesNotMatch(message, /s3cret/);
  });
});
