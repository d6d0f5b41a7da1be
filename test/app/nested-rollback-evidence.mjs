// Evidence script (Node, run by hand: `node test/app/nested-rollback-evidence.mjs` after
// `npm run build` and `npm run setup`); not a suite file: it exits 1 while our engine and the
// app disagree. The fixture's create-branded-product runs createProductsWorkflow as a nested
// step (runAsStep). Two cases, each run through the app's own workflow engine (`medusa exec`,
// workflow-engine-inmemory) and on our engine (`medusa-workflows run --container app`), against
// the same Postgres: `parent-fails` (update-brand, the last step, fails after the child
// finished) and `child-fails` (the child's create-products fails on a duplicate handle).
// Printed per case: end state, invoke and compensation errors, and how many product rows with
// that title remain. It writes to a database of its own (`pg.mjs fresh`), never to medusa_app.
// Observed on 2.21.2 (2026-12-04, rerun with compensation errors): both cases SAME.
// parent-fails: both reverted, the child's product deleted. child-fails: both end failed with the
// as-step's invoke error AND its compensation error "Transaction create-products-as-step-<id>
// could not be found.": the app's workflow-engine-inmemory keeps no transaction of a synchronous
// child (it is not `store`d), so the real app throws exactly as the bare SDK and our engine do.
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const app = join(root, 'examples/medusa-app');
const pg = (...args) =>
  execFileSync(process.execPath, [join(root, 'scripts/pg.mjs'), ...args], {
    encoding: 'utf8',
  }).trim();
// A database of its own (a copy of the migrated template): the shared medusa_app stays as it is.
const url = pg('fresh', 'nested_rollback_evidence');
const env = {
  ...process.env,
  NODE_OPTIONS: '',
  MEDUSA_DISABLE_TELEMETRY: 'true',
  DATABASE_URL: url,
};
const rows = (title) =>
  Number(
    execFileSync('psql', [url, '-tAc', `SELECT count(*) FROM product WHERE title = '${title}'`], {
      encoding: 'utf8',
    }).trim(),
  );

function medusaExec(title, mode) {
  const r = spawnSync(
    join(app, 'node_modules/.bin/medusa'),
    ['exec', './src/scripts/nested-rollback.ts', title, mode],
    { cwd: app, env, encoding: 'utf8' },
  );
  const line = r.stdout.split('\n').find((l) => l.startsWith('NESTED_ROLLBACK '));
  if (mode !== 'seed' && !line) throw new Error(`medusa exec failed:\n${r.stdout}\n${r.stderr}`);
  return line && JSON.parse(line.slice('NESTED_ROLLBACK '.length));
}

function ours(title) {
  const input = JSON.stringify({ brandId: 'brand_does_not_exist', title });
  const r = spawnSync(
    process.execPath,
    [join(root, 'dist/cli.js'), 'run', 'src/workflows/create-branded-product.ts'].concat([
      '--container',
      'app',
      '--trace',
      'jsonl',
      '--input',
      input,
    ]),
    { cwd: app, env, encoding: 'utf8' },
  );
  const end = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((l) => l.type === 'run.end')
    .at(-1);
  const shape = (list) =>
    (list ?? []).map((e) => ({ action: e.step, handlerType: e.action, message: e.message }));
  return {
    state: end?.state,
    errors: shape(end?.errors),
    compensationErrors: shape(end?.compensationErrors),
  };
}

let differ = 0;
for (const mode of ['parent-fails', 'child-fails']) {
  const appTitle = `Probe ${mode} app`;
  const ourTitle = `Probe ${mode} ours`;
  const theirs = { ...medusaExec(appTitle, mode), productRows: rows(appTitle) };
  delete theirs.products;
  if (mode === 'child-fails') medusaExec(ourTitle, 'seed');
  const mine = { ...ours(ourTitle), productRows: rows(ourTitle) };
  const where = (r) =>
    JSON.stringify(r.errors.concat(r.compensationErrors).map((e) => [e.action, e.handlerType]));
  const same =
    theirs.state === mine.state &&
    theirs.productRows === mine.productRows &&
    where(theirs) === where(mine);
  if (!same) differ++;
  console.log(`${mode}: ${same ? 'SAME' : 'DIFFERENT'}`);
  console.log(`  app  (workflow-engine-inmemory): ${JSON.stringify(theirs)}`);
  console.log(`  ours (run --container app):      ${JSON.stringify(mine)}`);
}
process.exit(differ > 0 ? 1 : 0);
