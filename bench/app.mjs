// App-container benchmark (Node), against the built dist/debugAdapter.js and the fixture Medusa
// app (examples/medusa-app, its Postgres from scripts/pg.mjs): launch request to the first
// `stopped` event of create-brand with `"container": "app"` (stopOnEntry), beside `medusa exec`
// of an empty script in the same app (Medusa's own boot, the floor), alternated in the same run.
// Target: within 1.3x. Usage: npm run bench:app [runs]
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const root = resolve(import.meta.dirname, '..');
const app = join(root, 'examples', 'medusa-app');
const adapter = join(root, 'dist', 'debugAdapter.js');
const runs = Number(process.argv[2] ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (x) => `${(x / 1000).toFixed(1)} s`;

execFileSync(process.execPath, [join(root, 'scripts', 'pg.mjs'), 'start'], { stdio: 'inherit' });

function medusaExec() {
  const t0 = performance.now();
  const r = spawnSync(
    join(app, 'node_modules', '.bin', 'medusa'),
    ['exec', './src/scripts/empty.ts'],
    {
      cwd: app,
      stdio: 'ignore',
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: 'true' },
    },
  );
  if (r.status !== 0) throw new Error(`medusa exec exited ${r.status}`);
  return performance.now() - t0;
}

async function launchToStop(i) {
  const dc = new DebugClient('node', adapter, 'medusa-workflow');
  dc.defaultTimeout = 300000;
  await dc.start();
  try {
    await dc.initializeRequest({ adapterID: 'medusa-workflow', pathFormat: 'path' });
    const stopped = dc.waitForEvent('stopped');
    const configured = dc.waitForEvent('initialized').then(() => dc.configurationDoneRequest());
    const t0 = performance.now();
    await Promise.all([
      configured,
      dc.launchRequest({
        program: join(app, 'src', 'workflows', 'create-brand.ts'),
        workflow: 'create-brand',
        input: { name: `Bench ${process.pid} ${i}` },
        container: 'app',
        cwd: app,
        stopOnEntry: true,
      }),
    ]);
    await stopped;
    return performance.now() - t0;
  } finally {
    await dc.stop();
  }
}

// One warm-up of each (ts-node and transpile caches, page cache), then alternate.
medusaExec();
await launchToStop(0);
const exec = [];
const debug = [];
for (let i = 1; i <= runs; i++) {
  exec.push(medusaExec());
  debug.push(await launchToStop(i));
}
const ratio = median(debug) / median(exec);
console.log(`medusa exec of an empty script (median of ${runs}): ${s(median(exec))}`);
console.log(`launch to first stop, "container": "app" (median of ${runs}): ${s(median(debug))}`);
console.log(`ratio: ${ratio.toFixed(2)}x (target <= 1.3x)`);
