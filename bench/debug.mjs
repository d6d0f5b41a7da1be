// Debugger benchmark (Node), against the built dist/debugAdapter.js, every figure beside a bare
// `node -e 0` start-up measured in the same run: (a) launch request to the first `stopped` event
// on the examples' create-order workflow (stopOnEntry); (b) the Next round trip (request to
// `stopped`) over the 100 steps of test/fixtures/debug/hundred.ts. Usage: npm run bench:debug
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const root = resolve(import.meta.dirname, '..');
const adapter = join(root, 'dist', 'debugAdapter.js');
const examples = join(root, 'examples');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(2)} ms`;

function nodeStartup(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function session(launchArgs, body) {
  const dc = new DebugClient('node', adapter, 'medusa-workflow');
  dc.defaultTimeout = 30000;
  await dc.start();
  try {
    await dc.initializeRequest({
      adapterID: 'medusa-workflow',
      linesStartAt1: true,
      columnsStartAt1: true,
      pathFormat: 'path',
    });
    const stopped = dc.waitForEvent('stopped');
    const configured = dc.waitForEvent('initialized').then(() => dc.configurationDoneRequest());
    const t0 = performance.now();
    await Promise.all([configured, dc.launchRequest(launchArgs)]);
    const first = await stopped;
    const launchToStop = performance.now() - t0;
    return { launchToStop, extra: body ? await body(dc, first.body.threadId) : undefined };
  } finally {
    await dc.stop();
  }
}

const orderArgs = {
  program: join(examples, 'src', 'workflows', 'create-order.ts'),
  inputFile: join(examples, 'inputs', 'create-order.json'),
  mocks: join(examples, 'src', 'mocks.ts'),
  cwd: examples,
  stopOnEntry: true,
};

async function nextRoundTrips(dc, threadId) {
  const times = [];
  let thread = threadId;
  for (let i = 0; i < 99; i++) {
    const stopped = dc.waitForEvent('stopped');
    const t0 = performance.now();
    await dc.nextRequest({ threadId: thread });
    const ev = await stopped;
    times.push(performance.now() - t0);
    thread = ev.body.threadId;
  }
  return times;
}

const nodeBefore = nodeStartup(10);
// The first launch warms the transpile cache (as any second debug session of a project would).
const cold = (await session(orderArgs)).launchToStop;
const launches = [];
for (let i = 0; i < 5; i++) launches.push((await session(orderArgs)).launchToStop);
const hundred = {
  program: join(root, 'test', 'fixtures', 'debug', 'hundred.ts'),
  cwd: join(root, 'test', 'fixtures', 'debug'),
  input: { n: 0 },
  stopOnEntry: true,
};
const { extra: nexts } = await session(hundred, nextRoundTrips);
const nodeAfter = nodeStartup(10);
const node = median([nodeBefore, nodeAfter]);

const launch = median(launches);
const next = median(nexts);
console.log(`bare node -e 0 start-up (median):          ${ms(node)}`);
console.log(
  `launch -> first stop, create-order, cold:   ${ms(cold)}  (${(cold / node).toFixed(2)}x node start-up)`,
);
console.log(
  `launch -> first stop, create-order (median of 5): ${ms(launch)}  (${(launch / node).toFixed(2)}x node start-up; target <= 8x)`,
);
console.log(
  `Next round trip over ${nexts.length} steps (median): ${ms(next)}  (${(next / node).toFixed(3)}x node start-up; target < 5 ms)`,
);
console.log(
  `Next round trip p90: ${ms([...nexts].sort((a, b) => a - b)[Math.floor(nexts.length * 0.9)])}`,
);

// Issue 11: the JavaScript child session ("debugStepCode"), measured in VS Code (code-server).
if (!process.argv.includes('--no-vscode')) {
  const { benchStepCode } = await import('./debugStepCode.mjs');
  await benchStepCode();
}
