// "debugStepCode" figures of `npm run bench:debug` (Node; alone: node bench/debugStepCode.mjs):
// runs test/e2e/benchStepCode inside VS Code (code-server + Chromium, as the e2e suite), quiet and
// then with every core busy, and prints launch to the first stop with the JavaScript child session
// against the same launch without it (target within 2x), and Step Over on the lines of a handler
// (target < 50 ms) beside the same lines under a plain js-debug session, both in the same run.
// Each F10 waits until the views have loaded the last stop, as a user reading the line does;
// `--rapid` presses it as soon as the line is shown (both kinds of session alike).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machineNote, median, percentile, withCpuHogs } from './load.mjs';

const root = resolve(import.meta.dirname, '..');
const entry = 'out/test/e2e/benchStepCode/index.js';
const rapid = process.argv.includes('--rapid');

function runInVsCode() {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'scripts/e2e.mjs')], {
      cwd: root,
      // A busy machine makes the hundreds of steps slow: more than the suite's 8 minutes.
      env: {
        MEDUSA_E2E_TIMEOUT_MS: String(40 * 60_000),
        ...process.env,
        MEDUSA_E2E_TESTS: entry,
        ...(rapid ? { MEDUSA_BENCH_RAPID: '1' } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d.toString();
      // Each record as it comes, so a run cut short still shows what it measured.
      for (const m of d.toString().matchAll(/^BENCH .*$/gm)) process.stderr.write(`${m[0]}\n`);
    });
    child.on('close', (code) => {
      const records = [...out.matchAll(/^BENCH (.*)$/gm)].map((m) => JSON.parse(m[1]));
      if (records.length === 0)
        fail(new Error(`the VS Code run failed (${code}):\n${out.slice(-3000)}`));
      else done(records);
    });
  });
}

function report(label, records) {
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(`\nVS Code (code-server), debugStepCode, ${label}`);
  const launch = records.find((r) => r.name === 'launchToStop');
  if (launch) {
    const ratio = launch.on / launch.off;
    console.log(
      `  launch -> first stop, JavaScript session on vs off (medians of ${launch.runs}): ${ms(launch.on)} vs ${ms(launch.off)} = ${ratio.toFixed(2)}x ${ratio <= 2 ? 'PASS' : 'MISS'} (<= 2x)`,
    );
  }
  const sessions = (kind) => records.filter((r) => r.name === 'stepOver' && r.kind === kind);
  const [ours, plain] = [sessions('ours'), sessions('plain')];
  if (ours.length === 0 || plain.length === 0) return;
  const pace = rapid ? 'F10 as soon as the line shows' : 'F10 once the views have loaded the stop';
  console.log(`  Step Over in a handler: ${pace}`);
  const line = (what, key) => {
    const o = ours.flatMap((r) => r.times.map((t) => t[key]));
    const p = plain.flatMap((r) => r.times.map((t) => t[key]));
    const verdict = median(o) < 50 ? 'PASS' : 'MISS';
    console.log(
      `  Step Over in a handler, F10 -> ${what} (${o.length} vs ${p.length} steps): median ${ms(median(o))} ${verdict} (< 50 ms), p90 ${ms(percentile(o, 0.9))}; plain js-debug ${ms(median(p))}, p90 ${ms(percentile(p, 0.9))}; ours/plain ${(median(o) / median(p)).toFixed(2)}x`,
    );
  };
  line("js-debug's stopped", 'stopped');
  line('paused line shown', 'shown');
  const messages = median(ours.map((r) => r.oursPerStep));
  console.log(`  messages to and from our adapter per Step Over (median of sessions): ${messages}`);
}

export async function benchStepCode() {
  if (!existsSync(join(root, entry))) throw new Error(`${entry} is missing: npm run build first`);
  if (!process.argv.includes('--busy-only'))
    report(`quiet (${machineNote()})`, await runInVsCode());
  if (!process.argv.includes('--quiet-only'))
    report(`busy, every core spinning (${machineNote()})`, await withCpuHogs(() => runInVsCode()));
}

if (process.argv[1] === import.meta.filename) await benchStepCode();
