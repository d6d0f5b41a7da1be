// Analyzer benchmark (Node): every figure is a ratio against a baseline measured in the same run.
// (a) analyzing all of @medusajs/core-flows' dist/ vs parsing the same files with
//     ts.createSourceFile alone; (b) re-analysis after a one-character edit in a 500-line
//     workflow file, beside that file's own parse time; (c) the language server's resident memory
//     after indexing core-flows, beside an idle server's; (d) the cold paths (bench/cold-server.mjs):
//     first lens/diagnostics of a file opened in a fresh server, small vs many-app workspace, with
//     and without the disk cache, memory, quiet and with both cores busy. Usage: npm run bench:analyzer
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { measureColdServer, printColdServer } from './cold-server.mjs';
import { measureServerMemory, printServerMemory } from './server-memory.mjs';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const bundle = join(root, 'out/bench/analysis.js');
await esbuild.build({
  entryPoints: [join(root, 'server/src/analysis/index.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['typescript'],
  logLevel: 'warning',
});
const { createAnalyzer } = require(bundle);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
// The machine may be shared: CPU time of this process is steadier than wall time under load.
const cpuTime = (fn) => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

// (a) core-flows dist: texts read once, so neither side pays for disk I/O.
const dist = join(root, 'node_modules/@medusajs/core-flows/dist');
const list = (d) =>
  readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? list(p) : p.endsWith('.js') ? [p] : [];
  });
const files = list(dist);
const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
const memoryHost = {
  readFile: (p) =>
    texts.get(p) ??
    (statSync(p, { throwIfNoEntry: false })?.isFile() ? readFileSync(p, 'utf8') : undefined),
  fileExists: (p) => texts.has(p) || !!statSync(p, { throwIfNoEntry: false })?.isFile(),
};
// The floor keeps the trees it parses, as any analysis across files must.
let kept = [];
const parseAll = () => {
  kept = [];
  for (const [f, t] of texts) kept.push(ts.createSourceFile(f, t, ts.ScriptTarget.Latest));
};
const parseDiscard = () => {
  for (const [f, t] of texts) ts.createSourceFile(f, t, ts.ScriptTarget.Latest);
};
let workflows = 0;
const analyzeAll = () => {
  workflows = createAnalyzer(memoryHost).analyze(files).workflows.length;
};
parseAll();
analyzeAll();
const parseTimes = [];
const analyzeTimes = [];
const parseCpu = [];
const analyzeCpu = [];
const discardCpu = [];
for (let i = 0; i < 7; i++) {
  discardCpu.push(cpuTime(parseDiscard));
  parseTimes.push(time(parseAll));
  analyzeTimes.push(time(analyzeAll));
  parseCpu.push(cpuTime(parseAll));
  analyzeCpu.push(cpuTime(analyzeAll));
}
const floor = median(parseTimes);
const full = median(analyzeTimes);
console.log(
  `(a) core-flows dist: ${files.length} files, ${workflows} workflows (medians of 7, interleaved)`,
);
console.log(
  `    parse only (ts.createSourceFile, trees kept): ${floor.toFixed(0)} ms wall, ${median(parseCpu).toFixed(0)} ms CPU`,
);
console.log(
  `    full analysis (fresh analyzer):              ${full.toFixed(0)} ms wall, ${median(analyzeCpu).toFixed(0)} ms CPU`,
);
console.log(
  `    ratio: ${(full / floor).toFixed(2)}x wall, ${(median(analyzeCpu) / median(parseCpu)).toFixed(2)}x CPU the parse floor (target: within 3x)`,
);
console.log(
  `    (parsing and dropping each tree: ${median(discardCpu).toFixed(0)} ms CPU; analysis is ${(median(analyzeCpu) / median(discardCpu)).toFixed(2)}x that)`,
);

// (b) one-character edits in a 500-line workflow file, re-analyzed through a warm analyzer.
const bigFile = join(root, 'test/fixtures/analysis/perf/large-workflow.ts');
const bigText = readFileSync(bigFile, 'utf8');
const analyzer = createAnalyzer();
analyzer.setFile(bigFile, bigText);
analyzer.analyze([bigFile]);
const editAt = bigText.indexOf("'fulfil-order-4'") + 1;
const edits = [];
const parseBig = [];
// The server is long-running: 100 edits warm the JIT up, the next 100 are measured.
for (let i = 0; i < 200; i++) {
  const text =
    bigText.slice(0, editAt) + String.fromCharCode(97 + (i % 26)) + bigText.slice(editAt);
  const edit = time(() => {
    analyzer.setFile(bigFile, text);
    analyzer.analyze([bigFile]);
  });
  const parse = time(() => ts.createSourceFile(bigFile, text, ts.ScriptTarget.Latest));
  if (i >= 100) {
    edits.push(edit);
    parseBig.push(parse);
  }
}
const lines = bigText.split('\n').length;
console.log(
  `(b) one-character edit in a ${lines}-line workflow file (100 measured after 100 warm-up edits):`,
);
console.log(`    re-analysis median: ${median(edits).toFixed(2)} ms (target: under 15 ms)`);
console.log(`    parse of that file: ${median(parseBig).toFixed(2)} ms (ts.createSourceFile)`);
console.log(`    ratio: ${(median(edits) / median(parseBig)).toFixed(2)}x its parse time`);

// (c) needs the built server (npm run bench:analyzer builds first).
process.stdout.write('(c) ');
if (!printServerMemory(await measureServerMemory())) process.exitCode = 1;

// (d) cold paths of the language server (first answers on a fresh server, second window, memory).
console.log(
  '(d) fresh language server: first lens and diagnostics of the opened file (medians of 3)',
);
if (!printColdServer(await measureColdServer())) process.exitCode = 1;
