// Evidence script (Node, run by hand: `node test/app/nested-rollback-evidence.mjs` after
// `npm run build` and `npm run setup`); not a suite file, because it fails until the engine
// matches the app. It runs the fixture's create-branded-product with a brand id that does not
// exist (update-brand, the last step, fails after the nested createProductsWorkflow finished)
// twice against the same Postgres: through the app's own workflow engine (`medusa exec`, i.e.
// workflow-engine-inmemory) and on our engine (`medusa-workflows run --container app`). It
// prints both outcomes and exits 1 while they differ. Wire it in as an app-suite test once
// engine/src/runtime rolls a `runAsStep` child back the way the app's workflow engine does.
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const app = join(root, 'examples/medusa-app');
const env = { ...process.env, NODE_OPTIONS: '', MEDUSA_DISABLE_TELEMETRY: 'true' };
execFileSync(process.execPath, [join(root, 'scripts/pg.mjs'), 'reset'], { stdio: 'inherit' });

function psql(sql) {
  const url = execFileSync(process.execPath, [join(root, 'scripts/pg.mjs'), 'url'], {
    encoding: 'utf8',
  }).trim();
  return execFileSync('psql', [url, '-tAc', sql], { encoding: 'utf8' }).trim();
}

// 1. The app's runtime.
const real = spawnSync(
  join(app, 'node_modules/.bin/medusa'),
  ['exec', './src/scripts/nested-rollback.ts', 'Nested Probe App'],
  { cwd: app, env, encoding: 'utf8' },
);
const line = real.stdout.split('\n').find((l) => l.startsWith('NESTED_ROLLBACK '));
if (!line) {
  console.error(real.stdout, real.stderr);
  process.exit(2);
}
const app_ = JSON.parse(line.slice('NESTED_ROLLBACK '.length));
app_.productRows = Number(psql("SELECT count(*) FROM product WHERE title = 'Nested Probe App'"));

// 2. Our engine, same app container, same input.
const ours = spawnSync(
  process.execPath,
  [
    join(root, 'dist/cli.js'),
    'run',
    'src/workflows/create-branded-product.ts',
    '--container',
    'app',
    '--trace',
    'jsonl',
    '--input',
    JSON.stringify({ brandId: 'brand_does_not_exist', title: 'Nested Probe Ours' }),
  ],
  { cwd: app, env, encoding: 'utf8' },
);
const trace = ours.stdout
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const end = trace.find((l) => l.type === 'run.end' && !l.parent) ?? trace.at(-1);
const ours_ = {
  state: end?.state,
  errors: (end?.errors ?? []).map((e) => ({
    action: e.step,
    handlerType: e.action,
    message: e.message,
  })),
  productRows: Number(psql("SELECT count(*) FROM product WHERE title = 'Nested Probe Ours'")),
};

console.log('app (workflow-engine-inmemory):', JSON.stringify(app_));
console.log('ours (medusa-workflows run --container app):', JSON.stringify(ours_));
const same = app_.state === ours_.state && app_.productRows === ours_.productRows;
console.log(
  same
    ? 'SAME outcome'
    : 'DIFFERENT outcome: the nested child is not rolled back like the app does',
);
process.exit(same ? 0 : 1);
