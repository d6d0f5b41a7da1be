// App suite (mocha, Node): `medusa-workflows executions list|show` (dist/cli.js) on the rows the
// real Medusa engine wrote: the JSON output equals the reader's, --app finds DATABASE_URL in the
// app's .env, and bad input is one line with exit code 2.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openExecutionStore } from '../../engine/src/executions/reader';
import { executionsFixture, type Fixture } from './executionsFixture';
import { ROOT } from './fixtureApp';

const CLI = join(ROOT, 'dist', 'cli.js');

function cli(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [CLI, 'executions', ...args], {
    cwd,
    encoding: 'utf8',
    env,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli executions list|show (rows written by the real Medusa engine)', function () {
  this.timeout(600000);
  let fixture: Fixture;
  before(async () => {
    fixture = await executionsFixture();
  });

  it('list --json prints the reader list as JSON lines, filters and pages included', async () => {
    const store = openExecutionStore(fixture.url);
    try {
      const want = await store.list({ workflowId: 'stored-order', limit: 2, offset: 1 });
      const r = cli([
        'list',
        '--database-url',
        fixture.url,
        '--workflow',
        'stored-order',
        '--limit',
        '2',
        '--offset',
        '1',
        '--json',
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(
        r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as unknown),
        want.items,
      );
      assert.equal(want.hasMore, false);
      assert.equal(r.stderr, '');
      const first = cli(['list', '--database-url', fixture.url, '--limit', '3', '--json']);
      assert.match(first.stderr, /more executions: --offset 3/);
    } finally {
      await store.close();
    }
  });

  it('list prints a table newest first; --app reads DATABASE_URL from the app .env', () => {
    const app = mkdtempSync(join(tmpdir(), 'mw-exec-app-'));
    try {
      writeFileSync(join(app, '.env'), `DATABASE_URL=${fixture.url}\n`);
      const r = cli(['list', '--state', 'reverted,failed'], app);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.match(lines[0]!, /^CREATED \(UTC\)\s+STATE\s+STEPS\s+WORKFLOW\s+TRANSACTION\s+ID$/);
      assert.deepEqual(
        lines.slice(1).map((l) => l.split(/\s{2,}/).slice(1, 4)),
        [
          ['failed', '1/2', 'stored-refund'],
          ['reverted', '3/4', 'stored-order'],
        ],
      );
      const viaFlag = cli(['list', '--app', app, '--state', 'reverted,failed']);
      assert.equal(viaFlag.stdout, r.stdout);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  it('show prints every step with its invoke and compensate state; --json the record', async () => {
    const tx = fixture.run('order-reverted').transactionId;
    const r = cli(['show', tx, '--database-url', fixture.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^stored-order {2}reverted {2}\(3\/4 steps done\)$/m);
    assert.match(
      r.stdout,
      /^ {4}ship-order \[no compensation\] +failed \(permanent_failure\) +reverted +1$/m,
    );
    assert.match(
      r.stdout,
      /^invoke error in ship-order: Carrier rejected the parcel for mug at .*steps\.ts:\d+:\d+$/m,
    );
    const json = cli(['show', tx, '--database-url', fixture.url, '--json']);
    const store = openExecutionStore(fixture.url);
    try {
      assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(await store.get(tx))));
    } finally {
      await store.close();
    }
  });

  it('says what is wrong in one line: unknown id (exit 1), bad URL, no database (exit 2)', () => {
    const missing = cli(['show', 'wf_exec_missing', '--database-url', fixture.url]);
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /^medusa-workflows: no execution wf_exec_missing in postgres:\/\/127\.0\.0\.1:\d+\/medusa_executions_\w+\n$/,
    );
    const secret = 'hunter2-secret';
    for (const [url, text] of [
      [`mysql://me:${secret}@localhost/x`, /must start with postgres:\/\//],
      [
        `${fixture.url.replace('postgres@', `postgres:${secret}@`).replace(/\/[^/]+$/, '/medusa_absent_db')}`,
        /does not exist/,
      ],
    ] as const) {
      const r = cli(['list', '--database-url', url]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, text);
      assert.equal(r.stderr.split('\n').length, 2, r.stderr);
      assert.doesNotMatch(r.stderr, new RegExp(secret));
    }
    const none = cli(['list'], tmpdir());
    assert.equal(none.code, 2);
    assert.match(
      none.stderr,
      /no DATABASE_URL in the environment or in .*\.env: pass --database-url or --app/,
    );
  });
});
