// Time-driven behaviour on the injectable clock: retryInterval scheduling, step and workflow
// timeouts. (The plain SDK cannot run retryInterval without a scheduler; this follows the
// documented behaviour: the failed step is retried once the interval has elapsed.)
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import * as assert from 'node:assert/strict';
import {
  createStep,
  createWorkflow,
  ManualClock,
  StepResponse,
  WorkflowResponse,
} from '../../../engine/src/index';

let seq = 0;
const uid = (p: string) => `clock-${p}-${++seq}`;
const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

describe('engine clock', () => {
  it('retries after retryInterval seconds of clock time, not before', async () => {
    const clock = new ManualClock(1000);
    const attempts: number[] = [];
    const s = createStep(
      { name: 'flaky', maxRetries: 2, retryInterval: 10 },
      async (_: unknown, ctx: { attempt: number }) => {
        attempts.push(clock.now());
        if (ctx.attempt < 3) throw new Error(`attempt ${ctx.attempt}`);
        return new StepResponse('ok');
      },
    );
    const wf = createWorkflow(uid('retry'), () => new WorkflowResponse(s()));
    let done = false;
    const running = wf.run({ clock }).then((r) => ((done = true), r));
    await flush();
    assert.deepEqual(attempts, [1000]);
    assert.equal(clock.pending, 1);
    clock.advance(9999);
    await flush();
    assert.deepEqual(attempts, [1000], 'not retried before the interval');
    clock.advance(1);
    await flush();
    assert.deepEqual(attempts, [1000, 11000]);
    assert.equal(done, false);
    clock.advance(10000);
    const res = await running;
    assert.deepEqual(attempts, [1000, 11000, 21000]);
    assert.equal(res.result, 'ok');
    assert.equal(res.transaction.getState(), 'done');
  });

  it('marks a step that finishes after its timeout as timed out and rolls back, compensating it', async () => {
    const clock = new ManualClock(0);
    const undone: string[] = [];
    const a = createStep(
      'a',
      async () => new StepResponse('a'),
      async () => void undone.push('a'),
    );
    const slow = createStep(
      { name: 'slow', timeout: 2 },
      async () => {
        clock.advance(2001);
        return new StepResponse('late');
      },
      async (c: unknown) => void undone.push(`slow:${String(c)}`),
    );
    const c = createStep('c', async () => new StepResponse('c'));
    const wf = createWorkflow(uid('step-timeout'), () => {
      a();
      slow();
      c();
    });
    const trace: string[] = [];
    const res = await wf.run({
      clock,
      throwOnError: false,
      events: {
        onStepFailure: ({ step }) => trace.push(`failure ${step!.definition.action}`),
        onStepSuccess: ({ step }) => trace.push(`success ${step!.definition.action}`),
        onTimeout: () => trace.push('timeout'),
      },
    });
    assert.equal(res.transaction.getState(), 'reverted');
    assert.deepEqual(trace, ['success a', 'failure slow', 'timeout', 'success slow']);
    assert.deepEqual(undone, ['slow:late', 'a']);
    assert.equal((res.errors[0]!.error as Error).name, 'TransactionStepTimeoutError');
  });

  it('a workflow timeout rolls back with TransactionTimeoutError', async () => {
    const clock = new ManualClock(0);
    const a = createStep(
      'a',
      async () => {
        clock.advance(500);
        return new StepResponse('a');
      },
      async () => undefined,
    );
    const b = createStep(
      'b',
      async () => {
        clock.advance(600);
        return new StepResponse('b');
      },
      async () => undefined,
    );
    const c = createStep('c', async () => new StepResponse('c'));
    const wf = createWorkflow({ name: uid('wf-timeout'), timeout: 1 }, () => {
      a();
      b();
      c();
    });
    const res = await wf.run({ clock, throwOnError: false });
    assert.equal(res.transaction.getState(), 'reverted');
    assert.deepEqual(
      res.errors.map((e) => [e.action, (e.error as Error).name]),
      [['b', 'TransactionTimeoutError']],
    );
    await assert.rejects(
      wf.run({ clock }),
      (e: Error) => e.name === 'TransactionTimeoutError' && e instanceof Error,
    );
  });

  it('an awaiting async step times out on the clock and the run rolls back', async () => {
    const clock = new ManualClock(0);
    const undone: string[] = [];
    const a = createStep(
      'a',
      async () => new StepResponse('a'),
      async () => void undone.push('a'),
    );
    const wait = createStep(
      { name: 'wait', async: true, timeout: 5 },
      async () => undefined,
      async () => void undone.push('wait'),
    );
    const wf = createWorkflow(uid('async-timeout'), () => {
      a();
      wait();
    });
    const res = await wf.run({ clock, throwOnError: false });
    await flush();
    assert.equal(res.transaction.getState(), 'invoking');
    clock.advance(5000);
    await flush();
    assert.equal(res.transaction.getState(), 'invoking', 'not yet past the timeout');
    clock.advance(2);
    await flush();
    assert.equal(res.transaction.getState(), 'reverted');
    assert.deepEqual(undone, ['wait', 'a']);
    assert.equal(
      (res.transaction.getErrors()[0]!.error as Error).name,
      'TransactionStepTimeoutError',
    );
    assert.equal(clock.pending, 0);
  });

  it('a run waiting on an async step times out with its workflow timeout', async () => {
    const clock = new ManualClock(0);
    const wait = createStep(
      { name: 'wait', async: true },
      async () => undefined,
      async () => undefined,
    );
    const wf = createWorkflow({ name: uid('async-wf-timeout'), timeout: 3 }, () => {
      wait();
    });
    const res = await wf.run({ clock, throwOnError: false });
    await flush();
    assert.equal(res.transaction.getState(), 'invoking');
    clock.advance(3001);
    await flush();
    assert.equal(res.transaction.getState(), 'reverted');
    assert.equal((res.transaction.getErrors()[0]!.error as Error).name, 'TransactionTimeoutError');
  });
});
