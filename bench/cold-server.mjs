// Benchmark module (Node), imported by bench/analyzer.mjs: the language server's cold paths. A
// fresh server process per run: open one workflow file right after `initialized` and time the
// first code lens and the first diagnostics of that file, on a small workspace (examples/) and on
// a many-app one (medusajs/examples as one folder), with no disk cache and then with the cache a
// previous run wrote (a second window); resident memory once all of it, core-flows included, is
// indexed. Each run quiet and with both cores busy (a CPU hog this module starts and stops).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'dist', 'server.js');
export const corpusDir =
  process.env.MEDUSA_CORPUS ?? join(root, '.vscode-test', 'corpus', 'medusa-examples');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU time the process has used (user + system), from /proc. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function rssMb(pid) {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The corpus apps import `@medusajs/medusa/core-flows`, which only re-exports
 * `@medusajs/core-flows` (installed here); a two-file stand-in beside the corpus resolves it. */
export function ensureMedusaShim(corpus) {
  const pkg = join(dirname(corpus), 'node_modules', '@medusajs', 'medusa');
  if (existsSync(join(pkg, 'package.json'))) return;
  mkdirSync(join(pkg, 'dist', 'core-flows'), { recursive: true });
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: '@medusajs/medusa',
      version: '2.21.2',
      exports: { './core-flows': './dist/core-flows/index.js' },
      dependencies: { '@medusajs/core-flows': '2.21.2' },
    }),
  );
  writeFileSync(
    join(pkg, 'dist', 'core-flows', 'index.js'),
    [
      '"use strict";',
      'var __exportStar = (this && this.__exportStar) || function (m, exports) {',
      '  for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) exports[p] = m[p];',
      '};',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      '__exportStar(require("@medusajs/core-flows"), exports);',
      '',
    ].join('\n'),
  );
}

/** Both cores busy until stop(): one spinning process per core. */
export function startHog() {
  const hogs = cpus().map(() =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  return () => hogs.forEach((h) => h.kill());
}

/** One fresh server: times from spawn and from didOpen to the first lens and diagnostics. */
export async function coldRun(folder, file, cacheDir) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [server, '--stdio'], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const conn = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const uri = pathToFileURL(file).href;
  let diagnosticsAt;
  const firstDiagnostics = new Promise((resolve) =>
    conn.onNotification('textDocument/publishDiagnostics', (p) => {
      if (p.uri === uri && diagnosticsAt === undefined) {
        diagnosticsAt = performance.now();
        resolve();
      }
    }),
  );
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('$/progress', () => undefined);
  conn.listen();
  const folderUri = pathToFileURL(folder).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: 'bench' }],
    initializationOptions: cacheDir ? { cacheDir, extensionVersion: 'bench' } : {},
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true } },
  });
  const initializedAt = performance.now();
  await conn.sendNotification('initialized', {});
  const opened = performance.now();
  await conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'typescript', version: 1, text: readFileSync(file, 'utf8') },
  });
  const lenses = await conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  const lensAt = performance.now();
  const lensCpu = cpuMs(child.pid);
  await firstDiagnostics;
  await conn.sendRequest('medusaWorkflows/listWorkflows', {});
  const indexedAt = performance.now();
  const rss = rssMb(child.pid);
  await conn.sendRequest('medusaWorkflows/listWorkflows', { includeExternal: true });
  const rssAll = rssMb(child.pid);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  return {
    startMs: initializedAt - t0,
    lensMs: lensAt - opened,
    lenses: lenses.length,
    lensCpuMs: lensCpu,
    diagnosticsMs: diagnosticsAt - opened,
    indexedMs: indexedAt - opened,
    rssMb: rss,
    rssAllMb: rssAll,
  };
}

function summarize(runs) {
  const pick = (k) => median(runs.map((r) => r[k]));
  return {
    startMs: pick('startMs'),
    lensMs: pick('lensMs'),
    diagnosticsMs: pick('diagnosticsMs'),
    indexedMs: pick('indexedMs'),
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
    rssAllMb: Math.max(...runs.map((r) => r.rssAllMb)),
    lensCpuMs: pick('lensCpuMs'),
    lenses: runs[0].lenses,
  };
}

/** One line per run on stderr, so that a slow run on a busy machine shows where it is. */
function progress(label, cold, warm) {
  const f = (r) =>
    `lens ${r.lensMs.toFixed(0)} ms, diagnostics ${r.diagnosticsMs.toFixed(0)} ms, indexed ${r.indexedMs.toFixed(0)} ms`;
  console.error(`    ${label}: cold ${f(cold)}; warm ${f(warm)}`);
}

/** Runs every scenario `n` times (medians), quiet then with the hog. */
export async function measureColdServer(n = 3) {
  if (!existsSync(server)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const workspaces = [
    { label: 'examples/', folder: join(root, 'examples'), file: 'src/workflows/create-order.ts' },
  ];
  if (existsSync(corpusDir)) {
    ensureMedusaShim(corpusDir);
    // The same file opened in a workspace of one app, then of every app of the corpus.
    const file = 'src/workflows/apply-loyalty-on-cart.ts';
    const app = join(corpusDir, 'loyalty-points');
    workspaces.push({ label: 'one app (loyalty-points)', folder: app, file, base: true });
    workspaces.push({
      label: 'all apps (medusajs/examples)',
      folder: corpusDir,
      file: `loyalty-points/${file}`,
      many: true,
    });
  }
  const out = [];
  for (const load of ['quiet', 'busy']) {
    const stop = load === 'busy' ? startHog() : () => undefined;
    try {
      for (const w of workspaces) {
        const file = join(w.folder, w.file);
        const cold = [];
        const warm = [];
        for (let i = 0; i < n; i++) {
          const cacheDir = mkdtempSync(join(tmpdir(), 'mw-bench-cache-'));
          try {
            cold.push(await coldRun(w.folder, file, cacheDir));
            warm.push(await coldRun(w.folder, file, cacheDir)); // the second window
            progress(`${w.label}, ${load}, run ${i + 1}`, cold.at(-1), warm.at(-1));
          } finally {
            rmSync(cacheDir, { recursive: true, force: true });
          }
        }
        out.push({ ...w, load, cold: summarize(cold), warm: summarize(warm) });
      }
    } finally {
      stop();
    }
  }
  return { results: out, corpus: existsSync(corpusDir) ? corpusDir : undefined };
}

/** Prints the figures; returns whether the targets were met. */
export function printColdServer({ results, corpus }) {
  const ms = (x) => `${x.toFixed(0)} ms`;
  let ok = true;
  for (const load of ['quiet', 'busy']) {
    const rows = results.filter((r) => r.load === load);
    console.log(`  ${load === 'quiet' ? 'quiet machine' : 'both cores busy (CPU hog)'}:`);
    for (const r of rows) {
      for (const [kind, f] of [
        ['cold', r.cold],
        ['warm (disk cache)', r.warm],
      ]) {
        const under = f.lensMs <= 1500 && f.diagnosticsMs <= 1500;
        ok &&= under;
        console.log(
          `    ${r.label}, ${kind}: first lens ${ms(f.lensMs)} (${f.lenses} lenses), first diagnostics ${ms(f.diagnosticsMs)} after didOpen ` +
            `(${under ? 'under' : 'OVER'} 1.5 s; server CPU by then ${ms(f.lensCpuMs)}, start to initialize ${ms(f.startMs)}); all indexed ${ms(f.indexedMs)} after didOpen`,
        );
      }
    }
    const small = rows.find((r) => r.base);
    const many = rows.find((r) => r.many);
    if (small && many) {
      const ratio = many.cold.lensMs / small.cold.lensMs;
      const cpuRatio = many.cold.lensCpuMs / small.cold.lensCpuMs;
      ok &&= ratio <= 2 && many.cold.rssAllMb < 400;
      console.log(
        `    all apps vs one app, same file, cold first lens: ${ratio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x server CPU (target: within 2x); ` +
          `memory after indexing all apps: ${many.cold.rssMb.toFixed(0)} MB, with core-flows ${many.cold.rssAllMb.toFixed(0)} MB (target: < 400 MB)`,
      );
    }
  }
  if (!corpus)
    console.log(
      `  (no many-app workspace: clone medusajs/examples into ${corpusDir} or set MEDUSA_CORPUS)`,
    );
  return ok;
}
