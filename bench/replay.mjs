// Replay benchmark (Node), against the built dist/debugAdapter.js: a replay of a stored 50-step
// execution (test/fixtures/replay/fifty.ts, reverted at its last step; the record is written
// here) to its first stop, beside a plain debug launch of the same workflow measured in the same
// run, interleaved: (a) stopOnEntry, (b) a breakpoint on the 49th step (48 steps answered from the
// record vs run). Target: within 1.5x of the plain launch. Usage: npm run bench:replay
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { machineNote, median, ms, withCpuHogs } from './load.mjs';

const require = createRequire(import.meta.url);
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const root = resolve(import.meta.dirname, '..');
const adapter = join(root, 'dist', 'debugAdapter.js');
const dir = join(root, 'test', 'fixtures', 'replay');
const program = join(dir, 'fifty.ts');
const STEPS = 49;

/** The record Medusa would hold for fifty.ts run on { n: 0 }: 49 steps done, `last` failed, all
 * compensated (the shape of engine/src/executions/record.ts). */
function fiftyRecord() {
  const steps = [];
  let path = '_root';
  for (let i = 0; i < STEPS; i++) {
    path = `${path}.step-${i}`;
    steps.push({
      path,
      name: `step-${i}`,
      depth: i + 1,
      next: [`${path}.${i + 1 < STEPS ? `step-${i + 1}` : 'last'}`],
      invoke: { state: 'done', status: 'ok' },
      compensate: { state: 'reverted', status: 'ok' },
      attempts: 1,
      failures: 0,
      noCompensation: false,
      async: false,
      hasOutput: true,
      output: { n: i + 1 },
      compensateInput: i,
    });
  }
  steps.push({
    path: `${path}.last`,
    name: 'last',
    depth: STEPS + 1,
    next: [],
    invoke: { state: 'failed', status: 'permanent_failure' },
    compensate: { state: 'reverted', status: 'idle' },
    attempts: 1,
    failures: 1,
    noCompensation: true,
    async: false,
    hasOutput: false,
    invokeError: { message: `stopped at ${STEPS}`, name: 'Error' },
  });
  return {
    id: 'wf_exec_bench',
    workflowId: 'fifty-steps',
    transactionId: 'tx-bench',
    runId: 'run-bench',
    state: 'reverted',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:01.000Z',
    stepsDone: STEPS,
    stepsTotal: STEPS + 1,
    options: { store: true, retentionTime: 3600 },
    payload: { n: 0 },
    steps,
    errors: [],
    warnings: [],
  };
}

async function firstStop(launchArgs, functions) {
  const dc = new DebugClient('node', adapter, 'medusa-workflow');
  dc.defaultTimeout = 60000;
  await dc.start();
  try {
    await dc.initializeRequest({ adapterID: 'medusa-workflow', pathFormat: 'path' });
    const stopped = dc.waitForEvent('stopped');
    const configured = dc.waitForEvent('initialized').then(async () => {
      if (functions)
        await dc.setFunctionBreakpointsRequest({
          breakpoints: functions.map((name) => ({ name })),
        });
      await dc.configurationDoneRequest();
    });
    const t0 = performance.now();
    await Promise.all([configured, dc.launchRequest(launchArgs)]);
    const ev = await stopped;
    const took = performance.now() - t0;
    const frames = await dc.stackTraceRequest({ threadId: ev.body.threadId });
    const at = frames.body.stackFrames[0]?.name;
    return { took, at };
  } finally {
    await dc.stop();
  }
}

async function measure(recordFile) {
  const plain = { program, cwd: dir, input: { n: 0 }, container: 'empty' };
  const replay = { program, cwd: dir, replayFile: recordFile };
  const cases = {
    entry: { stopOnEntry: true },
    last: { functions: [`step-${STEPS - 1}`] },
  };
  const out = {};
  for (const [name, c] of Object.entries(cases)) {
    const plains = [];
    const replays = [];
    const extra = c.stopOnEntry ? { stopOnEntry: true } : {};
    await firstStop({ ...plain, ...extra }, c.functions); // warm the transpile cache
    for (let i = 0; i < 5; i++) {
      const p = await firstStop({ ...plain, ...extra }, c.functions);
      const r = await firstStop({ ...replay, ...extra }, c.functions);
      if (p.at !== r.at) throw new Error(`the launches stopped apart: ${p.at} vs ${r.at}`);
      plains.push(p.took);
      replays.push(r.took);
      out[`${name}At`] = r.at;
    }
    out[name] = { plain: median(plains), replay: median(replays) };
  }
  return { ...out, note: machineNote() };
}

function report(label, m) {
  console.log(`\n${label} (${m.note})`);
  for (const [name, title] of [
    ['entry', 'to the first stop (stopOnEntry)'],
    ['last', `to a breakpoint on the 49th of 50 steps (${m.lastAt})`],
  ]) {
    const { plain, replay } = m[name];
    const ratio = replay / plain;
    const verdict = ratio <= 1.5 ? 'PASS' : 'MISS';
    console.log(
      `  ${title}: plain launch ${ms(plain)}, replay ${ms(replay)}  ratio ${ratio.toFixed(2)}x  ${verdict} (<= 1.5x, median of 5)`,
    );
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'mw-bench-replay-'));
try {
  const recordFile = join(tmp, 'fifty.json');
  writeFileSync(recordFile, JSON.stringify(fiftyRecord()));
  report('quiet', await measure(recordFile));
  if (!process.argv.includes('--quiet-only'))
    report('busy, every core spinning', await withCpuHogs(() => measure(recordFile)));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
