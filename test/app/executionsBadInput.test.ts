// App suite (mocha, Node): the executions reader on bad input against the project's real
// Postgres: a malformed URL, a closed port, a role that does not exist, a missing database, a
// database without Medusa's table, rows with unexpected JSON, and a session that cannot write.
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { Client } from 'pg';
import {
  ExecutionsError,
  openExecutionStore,
  readOnlyPoolConfig,
  redactDatabaseUrl,
  type ExecutionsErrorCode,
} from '../../engine/src/executions/reader';
import {
  copyOfFixture,
  databaseName,
  executionsFixture,
  sql,
  withDatabase,
} from './executionsFixture';

const SECRET = 'pa55-s3cret-word';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** The store's first query fails with `code`; the message never holds the password. */
async function assertFails(url: string, code: ExecutionsErrorCode, text: RegExp): Promise<string> {
  const store = openExecutionStore(url);
  try {
    const error = await store.list({}).then(
      () => assert.fail('list should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ExecutionsError, String(error));
    assert.equal(error.code, code, error.message);
    assert.match(error.message, text);
    assert.doesNotMatch(error.message, new RegExp(SECRET));
    assert.doesNotMatch(String(error.stack), new RegExp(SECRET));
    return error.message;
  } finally {
    await store.close();
  }
}

function withCredentials(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = SECRET;
  return u.toString();
}

describe('executions reader: bad input (real Postgres)', function () {
  this.timeout(600000);
  let url: string;
  before(async () => {
    url = (await executionsFixture()).url;
  });

  it('refuses a URL that is not postgres://, without echoing it', () => {
    for (const bad of [`mysql://root:${SECRET}@localhost/db`, 'not a url', '']) {
      assert.throws(
        () => openExecutionStore(bad),
        (e: unknown) =>
          e instanceof ExecutionsError && e.code === 'bad-url' && !e.message.includes(SECRET),
      );
    }
    assert.equal(
      redactDatabaseUrl(`postgres://admin:${SECRET}@db.example.com:6543/shop?sslmode=require`),
      'postgres://db.example.com:6543/shop',
    );
  });

  it('says the database is unreachable on a closed port', async () => {
    const port = await closedPort();
    const message = await assertFails(
      withCredentials(`postgres://127.0.0.1:${port}/medusa`, 'medusa'),
      'unreachable',
      new RegExp(`postgres://127\\.0\\.0\\.1:${port}/medusa`),
    );
    assert.match(message, /is PostgreSQL running/);
  });

  it('says the credentials were refused for a role that does not exist', async () => {
    await assertFails(
      withCredentials(url, 'no_such_role_exec'),
      'auth',
      /refused the user or password/,
    );
  });

  it('says a database does not exist', async () => {
    await assertFails(
      withDatabase(url, 'medusa_no_such_database'),
      'no-database',
      /does not exist/,
    );
  });

  it('says a database has no workflow_execution table', async () => {
    const name = `${databaseName(url)}_empty`;
    const admin = withDatabase(url, 'postgres');
    await sql(admin, `DROP DATABASE IF EXISTS ${name}`);
    await sql(admin, `CREATE DATABASE ${name}`);
    try {
      await assertFails(withDatabase(url, name), 'no-table', /no Medusa workflow_execution table/);
      const store = openExecutionStore(withDatabase(url, name));
      await assert.rejects(store.get('wf_exec_x'), { code: 'no-table' });
      await assert.rejects(store.workflows(), { code: 'no-table' });
      await store.close();
    } finally {
      await sql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  describe('rows with unexpected JSON', () => {
    let copy: { url: string; drop(): Promise<void> };
    before(async () => {
      copy = await copyOfFixture('badjson');
      const insert = `INSERT INTO workflow_execution
        (id, workflow_id, transaction_id, run_id, state, execution, context)
        VALUES ($1, 'odd-workflow', $2::varchar, $2::text, $3, $4::jsonb, $5::jsonb)`;
      await sql(copy.url, insert, ['wf_exec_scalar', 'odd-1', 'done', '"a string"', '[1, 2]']);
      await sql(copy.url, insert, [
        'wf_exec_odd_steps',
        'odd-2',
        'sleeping',
        JSON.stringify({
          steps: {
            _root: { id: '_root', next: ['_root.a', 42] },
            '_root.a': { id: '_root.a', invoke: 7, definition: { action: 'a' }, next: [] },
            '_root.lost': {
              id: '_root.lost',
              definition: {},
              invoke: { state: 'done', status: 'ok' },
            },
            '_root.weird': 'not a step',
          },
          startedAt: 'yesterday',
        }),
        JSON.stringify({
          data: { invoke: { a: 42 }, payload: { x: 1 } },
          errors: 'oops',
        }),
      ]);
    });
    after(() => copy.drop());

    it('lists them and opens them as records with warnings, never a throw', async () => {
      const store = openExecutionStore(copy.url);
      try {
        const { items } = await store.list({ workflowId: 'odd-workflow' });
        assert.deepEqual(items.map((i) => [i.id, i.stepsDone, i.stepsTotal]).sort(), [
          ['wf_exec_odd_steps', 1, 3],
          ['wf_exec_scalar', 0, 0],
        ]);
        const scalar = await store.get('wf_exec_scalar');
        assert.deepEqual(scalar?.steps, []);
        assert.deepEqual(scalar?.warnings, [
          'the execution column is not a JSON object',
          'the context column is not a JSON object',
          'execution.steps is missing or not an object',
        ]);
        const odd = await store.get('wf_exec_odd_steps');
        assert.ok(odd);
        assert.deepEqual(
          odd.steps.map((s) => [s.path, s.name, s.invoke.state]),
          [
            ['_root.a', 'a', 'not_started'],
            ['_root.lost', 'lost', 'done'],
            ['_root.weird', 'weird', 'not_started'],
          ],
        );
        assert.equal(odd.steps[0]?.output, 42);
        assert.deepEqual(odd.payload, { x: 1 });
        assert.equal(odd.startedAt, undefined);
        const warnings = odd.warnings.join('\n');
        for (const part of [
          /steps not reached from _root: _root\.lost, _root\.weird/,
          /_root\.a: invoke state missing/,
          /_root\.a: the recorded output is not a step response/,
          /_root\.lost: no definition\.action/,
          /_root\.weird is not an object/,
          /context\.errors is not a list/,
          /state "sleeping" is not one Medusa writes/,
        ]) {
          assert.match(warnings, part);
        }
        // The fixture's own rows still read cleanly next to them.
        const { items: all } = await store.list({});
        assert.equal(all.length, (await executionsFixture()).runs.length + 3);
      } finally {
        await store.close();
      }
    });
  });

  it('reads in sessions that cannot write, even when the URL brings options of its own', async () => {
    for (const target of [url, `${url}?options=-c%20search_path%3Dpublic`]) {
      const client = new Client(readOnlyPoolConfig(target));
      await client.connect();
      try {
        const shown = await client.query<{ ro: string; path: string }>(
          "SELECT current_setting('default_transaction_read_only') AS ro, current_setting('search_path') AS path",
        );
        assert.equal(shown.rows[0]?.ro, 'on', target);
        if (target !== url) assert.equal(shown.rows[0]?.path, 'public');
        await assert.rejects(client.query("DELETE FROM workflow_execution WHERE id = 'x'"), {
          code: '25006',
        });
      } finally {
        await client.end();
      }
    }
  });
});
