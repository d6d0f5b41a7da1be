// App suite (mocha, Node): `medusa-workflows run --container app` records the steps' calls on the
// app's real services (`service.call` trace lines), and a mocks module replaces single services
// while every other one stays the app's. On a database of this file's own.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { APP, APP_WORKFLOWS, ROOT, freshDatabase } from './fixtureApp';

const CLI = join(ROOT, 'dist', 'cli.js');
const MOCKS = join(ROOT, 'test', 'app', 'fixtures', 'eventBusMock.ts');

type Line = Record<string, unknown>;

describe('cli run --container app: service calls and mocks over the app', function () {
  this.timeout(300000);
  let url: string;
  before(async () => {
    url = await freshDatabase('cli_app_calls');
  });

  /** Runs create-brand for `name` with a JSONL trace; the run must end done (exit 0). */
  function run(name: string, extra: string[] = []): Line[] {
    const r = spawnSync(
      process.execPath,
      [CLI, 'run', join(APP_WORKFLOWS, 'create-brand.ts'), '--container', 'app']
        .concat(['--input', JSON.stringify({ name }), '--trace', 'jsonl'])
        .concat(extra),
      {
        cwd: APP,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: url },
        // A bound on a hang, not a performance check: Medusa's boot is slow on a cold machine.
        timeout: 280000,
      },
    );
    if (r.error) throw r.error;
    assert.equal(r.status, 0, r.stderr);
    return r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Line);
  }

  async function brandIds(name: string): Promise<string[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>('SELECT id FROM brand WHERE name = $1', [
        name,
      ]);
      return rows.map((r) => r.id);
    } finally {
      await client.end();
    }
  }

  const calls = (lines: Line[], key: string) =>
    lines.filter((l) => l.type === 'service.call' && l.key === key);

  it('prints a service.call line for each call on the app services, with the real results', async () => {
    const lines = run('Traced Brand');
    const [created] = calls(lines, 'brand');
    assert.equal(created?.step, 'create-brand');
    assert.equal(created?.action, 'invoke');
    assert.equal(created?.method, 'createBrands');
    const id = (created?.result as { id?: string } | undefined)?.id;
    assert.deepEqual(await brandIds('Traced Brand'), [id]);
    const bus = calls(lines, 'event_bus');
    assert.ok(bus.length > 0, 'the real event bus was called');
    assert.ok(bus.every((l) => l.result !== 'mocked-emit'));
  });

  it('--mocks replaces only the services it registers: the event bus, not the brand module', async () => {
    const lines = run('Mocked Bus Brand', ['--mocks', MOCKS]);
    const emit = calls(lines, 'event_bus').find((l) => l.method === 'emit');
    assert.equal(emit?.step, 'emit-event-step');
    assert.equal(emit?.result, 'mocked-emit');
    const [created] = calls(lines, 'brand');
    const id = (created?.result as { id?: string } | undefined)?.id;
    assert.match(id ?? '', /^brand_/);
    assert.deepEqual(await brandIds('Mocked Bus Brand'), [id]);
    assert.equal(lines.at(-1)?.state, 'done');
  });
});
