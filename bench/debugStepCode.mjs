// "debugStepCode" figures of `npm run bench:debug` (Node): runs test/e2e/benchStepCode inside VS
// Code (code-server + Chromium, as the e2e suite) and prints launch to the first stop with the
// JavaScript child session attached against the same launch without it (alternating runs in the
// same session; target within 2x), and Step Over on a line inside a handler (target < 50 ms).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const entry = 'out/test/e2e/benchStepCode/index.js';

function runInVsCode() {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'scripts/e2e.mjs')], {
      cwd: root,
      env: { ...process.env, MEDUSA_E2E_TESTS: entry },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    child.on('close', (code) => {
      const records = [...out.matchAll(/^BENCH (.*)$/gm)].map((m) => JSON.parse(m[1]));
      if (records.length === 0)
        fail(new Error(`the VS Code run failed (${code}):\n${out.slice(-3000)}`));
      else done(records);
    });
  });
}

export async function benchStepCode() {
  if (!existsSync(join(root, entry))) throw new Error(`${entry} is missing: npm run build first`);
  const records = await runInVsCode();
  const ms = (x) => `${x.toFixed(0)} ms`;
  const launch = records.find((r) => r.name === 'launchToStop');
  const step = records.find((r) => r.name === 'stepOverInHandler');
  if (launch) {
    console.log(
      `launch to first stop in VS Code, debugStepCode on vs off (median of ${launch.runs}): ${ms(launch.on)} vs ${ms(launch.off)} = ${(launch.on / launch.off).toFixed(2)}x (target <= 2x)`,
    );
  }
  if (step) {
    console.log(
      `Step Over on a line in a handler, request to stop in VS Code (median of ${step.runs}): ${ms(step.median)} (target < 50 ms)`,
    );
  }
}

if (process.argv[1] === import.meta.filename) await benchStepCode();
