// Debugger benchmark (Node), against the built dist/debugAdapter.js, every figure beside a bare
// `node -e 0` start-up measured in the same run, quiet and then with every core busy (CPU hogs
// started here): (a) launch request to the first `stopped` event on the examples' create-order
// workflow (stopOnEntry), cold (empty transpile cache: a fresh XDG_CACHE_HOME) and warm (median of
// 5), each also to its stack trace answered (what the user sees); (b) the Next round trip (request
// to `stopped`) over the 100 steps of test/fixtures/debug/hundred.ts, right after the first stop
// and once the session has settled (its analysis worker idle), beside its floor: the same
// hops with no work (a message from this process through a relay process to an echo process and
// back: client -> adapter -> runner -> adapter -> client, four wake-ups), the same relay doing a
// quiet Next's work, and per process the CPU each Next used and the time it waited runnable in a
// run queue (Linux schedstat). Usage: npm run bench:debug
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { machineNote, median, ms, nodeStartup, percentile, withCpuHogs } from './load.mjs';

const require = createRequire(import.meta.url);
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const root = resolve(import.meta.dirname, '..');
const adapter = join(root, 'dist', 'debugAdapter.js');
const examples = join(root, 'examples');

async function session(launchArgs, body) {
  const dc = new DebugClient('node', adapter, 'medusa-workflow');
  dc.defaultTimeout = 60000;
  await dc.start();
  try {
    await dc.initializeRequest({
      adapterID: 'medusa-workflow',
      linesStartAt1: true,
      columnsStartAt1: true,
      pathFormat: 'path',
    });
    let runnerPid;
    dc.on('process', (e) => (runnerPid = e.body.systemProcessId));
    const stopped = dc.waitForEvent('stopped');
    const configured = dc.waitForEvent('initialized').then(() => dc.configurationDoneRequest());
    const t0 = performance.now();
    await Promise.all([configured, dc.launchRequest(launchArgs)]);
    const first = await stopped;
    const launchToStop = performance.now() - t0;
    await dc.stackTraceRequest({ threadId: first.body.threadId });
    const launchToFrames = performance.now() - t0;
    const extra = body ? await body(dc, first.body.threadId, runnerPid) : undefined;
    return { launchToStop, launchToFrames, extra };
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
const hundred = {
  program: join(root, 'test', 'fixtures', 'debug', 'hundred.ts'),
  cwd: join(root, 'test', 'fixtures', 'debug'),
  input: { n: 0 },
  stopOnEntry: true,
};

/** Nanoseconds a process's threads have run, and waited runnable in a run queue, and how long its
 * main thread (the one a Next's messages go through) has run (Linux schedstat); undefined
 * elsewhere. The other threads are V8's (compiler, GC) and the adapter's analysis. */
function schedStat(pid) {
  try {
    let run = 0;
    let wait = 0;
    let main = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const [r, w] = readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ');
      run += Number(r);
      wait += Number(w);
      if (task === String(pid)) main = Number(r);
    }
    return { run, wait, main };
  } catch {
    return undefined;
  }
}

async function nextRoundTrips(dc, threadId, runnerPid) {
  const times = [];
  let thread = threadId;
  // Where a Next's time goes, per process: CPU it used, and time it was runnable but not run.
  const pids = { client: process.pid, adapter: dc._adapterProcess?.pid, runner: runnerPid };
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, schedStat(pid)]));
  for (let i = 0; i < 99; i++) {
    const stopped = dc.waitForEvent('stopped');
    const t0 = performance.now();
    await dc.nextRequest({ threadId: thread });
    const ev = await stopped;
    times.push(performance.now() - t0);
    thread = ev.body.threadId;
  }
  const per = {};
  for (const [k, pid] of Object.entries(pids)) {
    const b = before[k];
    const a = schedStat(pid);
    if (a && b)
      per[k] = {
        cpu: (a.run - b.run) / 99 / 1e6,
        main: (a.main - b.main) / 99 / 1e6,
        wait: (a.wait - b.wait) / 99 / 1e6,
      };
  }
  return { times, per };
}

/** Resolves once the process's threads other than its main one (the adapter's analysis worker
 * loading the TypeScript compiler, V8's helpers) have used under 2 ms of CPU in 250 ms, or
 * after 10 s; at once without schedstat. */
async function untilSideThreadsIdle(pid) {
  const side = () => {
    const s = schedStat(pid);
    return s && s.run - s.main;
  };
  const deadline = performance.now() + 10_000;
  let before = side();
  while (before !== undefined && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = side();
    if (now === undefined || now - before < 2e6) return;
    before = now;
  }
}

/** The Nexts once the session has settled: a user's first Next comes seconds after the first
 * stop, when the analysis worker no longer competes for the cores. */
async function settledNextRoundTrips(dc, threadId, runnerPid) {
  await untilSideThreadsIdle(dc._adapterProcess?.pid);
  return nextRoundTrips(dc, threadId, runnerPid);
}

// The floor under a Next round trip: the adapter and the runner are separate processes (user code
// runs apart from the adapter, so Stop can always end it), so each Next wakes the adapter, the
// runner, the adapter again and the client. Here a relay process stands for the adapter and an
// echo process for the runner. With no work, that is the cost of the wake-ups alone; with the
// processes spinning as long as a quiet Next's work takes (workLike), it is what the scheduler
// makes of that much serial work in four processes, whatever the work is.
// Spins for `us` microseconds of CPU time (not wall time: a process preempted mid-work finishes
// that much later, as real work does).
const spin = (us) =>
  us > 0
    ? `{const c=()=>{const u=process.cpuUsage();return u.user+u.system};const e=c()+${us};while(c()<e){}}`
    : '';
const relayScript = (adapterUs, runnerUs) => `
const { spawn } = require('node:child_process');
const echo = spawn(process.execPath, ['-e', ${JSON.stringify(`process.stdin.on('data',(d)=>{${spin(runnerUs)}process.stdout.write(d)})`)}], { stdio: ['pipe', 'pipe', 'inherit'] });
process.stdin.on('data', (d) => {${spin(adapterUs)}echo.stdin.write(d)});
echo.stdout.on('data', (d) => {${spin(adapterUs)}process.stdout.write(d)});
process.stdin.on('end', () => echo.stdin.end());`;

/** Round trips through the relay; `work`: microseconds each process spins per trip (the relay
 * half of it at each of its two hops, the client half before sending and half after). */
async function relayRoundTrips(work = { client: 0, adapter: 0, runner: 0 }) {
  const script = relayScript(work.adapter / 2, work.runner);
  const relay = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const clientWork = new Function(spin(work.client / 2));
  const times = [];
  try {
    for (let i = 0; i < 120; i++) {
      const back = new Promise((r) => relay.stdout.once('data', r));
      const t0 = performance.now();
      clientWork();
      relay.stdin.write(`{"seq":${i}}\n`);
      await back;
      clientWork();
      if (i >= 21) times.push(performance.now() - t0); // the first ones warm the pipes up
    }
  } finally {
    relay.stdin.end();
    relay.kill();
  }
  return times;
}

/** Microseconds of spinning per process adding up to `totalMs`, in the proportions of each
 * process's main-thread CPU per Next; undefined without schedstat. */
function workLike(per, totalMs) {
  const main = { client: per.client?.main, adapter: per.adapter?.main, runner: per.runner?.main };
  const sum = Object.values(main).reduce((a, b) => a + (b ?? NaN), 0);
  if (!(sum > 0) || !(totalMs > 0)) return undefined;
  const us = (k) => (main[k] / sum) * totalMs * 1000;
  return { client: us('client'), adapter: us('adapter'), runner: us('runner') };
}

/** A launch whose adapter and runner see an empty cache directory (nothing transpiled yet). */
async function coldSession() {
  const saved = process.env.XDG_CACHE_HOME;
  const dir = mkdtempSync(join(tmpdir(), 'mw-bench-cache-'));
  process.env.XDG_CACHE_HOME = dir;
  try {
    return await session(orderArgs);
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(calibrated) {
  const nodes = [];
  for (let i = 0; i < 5; i++) nodes.push(nodeStartup());
  const colds = [];
  const warms = [];
  // Interleaved, so drifting load hits cold, warm and the baseline alike.
  for (let i = 0; i < 3; i++) {
    colds.push(await coldSession());
    warms.push(await session(orderArgs));
    warms.push(await session(orderArgs));
    nodes.push(nodeStartup());
  }
  const {
    extra: { times: nexts, per },
  } = await session(hundred, nextRoundTrips);
  const {
    extra: { times: settled },
  } = await session(hundred, settledNextRoundTrips);
  const hops = await relayRoundTrips();
  // A relay doing as much serial work as a quiet Next: our quiet median less the floor's, spread
  // over the processes like their main threads' CPU (the busy run reuses the quiet run's figures).
  const work = calibrated ?? workLike(per, median(nexts) - median(hops));
  const worked = work && (await relayRoundTrips(work));
  for (let i = 0; i < 5; i++) nodes.push(nodeStartup());
  const pick = (xs, key) => median(xs.map((x) => x[key]));
  return {
    node: median(nodes),
    cold: pick(colds, 'launchToStop'),
    coldFrames: pick(colds, 'launchToFrames'),
    warm: pick(warms, 'launchToStop'),
    warmFrames: pick(warms, 'launchToFrames'),
    next: median(nexts),
    p90: percentile(nexts, 0.9),
    settled: median(settled),
    settledP90: percentile(settled, 0.9),
    hops: median(hops),
    hopsP90: percentile(hops, 0.9),
    work,
    worked: worked && median(worked),
    workedP90: worked && percentile(worked, 0.9),
    per,
    note: machineNote(),
  };
}

function report(label, m) {
  const x = (v) => `${(v / m.node).toFixed(2)}x node start-up`;
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  console.log(`\n${label} (${m.note})`);
  console.log(`  bare node -e 0 start-up (median of 13):           ${ms(m.node)}`);
  console.log(
    `  launch -> first stop, cold (median of 3):         ${ms(m.cold)}  (${x(m.cold)})  ${verdict(m.cold <= 5 * m.node)} (<= 5x)`,
  );
  console.log(
    `    ... and its stack trace answered:               ${ms(m.coldFrames)}  (${x(m.coldFrames)})  ${verdict(m.coldFrames <= 5 * m.node)} (<= 5x: the stopped line shown)`,
  );
  console.log(`  launch -> first stop, warm (median of 6):         ${ms(m.warm)}  (${x(m.warm)})`);
  console.log(
    `    ... and its stack trace answered:               ${ms(m.warmFrames)}  (${x(m.warmFrames)})`,
  );
  console.log(
    `  Next round trip over 99 steps: median ${ms(m.next)} ${verdict(m.next < 2)} (< 2 ms), p90 ${ms(m.p90)} ${verdict(m.p90 < 4)} (< 4 ms)`,
  );
  console.log(
    `    ... once the session has settled (analysis worker idle): median ${ms(m.settled)}, p90 ${ms(m.settledP90)}`,
  );
  console.log(
    `    floor, the same four wake-ups with no work:     median ${ms(m.hops)}, p90 ${ms(m.hopsP90)} (Next: ${(m.next / m.hops).toFixed(2)}x / ${(m.p90 / m.hopsP90).toFixed(2)}x)`,
  );
  if (m.worked !== undefined)
    console.log(
      `    ... doing a quiet Next's work (${(m.work.client + m.work.adapter + m.work.runner).toFixed(0)} us spun): median ${ms(m.worked)}, p90 ${ms(m.workedP90)} (Next: ${(m.next / m.worked).toFixed(2)}x / ${(m.p90 / m.workedP90).toFixed(2)}x)`,
    );
  const per = Object.entries(m.per);
  if (per.length > 0)
    console.log(
      `    per Next, CPU used (main thread) / waiting runnable (Linux schedstat): ${per.map(([k, v]) => `${k} ${v.cpu.toFixed(2)} (${v.main.toFixed(2)}) / ${v.wait.toFixed(2)} ms`).join(', ')}`,
    );
}

const quiet = await measure();
report('quiet', quiet);
report('busy, every core spinning', await withCpuHogs(() => measure(quiet.work)));

// Issue 11: the JavaScript child session ("debugStepCode"), measured in VS Code (code-server).
if (!process.argv.includes('--no-vscode')) {
  const { benchStepCode } = await import('./debugStepCode.mjs');
  await benchStepCode();
}
