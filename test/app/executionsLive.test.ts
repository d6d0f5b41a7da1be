// App suite (mocha, Node): the live follower on a real Redis (scripts/redis.mjs, started here
// and stopped after when this suite started it) while the fixture app's stored workflows run on
// the real @medusajs/workflow-engine-redis: the async workflow's events arrive in order, the
// others publish nothing; an unreachable Redis is one clear error.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { followLiveExecutions, type LiveEvent } from '../../engine/src/executions/live';
import { ExecutionsError, openExecutionStore } from '../../engine/src/executions/reader';
import { executionsFixture, type StoredRun } from './executionsFixture';
import { ROOT } from './fixtureApp';
import { useRedis, type RedisServer } from './redisServer';

/** Runs every stored workflow of the fixture on workflow-engine-redis (one `medusa exec`). */
function runOnRedis(redisUrl: string): Promise<{ url: string; runs: StoredRun[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'scripts', 'executions-fixture.mjs'), 'live', redisUrl],
      { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the live run failed (${code}):\n${err}`));
      else
        resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { url: string; runs: StoredRun[] });
    });
  });
}

describe('live executions from workflow-engine-redis (real Redis, real Medusa engine)', function () {
  this.timeout(600000);
  let redisUrl: string;
  let server: RedisServer | undefined;

  before(async () => {
    await executionsFixture();
    server = await useRedis();
    redisUrl = server.url;
  });
  after(() => server?.release());

  it('follows the async workflow step by step while it runs; other workflows publish nothing', async () => {
    const follower = await followLiveExecutions(redisUrl);
    const events: LiveEvent[] = [];
    const run = runOnRedis(redisUrl);
    let runs: StoredRun[] | undefined;
    run.then(
      (r) => (runs = r.runs),
      () => undefined,
    );
    const done = (async () => {
      for await (const event of follower) {
        events.push(event);
        if (event.eventType === 'onFinish' && event.transactionId.startsWith('approval-done-')) {
          break;
        }
      }
    })();
    const [live] = await Promise.all([run, done]);
    assert.ok(runs);
    const transactionId = live.runs.find((r) => r.scenario === 'approval-done')!.transactionId;
    const waitingId = live.runs.find((r) => r.scenario === 'approval-waiting')!.transactionId;

    assert.deepEqual(
      [...new Set(events.map((e) => e.workflowId))],
      ['stored-approval'],
      'only the workflow with an async step publishes',
    );
    const sequence = events
      .filter((e) => e.transactionId === transactionId)
      .map((e) => [e.eventType, e.step ?? e.state ?? '']);
    assert.deepEqual(sequence, [
      ['onBegin', ''],
      ['onStepBegin', 'await-approval'],
      ['onStepAwaiting', 'await-approval'],
      ['onResume', ''],
      ['onStepSuccess', 'await-approval'],
      ['onStepBegin', 'finalize'],
      ['onStepSuccess', 'finalize'],
      ['onFinish', 'done'],
    ]);
    assert.deepEqual(
      events.filter((e) => e.transactionId === waitingId).map((e) => e.eventType),
      ['onBegin', 'onStepBegin', 'onStepAwaiting'],
    );
    assert.equal(
      events.find((e) => e.step === 'finalize')?.stepPath,
      '_root.await-approval.finalize',
    );
    await follower.close();

    // The same run is in the database the redis engine wrote, as the reader sees it.
    const store = openExecutionStore(live.url);
    try {
      const record = await store.get(transactionId);
      assert.equal(record?.state, 'done');
      assert.deepEqual(
        record?.steps.map((s) => [s.name, s.invoke.state]),
        [
          ['await-approval', 'done'],
          ['finalize', 'done'],
        ],
      );
    } finally {
      await store.close();
    }
  });

  it('says Redis is unreachable on a closed port, without the password', async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    await new Promise<void>((done) => server.close(() => done()));
    const error = await followLiveExecutions(`redis://user:t0p-secret@127.0.0.1:${port}`).then(
      () => assert.fail('should not connect'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ExecutionsError);
    assert.equal(error.code, 'unreachable');
    assert.equal(
      error.message,
      `Cannot reach Redis at redis://127.0.0.1:${port} (ECONNREFUSED): is redis-server running there?`,
    );
    await assert.rejects(followLiveExecutions('http://127.0.0.1:1'), { code: 'bad-url' });
  });
});
