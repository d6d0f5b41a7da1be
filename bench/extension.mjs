// `npm run bench:extension` (Node): the extension in a real VS Code (code-server + Chromium, as
// the e2e suite), each figure beside a baseline from the same run: fresh-window first code lens and
// diagnostics against VS Code's TypeScript server's first answer (examples/, and one app vs all apps
// of medusajs/examples when that corpus is there, see bench/cold-server.mjs), activation against the
// language server alone, Preview to a drawn graph in a new view against a bare webview, edits, and
// the .vsix size. Every VS Code figure quiet and with both cores busy (CPU hogs started here).
// Flags: --quiet-only, --busy-only, --runs N (fresh windows per workspace, median; default 1),
// --no-corpus (or MEDUSA_BENCH_SKIP_CORPUS=1). Exits 1 when a target is missed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir, ensureMedusaShim } from './cold-server.mjs';
import { printLoad } from './extensionReport.mjs';
import { machineNote, withCpuHogs } from './load.mjs';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vsix = join(root, 'dist/medusa-workflows.vsix');
const { values: flags } = parseArgs({
  options: {
    'quiet-only': { type: 'boolean' },
    'busy-only': { type: 'boolean' },
    'no-corpus': { type: 'boolean' },
    runs: { type: 'string', default: '1' },
  },
});
const runs = Math.max(1, Number(flags.runs) || 1);
const loads = flags['quiet-only'] ? ['quiet'] : flags['busy-only'] ? ['busy'] : ['quiet', 'busy'];
const withCorpus =
  existsSync(corpusDir) && !flags['no-corpus'] && !process.env.MEDUSA_BENCH_SKIP_CORPUS;

function packageVsix() {
  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', vsix], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vsce package failed:\n${r.stdout}\n${r.stderr}`);
  const listed = spawnSync('unzip', ['-l', vsix], { encoding: 'utf8' }).stdout;
  const raw = Number(/\n\s*(\d+)\s+\d+ files?\s*$/.exec(listed)?.[1] ?? NaN);
  return { size: statSync(vsix).size, raw };
}

/** One fresh code-server window running test/e2e/bench; its `BENCH` records. */
function runInVsCode(extraEnv = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts/e2e.mjs')], {
      cwd: root,
      env: {
        // The examples run draws about 30 graphs: a busy machine makes it take minutes.
        MEDUSA_E2E_TIMEOUT_MS: String(25 * 60_000),
        ...process.env,
        MEDUSA_E2E_TESTS: 'out/test/e2e/bench/index.js',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    child.on('close', (code) => {
      const records = [...out.matchAll(/^BENCH (.*)$/gm)].map((m) => JSON.parse(m[1]));
      if (code !== 0 && records.length === 0)
        reject(new Error(`the VS Code run failed:\n${out.slice(-3000)}`));
      else resolvePromise(records);
    });
  });
}

const progress = (what) => console.error(`[bench:extension] ${what} (${machineNote()})`);
const coldOnly = (folder, file) =>
  runInVsCode({
    MEDUSA_E2E_FOLDER: folder,
    MEDUSA_BENCH_COLD_ONLY: '1',
    ...(file ? { MEDUSA_BENCH_COLD_FILE: file } : {}),
  });

/** Every VS Code run of one load: the examples window (all figures), then `runs - 1` more fresh
 * examples windows and `runs` one-app / all-apps windows, interleaved. */
async function measure(load) {
  const note = machineNote();
  progress(`${load}: examples/ window`);
  const records = await runInVsCode();
  const examplesCold = records.filter((r) => r.kind === 'cold');
  const oneApp = [];
  const allApps = [];
  const file = 'src/workflows/apply-loyalty-on-cart.ts';
  for (let i = 0; i < runs; i++) {
    if (i > 0) {
      progress(`${load}: examples/ fresh window ${i + 1}`);
      examplesCold.push(...(await runInVsCode({ MEDUSA_BENCH_COLD_ONLY: '1' })));
    }
    if (!withCorpus) continue;
    progress(`${load}: one app, fresh window ${i + 1}`);
    oneApp.push(...(await coldOnly(join(corpusDir, 'loyalty-points'), file)));
    progress(`${load}: all apps, fresh window ${i + 1}`);
    allApps.push(...(await coldOnly(corpusDir, `loyalty-points/${file}`)));
  }
  return { records, examplesCold, oneApp, allApps, note };
}

if (!existsSync(join(root, 'out/test/e2e/bench/index.js'))) {
  console.error('run npm run build first');
  process.exit(2);
}
if (withCorpus) ensureMedusaShim(corpusDir);
else console.log(`(no many-app workspace: see bench/cold-server.mjs; looked in ${corpusDir})`);
const started = performance.now();
const verdicts = [];
for (const load of loads) {
  const got = load === 'busy' ? await withCpuHogs(() => measure(load)) : await measure(load);
  verdicts.push(...printLoad(load, got));
}
const { size, raw } = packageVsix();
const small = size < 5 * 1024 * 1024;
console.log(
  `vsix: ${(size / 1024 / 1024).toFixed(2)} MB (target < 5 MB: ${small ? 'PASS' : 'MISS'}; ` +
    `contents ${(raw / 1024 / 1024).toFixed(2)} MB unpacked)`,
);
const missed = verdicts.filter((v) => v === 'MISS').length + (small ? 0 : 1);
console.log(
  `${missed === 0 ? 'all targets PASS' : `${missed} of ${verdicts.length + 1} targets MISS`} ` +
    `(${((performance.now() - started) / 60_000).toFixed(1)} min)`,
);
process.exitCode = missed === 0 ? 0 : 1;
