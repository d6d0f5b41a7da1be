// CLI benchmark (Node): whole-process wall times of `medusa-workflows run` (dist/cli.js) against
// baselines measured in the same run, quiet and with every core busy (CPU hogs started here):
// (a) a one-step plain .js workflow against a bare `node -e 0` start-up (target <= 1.5x);
// (b) a 300-step workflow against the same file run on the real @medusajs/workflows-sdk in its
// own process (target: ours >= 20x faster). Usage: npm run bench:cli [-- --rounds N]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machineNote, median, ms, nodeStartup, timeProcess, withCpuHogs } from './load.mjs';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.js');
// Under the repository, so the real run resolves @medusajs/workflows-sdk from node_modules.
const dir = join(root, 'out', 'bench', 'cli');
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 7;
const realRounds = Math.min(rounds, 3);

// Plain CommonJS: nothing to transpile. The SDK import is the package's own name, so the real
// run below loads the real SDK and ours the embedded engine, from the same file.
const SDK = "require('@medusajs/workflows-sdk')";
const oneStep = `const { createStep, createWorkflow, StepResponse, WorkflowResponse } = ${SDK};
const hello = createStep('hello', async (input) => new StepResponse({ greeting: 'hello ' + input.name }));
exports.oneStep = createWorkflow('one-step', (input) => new WorkflowResponse(hello(input)));
`;
const threeHundred = `const { createStep, createWorkflow, StepResponse, WorkflowResponse } = ${SDK};
const steps = Array.from({ length: 300 }, (_, i) =>
  createStep('step-' + i, async (input) => new StepResponse({ n: input.n + 1 }), async () => {}));
exports.threeHundred = createWorkflow('three-hundred', (input) => {
  let prev = input;
  for (const step of steps) prev = step(prev);
  return new WorkflowResponse(prev);
});
`;
const realRunner = `process.env.MEDUSA_DISABLE_TELEMETRY = 'true';
const [workflow] = Object.values(require(require('node:path').resolve(process.argv[2])));
workflow.run({ input: JSON.parse(process.argv[3]) }).then(({ result }) => {
  process.stdout.write(JSON.stringify(result) + '\\n');
  process.exit(0);
});
`;
mkdirSync(dir, { recursive: true });
const files = { one: join(dir, 'one-step.js'), three: join(dir, 'three-hundred.js') };
writeFileSync(files.one, oneStep);
writeFileSync(files.three, threeHundred);
writeFileSync(join(dir, 'real.js'), realRunner);

const kinds = {
  node: () => nodeStartup(),
  one: () => timeProcess([cli, 'run', files.one, '--input', '{"name":"a"}'], { cwd: dir }),
  three: () => timeProcess([cli, 'run', files.three, '--input', '{"n":0}'], { cwd: dir }),
  real: () => timeProcess([join(dir, 'real.js'), files.three, '{"n":0}'], { cwd: dir }),
};

/** Interleaved rounds (so drifting load hits every kind alike); the median of each kind. */
function measure() {
  for (const k of ['node', 'one', 'three']) kinds[k](); // warm the OS file cache
  const times = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [k, run] of Object.entries(kinds)) {
      // The real SDK's run takes seconds and varies less in proportion: fewer of them.
      if (k !== 'real' || r < realRounds) times[k].push(run());
    }
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));
  const spread = (k) => `${ms(Math.min(...times[k]))}..${ms(Math.max(...times[k]))}`;
  return { ...m, spread, note: machineNote() };
}

const report = (label, m) => {
  console.log(
    `\n${label} (${m.note}; medians of ${rounds} interleaved rounds, ${realRounds} for the real SDK; min..max)`,
  );
  console.log(`  bare node -e 0:                 ${ms(m.node)}  (${m.spread('node')})`);
  console.log(
    `  run, one-step plain .js:        ${ms(m.one)}  (${m.spread('one')})  ${(m.one / m.node).toFixed(2)}x node start-up   ${m.one / m.node <= 1.5 ? 'PASS' : 'MISS'} (<= 1.5x)`,
  );
  console.log(`  run, 300 steps, ours:           ${ms(m.three)}  (${m.spread('three')})`);
  console.log(
    `  same file on the real SDK:      ${ms(m.real)}  (${m.spread('real')})  ours ${(m.real / m.three).toFixed(1)}x faster   ${m.real / m.three >= 20 ? 'PASS' : 'MISS'} (>= 20x)`,
  );
};

report('quiet', measure());
report('busy, every core spinning', await withCpuHogs(async () => measure()));
