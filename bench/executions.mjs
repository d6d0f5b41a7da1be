// Executions benchmark (Node ESM): the newest 100 of 100,000 stored executions through the
// executions reader (openExecutionStore(...).list) vs the bare SQL query of the same page on the
// same connection settings, in one run; prints milliseconds and the ratio (target: within 2x).
// The rows are copies (new ids, transaction ids and times) of the rows the real Medusa engine
// wrote (scripts/executions-fixture.mjs), in a database this bench creates and drops. Only the
// indexes of Medusa's own migration exist (none on created_at): the user's table is not ours.
// Builds engine/src/executions/reader.ts with esbuild into out/bench/executions.cjs.
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import pg from 'pg';
import { copyFixture, dropDatabase, FIXTURE_DATABASE } from '../scripts/executions-fixture.mjs';

const require = createRequire(import.meta.url);
const ROWS = Number(process.env.BENCH_ROWS ?? 100000);
const ROUNDS = process.argv.includes('--quick') ? 5 : 30;
const BENCH_DB = `${FIXTURE_DATABASE}_bench`;

await build({
  entryPoints: ['engine/src/executions/reader.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: 'out/bench/executions.cjs',
  logLevel: 'warning',
  external: ['pg'],
});
const { openExecutionStore, readOnlyPoolConfig } = require('../out/bench/executions.cjs');

const url = await copyFixture(BENCH_DB);
try {
  const writer = new pg.Client({ connectionString: url });
  await writer.connect();
  const t0 = performance.now();
  const { rows } = await writer.query('SELECT count(*)::int AS n FROM workflow_execution');
  const real = rows[0].n;
  // Each copy gets new ids and an older created_at: one second apart, newest first.
  await writer.query(
    `INSERT INTO workflow_execution
       (id, workflow_id, transaction_id, run_id, execution, context, state, retention_time,
        created_at, updated_at)
     SELECT 'wf_exec_bench_' || g, w.workflow_id, w.transaction_id || '-' || g, w.run_id || '-' || g,
            w.execution, w.context, w.state, w.retention_time,
            w.created_at - make_interval(secs => g), w.updated_at - make_interval(secs => g)
     FROM generate_series(1, $1::int) g
     JOIN (SELECT *, row_number() OVER (ORDER BY id) - 1 AS k FROM workflow_execution) w
       ON w.k = g % $2::int`,
    [ROWS - real, real],
  );
  await writer.query('VACUUM ANALYZE workflow_execution');
  await writer.end();
  console.log(
    `rows: ${ROWS} (${real} written by Medusa, the rest copies), built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const bare = new pg.Client(readOnlyPoolConfig(url));
  await bare.connect();
  const store = openExecutionStore(url);
  const bareQuery = () =>
    bare.query(
      `SELECT id, workflow_id, transaction_id, run_id, state, created_at, updated_at
       FROM workflow_execution WHERE deleted_at IS NULL
       ORDER BY created_at DESC, id DESC LIMIT 100`,
    );
  const storeQuery = () => store.list({ limit: 100 });

  // Same answer first: the bench measures the same page.
  const [a, b] = [(await bareQuery()).rows, (await storeQuery()).items];
  if (a.length !== 100 || a.map((r) => r.id).join() !== b.map((i) => i.id).join()) {
    throw new Error('the store and the bare query disagree on the newest 100');
  }
  const times = { bare: [], store: [] };
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate which goes first, so neither always meets a warmer cache.
    const order = i % 2 === 0 ? ['bare', 'store'] : ['store', 'bare'];
    for (const which of order) {
      const start = performance.now();
      await (which === 'bare' ? bareQuery() : storeQuery());
      times[which].push(performance.now() - start);
    }
  }
  await store.close();
  await bare.end();
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const [mb, ms] = [median(times.bare), median(times.store)];
  console.log(`newest 100, bare SQL:      ${mb.toFixed(2)} ms (median of ${ROUNDS})`);
  console.log(`newest 100, store.list():  ${ms.toFixed(2)} ms (median of ${ROUNDS})`);
  console.log(`ratio store/bare: ${(ms / mb).toFixed(2)}x (target <= 2x)`);
} finally {
  await dropDatabase(BENCH_DB);
}
