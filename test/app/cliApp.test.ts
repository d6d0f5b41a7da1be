// App suite (mocha, Node): `medusa-workflows run --container app` on the fixture Medusa app
// against the project's Postgres: the trace holds the rows' database ids, a forced failure undoes
// them, and every boot failure is one clear line with exit code 2. Writes only to databases of its
// own (`cli_app`, `cli_app_unmigrated`), never to the shared `medusa_app`.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APP,
  APP_WORKFLOWS,
  ROOT,
  brandsNamed,
  brokenApp,
  databaseUrl,
  freshDatabase,
  query,
} from './fixtureApp';

const CLI = join(ROOT, 'dist', 'cli.js');
const CREATE_BRAND = join(APP_WORKFLOWS, 'create-brand.ts');
/** This suite's own database (set in `before`): the runs write there. */
let url = '';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runInApp(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Result {
  const r = spawnSync(process.execPath, [CLI, 'run', CREATE_BRAND, '--container', 'app', ...args], {
    cwd: options.cwd ?? APP,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: url, ...options.env },
    // A bound on a hang, not a performance check: Medusa's boot is slow on a cold machine.
    timeout: 240000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function trace(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Exit 2, nothing on stdout, and `text` in the CLI's one-line reason. */
function assertCannotBoot(r: Result, text: RegExp): string {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  const reason = r.stderr.split('\n').find((l) => l.startsWith('medusa-workflows: '));
  assert.ok(reason, `a medusa-workflows line on stderr:\n${r.stderr}`);
  assert.match(reason, text);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
  return reason;
}

describe('cli run --container app (fixture Medusa app, real Postgres)', function () {
  this.timeout(300000);
  before(async () => {
    url = await freshDatabase('cli_app');
  });

  it('runs create-brand on the app container: the trace holds the row ids Postgres has', async () => {
    const r = runInApp(['--input', '{"name":"Cli Brand"}', '--trace', 'jsonl']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /writes to the database postgres:\/\/127\.0\.0\.1:\d+\/cli_app\./);
    const lines = trace(r.stdout);
    const created = lines.find((l) => l.type === 'step.success' && l.step === 'create-brand');
    const output = created?.output as { id?: string; handle?: string } | undefined;
    assert.match(output?.id ?? '', /^brand_[0-9A-Z]{26}$/);
    assert.equal(output?.handle, 'cli-brand');
    const rows = await brandsNamed(url, 'Cli Brand');
    assert.deepEqual(
      rows.map((b) => [b.id, b.deleted_at]),
      [[output?.id, null]],
    );
    const end = lines.at(-1);
    assert.equal(end?.type, 'run.end');
    assert.deepEqual(end?.result, [{ id: output?.id, name: 'Cli Brand', handle: 'cli-brand' }]);
  });

  it('--fail on the last step rolls back: the brand row is gone', async () => {
    const r = runInApp([
      '--input',
      '{"name":"Rolled Back"}',
      '--fail',
      'emit-event-step',
      '--trace',
      'jsonl',
    ]);
    assert.equal(r.code, 1, r.stderr);
    const lines = trace(r.stdout);
    const id = (
      lines.find((l) => l.type === 'step.success' && l.step === 'create-brand')?.output as {
        id: string;
      }
    ).id;
    assert.ok(
      lines.some(
        (l) => l.type === 'step.success' && l.step === 'create-brand' && l.action === 'compensate',
      ),
      'create-brand compensated',
    );
    assert.deepEqual(await query(url, 'SELECT id FROM brand WHERE id = $1', [id]), []);
    assert.equal(lines.at(-1)?.state, 'reverted');
  });

  it('a nested core-flows workflow, a link and an update run on the real container', async () => {
    const [brand] = await brandsNamed(url, 'Cli Brand');
    assert.ok(brand);
    const input = JSON.stringify({ brandId: brand.id, title: 'Linked Tee', brandName: 'Renamed' });
    const r = spawnSync(
      process.execPath,
      [
        CLI,
        'run',
        join(APP_WORKFLOWS, 'create-branded-product.ts'),
        '--container',
        'app',
        '--input',
        input,
      ],
      {
        cwd: APP,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: url },
        timeout: 240000,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { product: { id: string }; brand: { name: string } };
    assert.equal(result.brand.name, 'Renamed');
    const links = await query<{ product_id: string; brand_id: string }>(
      url,
      'SELECT product_id, brand_id FROM product_product_brand_brand WHERE deleted_at IS NULL',
    );
    assert.deepEqual(links, [{ product_id: result.product.id, brand_id: brand.id }]);
  });

  describe('when the app cannot boot (exit 2, one clear line, no hang)', () => {
    it('no Medusa app found from the working directory', () => {
      assertCannotBoot(runInApp([], { cwd: tmpdir() }), /No Medusa application found from /);
    });

    it('a medusa-config that throws', () => {
      const app = brokenApp("throw new Error('STRIPE_API_KEY is missing');\n");
      try {
        assertCannotBoot(
          runInApp([], { cwd: app.dir }),
          /medusa-config did not load: STRIPE_API_KEY is missing/,
        );
      } finally {
        app.remove();
      }
    });

    it('a remote database is refused before any connection, and its password is not shown', () => {
      const r = runInApp([], {
        env: { DATABASE_URL: 'postgres://shop:s3cret@db.example.com:5432/shop' },
      });
      const reason = assertCannotBoot(
        r,
        /Refusing to write to postgres:\/\/db\.example\.com:5432\/shop/,
      );
      assert.match(reason, /allowRemoteDatabase/);
      assert.doesNotMatch(r.stderr, /s3cret/);
    });

    it('a database without Medusa migrations', async () => {
      await query(url, 'DROP DATABASE IF EXISTS cli_app_unmigrated');
      await query(url, 'CREATE DATABASE cli_app_unmigrated');
      const r = runInApp([], { env: { DATABASE_URL: databaseUrl('cli_app_unmigrated') } });
      assertCannotBoot(r, /cli_app_unmigrated has no Medusa tables: run `npx medusa db:migrate`/);
    });

    it('Postgres not running (nothing listens on the port of its URL)', async () => {
      // A closed loopback port, as for a stopped server; the shared cluster stays up for others.
      const closed = `postgres://postgres@127.0.0.1:${await closedPort()}/cli_app`;
      assertCannotBoot(
        runInApp([], { env: { DATABASE_URL: closed } }),
        /is not reachable \(ECONNREFUSED\): start PostgreSQL/,
      );
    });
  });
});

/** A loopback port that was free a moment ago (the OS gave it, then it was closed). */
function closedPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}
