// Test driver (Node): runs each suite in its own process against the built bundles and prints
// one closing line "tests: N passed, N failed", after a recap of every failure (mocha's own failure
// reports, repeated last so a log's tail names them). Usage: node scripts/test.mjs [suite ...]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const suites = ['unit', 'conformance', 'server', 'debug-adapter', 'app', 'e2e'];
const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : suites;

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      out += d.toString();
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function count(out, word) {
  const all = [...out.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
  return all.reduce((n, m) => n + Number(m[1]), 0);
}

// The fixture Medusa app's Postgres (scripts/pg.mjs): started, when setup installed the app, for
// the suites that debug it. Idempotent; it stays up for the next run.
if (
  wanted.some((s) => s !== 'server') &&
  existsSync('examples/medusa-app/node_modules/.bin/medusa')
) {
  const pg = await run(process.execPath, ['scripts/pg.mjs', 'start']);
  if (pg.code !== 0) {
    console.error("tests: the fixture app's Postgres did not start (node scripts/pg.mjs start)");
    process.exit(1);
  }
}

// Mocha's failure reports: everything from its "N failing" line to the end of its output.
function failures(out) {
  const at = out.search(/^\s*\d+ failing\b/m);
  return at < 0 ? '' : out.slice(at).trim();
}

let passed = 0;
let failed = 0;
const recap = [];
for (const suite of wanted) {
  if (!suites.includes(suite)) {
    console.error(`unknown suite ${suite}; known: ${suites.join(', ')}`);
    process.exit(2);
  }
  let result;
  if (suite === 'e2e') {
    if (!existsSync('out/test/e2e/index.js')) continue;
    result = await run(process.execPath, ['scripts/e2e.mjs']);
  } else {
    const list = files(join('out/test', suite));
    if (list.length === 0) continue;
    console.log(`\n=== ${suite} (${list.length} files) ===`);
    const mocha = join('node_modules', 'mocha', 'bin', 'mocha.js');
    result = await run(process.execPath, [
      mocha,
      '--timeout',
      '20000',
      '--reporter',
      'spec',
      ...list,
    ]);
  }
  const p = count(result.out, 'passing');
  const f = count(result.out, 'failing');
  passed += p;
  failed += f;
  if (result.code !== 0 && f === 0) failed += 1;
  if (result.code !== 0) {
    const report = failures(result.out) || `exited with code ${result.code} and no failing test`;
    const lines = report.split('\n');
    const shown =
      lines.length > 60 ? [...lines.slice(0, 60), `... ${lines.length - 60} more lines`] : lines;
    recap.push(`--- ${suite} ---`, ...shown);
  }
  console.log(`${suite}: ${p} passed, ${f} failed`);
}
if (recap.length > 0) console.log(`\n=== failures ===\n${recap.join('\n')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
