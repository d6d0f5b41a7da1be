// Instrumentation.afterFailure: awaited right after a failure is recorded and its event sent,
// before any retry or rollback; while it is pending the snapshot shows the failed state.
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import * as assert from 'node:assert/strict';
import {
  createStep,
  createWorkflow,
  ManualClock,
  StepResponse,
  type EngineEvent,
  type Instrumentation,
  type RunHandle,
  type StepFailure,
} from '../../../engine/src/index';

let seq = 0;
const uid = (p: string) => `af-${p}-${++seq}`;
const tick = () => new Promise<void>((r) => setTimeout(r, 5));

/** Instrumentation whose afterFailure pauses on the first failure matching `pauseOn`. */
function pausing(pauseOn: (f: StepFailure) => boolean) {
  const events: string[] = [];
  const failures: StepFailure[] = [];
  let handle!: RunHandle;
  let release!: () => void;
  let hit!: () => void;
  const paused = new Promise<void>((r) => (hit = r));
  const ins: Instrumentation = {
    attach: (h) => (handle ??= h),
    onEvent: (e: EngineEvent) =>
      events.push(
        e.type === 'step.begin' || e.type === 'step.failure' || e.type === 'step.success'
          ? `${e.type} ${e.step}:${e.action}`
          : e.type,
      ),
    afterFailure: (f) => {
      failures.push(f);
      events.push(`afterFailure ${f.step}:${f.action}`);
      if (!pauseOn(f)) return;
      hit();
      return new Promise<void>((r) => (release = r));
    },
  };
  return {
    ins,
    events,
    failures,
    paused,
    release: () => release(),
    snapshot: () => handle.snapshot(),
  };
}

function stepOf(snap: ReturnType<RunHandle['snapshot']>, name: string) {
  const s = snap.steps.find((x) => x.step === name);
  assert.ok(s, `step ${name} in the snapshot`);
  return s;
}

describe('engine instrumentation: afterFailure', () => {
  it('a hook that does not resolve holds the rollback; the snapshot shows the failure', async () => {
    const undone: string[] = [];
    const a = createStep(
      'a',
      async () => new StepResponse('A', 'a-comp'),
      async (c: string) => void undone.push(c),
    );
    const b = createStep('b', async () => {
      throw new Error('b broke');
    });
    const wf = createWorkflow(uid('hold'), () => {
      a();
      b();
    });
    const p = pausing(() => true);
    let finished = false;
    const result = wf.run({ instrumentation: p.ins, throwOnError: false }).then((r) => {
      finished = true;
      return r;
    });
    await p.paused;
    await tick();
    assert.equal(finished, false);
    assert.deepEqual(undone, [], 'no compensation while paused');
    assert.equal(p.events.at(-2), 'step.failure b:invoke', 'the failure event came first');
    assert.equal(p.events.at(-1), 'afterFailure b:invoke');
    assert.ok(!p.events.includes('compensation.begin'));
    const f = p.failures[0]!;
    assert.equal(f.step, 'b');
    assert.equal(f.action, 'invoke');
    assert.equal(f.attempt, 1);
    assert.equal(f.willRetry, false);
    assert.equal(f.error.message, 'b broke');
    assert.equal(f.run.transactionId, p.snapshot().run.transactionId);
    const snap = p.snapshot();
    assert.equal(snap.state, 'waiting_to_compensate');
    assert.equal(stepOf(snap, 'b').invoke.state, 'failed');
    assert.equal((stepOf(snap, 'b').invoke.error as { message: string }).message, 'b broke');
    assert.equal(stepOf(snap, 'a').invoke.state, 'done');
    assert.equal(stepOf(snap, 'a').compensate.state, 'dormant', 'its compensation has not begun');
    p.release();
    const res = await result;
    assert.equal(res.transaction.getFlow().state, 'reverted');
    assert.deepEqual(undone, ['a-comp']);
    const after = p.events.slice(p.events.indexOf('afterFailure b:invoke') + 1);
    assert.equal(after[0], 'compensation.begin', 'rollback starts once the hook resolved');
  });

  it('holds the run after a compensation failure, before the run ends', async () => {
    const a = createStep(
      'a',
      async () => new StepResponse('A'),
      async () => {
        throw new Error('undo a broke');
      },
    );
    const b = createStep('b', async () => {
      throw new Error('b broke');
    });
    const wf = createWorkflow(uid('comp'), () => {
      a();
      b();
    });
    const p = pausing((f) => f.action === 'compensate');
    const result = wf.run({ instrumentation: p.ins, throwOnError: false });
    await p.paused;
    await tick();
    assert.deepEqual(
      p.failures.map((f) => `${f.step}:${f.action}:${f.error.message}`),
      ['b:invoke:b broke', 'a:compensate:undo a broke'],
    );
    assert.ok(!p.events.includes('run.end'), 'the run has not ended while paused');
    const snap = p.snapshot();
    assert.equal(snap.state, 'compensating');
    assert.equal(stepOf(snap, 'a').compensate.state, 'failed');
    assert.equal(
      (stepOf(snap, 'a').compensate.error as { message: string }).message,
      'undo a broke',
    );
    p.release();
    const res = await result;
    assert.equal(res.transaction.getFlow().state, 'failed');
    assert.equal(p.events.at(-1), 'run.end');
  });

  it('reports a failure that will be retried; the retry waits for the hook', async () => {
    let calls = 0;
    const flaky = createStep({ name: 'flaky', maxRetries: 2 }, async () => {
      calls++;
      if (calls === 1) throw new Error('first try');
      return new StepResponse('ok');
    });
    const wf = createWorkflow(uid('retry'), () => flaky());
    const p = pausing(() => true);
    const result = wf.run({ instrumentation: p.ins, throwOnError: false });
    await p.paused;
    await tick();
    assert.equal(calls, 1, 'not retried while paused');
    const f = p.failures[0]!;
    assert.equal(f.willRetry, true);
    assert.equal(f.attempt, 1);
    assert.equal(stepOf(p.snapshot(), 'flaky').invoke.status, 'temp_failure');
    p.release();
    const res = await result;
    assert.equal(calls, 2);
    assert.equal(res.transaction.getFlow().state, 'done');
    assert.equal(p.failures.length, 1);
  });

  it('holds an async step failure (background) before its rollback', async () => {
    const undone: string[] = [];
    const a = createStep(
      'a',
      async () => new StepResponse('A', 'a-comp'),
      async (c: string) => void undone.push(c),
    );
    const bg = createStep({ name: 'bg', async: true }, async () => {
      throw new Error('bg broke');
    });
    const wf = createWorkflow(uid('async'), () => {
      a();
      bg();
    });
    const p = pausing(() => true);
    void wf.run({ instrumentation: p.ins, throwOnError: false });
    await p.paused;
    await tick();
    assert.deepEqual(undone, []);
    assert.ok(!p.events.includes('compensation.begin'));
    assert.equal(stepOf(p.snapshot(), 'bg').invoke.state, 'failed');
    p.release();
    for (let i = 0; i < 20 && p.events.at(-1) !== 'run.end'; i++) await tick();
    assert.deepEqual(undone, ['a-comp']);
    assert.equal(p.snapshot().state, 'reverted');
  });

  it('reports a step timeout as a failure before the rollback', async () => {
    const clock = new ManualClock();
    const undone: string[] = [];
    const a = createStep(
      'a',
      async () => new StepResponse('A', 'a-comp'),
      async (c: string) => void undone.push(c),
    );
    const slow = createStep({ name: 'slow', timeout: 1 }, async () => {
      clock.advance(2000);
      return new StepResponse('late');
    });
    const wf = createWorkflow(uid('timeout'), () => {
      a();
      slow();
    });
    const p = pausing(() => true);
    const result = wf.run({ instrumentation: p.ins, throwOnError: false, clock });
    await p.paused;
    await tick();
    assert.equal(p.failures[0]!.step, 'slow');
    assert.equal(p.failures[0]!.error.name, 'TransactionStepTimeoutError');
    assert.deepEqual(undone, []);
    assert.equal(stepOf(p.snapshot(), 'slow').invoke.state, 'timeout');
    p.release();
    const res = await result;
    assert.deepEqual(undone, ['a-comp']);
    assert.equal(res.transaction.getFlow().state, 'reverted');
  });

  it('a hook that throws or returns nothing does not change the run', async () => {
    const b = createStep('b', async () => {
      throw new Error('b broke');
    });
    const wf = createWorkflow(uid('throws'), () => b());
    const seen: string[] = [];
    const res = await wf.run({
      throwOnError: false,
      instrumentation: {
        afterFailure: (f) => {
          seen.push(f.step);
          throw new Error('observer bug');
        },
      },
    });
    assert.deepEqual(seen, ['b']);
    assert.equal(res.transaction.getFlow().state, 'reverted');
    assert.equal((res.errors[0] as { error: { message: string } }).error.message, 'b broke');
  });
});
