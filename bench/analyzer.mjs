// Analyzer benchmark (Node): every figure is a ratio against a baseline measured in the same run.
// (a) analyzing all of @medusajs/core-flows' dist/ vs parsing the same files with
//     ts.createSourceFile alone; (b) re-analysis after a one-character edit in a 500-line
//     workflow file, beside that file's own parse time. Usage: npm run bench:analyzer
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';

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
  readFile: (p) => texts.get(p) ?? (statSync(p, { throwIfNoEntry: false })?.isFile() ? readFileSync(p, 'utf8') : undefined),
  fileExists: (p) => texts.has(p) || !!statSync(p, { throwIfNoEntry: false })?.isFile(),
};
const parseAll = () => {
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
for (let i = 0; i < 5; i++) {
  parseTimes.push(time(parseAll));
  analyzeTimes.push(time(analyzeAll));
}
const floor = median(parseTimes);
const full = median(analyzeTimes);
console.log(`(a) core-flows dist: ${files.length} files, ${workflows} workflows`);
console.log(`    parse only (ts.createSourceFile): ${floor.toFixed(0)} ms (median of 5)`);
console.log(`    full analysis:                    ${full.toFixed(0)} ms (median of 5)`);
console.log(`    ratio: ${(full / floor).toFixed(2)}x the parse floor (target: within 3x)`);

// (b) one-character edits in a 500-line workflow file, re-analyzed through a warm analyzer.
const bigFile = join(root, 'test/fixtures/analysis/perf/large-workflow.ts');
const bigText = readFileSync(bigFile, 'utf8');
const analyzer = createAnalyzer();
analyzer.setFile(bigFile, bigText);
analyzer.analyze([bigFile]);
const editAt = bigText.indexOf("'fulfil-order-4'") + 1;
const edits = [];
for (let i = 0; i < 60; i++) {
  const text = bigText.slice(0, editAt) + String.fromCharCode(97 + (i % 26)) + bigText.slice(editAt);
  edits.push(
    time(() => {
      analyzer.setFile(bigFile, text);
      analyzer.analyze([bigFile]);
    }),
  );
}
const parseBig = [];
for (let i = 0; i < 60; i++) parseBig.push(time(() => ts.createSourceFile(bigFile, bigText + ' '.repeat(i % 2), ts.ScriptTarget.Latest)));
const lines = bigText.split('\n').length;
console.log(`(b) one-character edit in a ${lines}-line workflow file (60 edits):`);
console.log(`    re-analysis median: ${median(edits.slice(10)).toFixed(2)} ms (target: under 15 ms)`);
console.log(`    parse of that file: ${median(parseBig.slice(10)).toFixed(2)} ms (ts.createSourceFile)`);
console.log(`    ratio: ${(median(edits.slice(10)) / median(parseBig.slice(10))).toFixed(2)}x its parse time`);
