// Run-time behaviour the plain SDK cannot show standalone: containers (our simple one, and a real
// awilix container passed in), async steps that complete in the background, the flow registry.
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import * as assert from 'node:assert/strict';
import { createContainer as createAwilix, asValue as awilixValue } from 'awilix';
import {
  asValue,
  createContainer,
  createStep,
  createWorkflow,
  getWorkflowFlow,
  StepResponse,
  WorkflowResponse,
} from '../../../engine/src/index';

let seq = 0;
const uid = (p: string) => `rt-${p}-${++seq}`;

function resolver() {
  const s = createStep('use', async (_: unknown, { container }) => {
    const svc = container.resolve<{ hello(): string }>('greeter');
    const missing = container.resolve('nothing', { allowUnregistered: true });
    return new StepResponse({ said: svc.hello(), missing: missing ?? null });
  });
  return createWorkflow(uid('container'), () => new WorkflowResponse(s()));
}

describe('engine runtime', () => {
  it('gives steps an empty awilix-like container when none is passed', async () => {
    const s = createStep('probe', async (_: unknown, { container }) => {
      try {
        container.resolve('x');
        return new StepResponse('resolved');
      } catch (e) {
        return new StepResponse((e as Error).message);
      }
    });
    const wf = createWorkflow(uid('empty'), () => new WorkflowResponse(s()));
    const { result } = await wf.run();
    assert.equal(result, "Could not resolve 'x'.\n\nResolution path: x");
  });

  it('resolves registrations of our container, plain registrations and a real awilix container', async () => {
    const wf = resolver();
    const greeter = { hello: () => 'hi' };
    const viaOurs = await wf(createContainer({ greeter: asValue(greeter) })).run();
    assert.deepEqual(viaOurs.result, { said: 'hi', missing: null });
    const viaPlain = await wf.run({ container: { greeter } });
    assert.deepEqual(viaPlain.result, { said: 'hi', missing: null });
    const awilix = createAwilix();
    awilix.register('greeter', awilixValue({ hello: () => 'from awilix' }));
    const viaAwilix = await wf(awilix).run();
    assert.deepEqual(viaAwilix.result, { said: 'from awilix', missing: null });
    const c = createContainer();
    c.register('greeter', greeter);
    assert.equal(c.hasRegistration('greeter'), true);
    assert.equal((c.cradle.greeter as typeof greeter).hello(), 'hi');
  });

  it('an async step returning a StepResponse completes in the background: run() returns first', async () => {
    const bg = createStep(
      { name: 'bg', async: true },
      async () => new StepResponse({ done: true }),
    );
    const after = createStep('after', async (input: unknown) => new StepResponse(input));
    const wf = createWorkflow(uid('bg'), () => {
      const b = bg();
      return new WorkflowResponse(after({ b }));
    });
    const events: string[] = [];
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const res = await wf.run({
      events: {
        onStepSuccess: ({ step }) => events.push(`success ${step!.definition.action}`),
        onStepAwaiting: ({ step }) => events.push(`awaiting ${step!.definition.action}`),
        onFinish: ({ transaction }) => {
          events.push(`finish ${transaction.getState()}`);
          finish();
        },
      },
    });
    assert.equal(
      res.transaction.getState(),
      'invoking',
      'run() returns before the background step',
    );
    assert.deepEqual(events, []);
    await finished;
    assert.deepEqual(events, ['success bg', 'success after', 'finish done']);
  });

  it('retryStep re-invokes an awaiting async step, which then still waits for its response', async () => {
    const attempts: number[] = [];
    const wait = createStep(
      { name: 'wait', async: true },
      async (_: unknown, { attempt }: { attempt: number }) => void attempts.push(attempt),
    );
    const done = createStep('done', async () => new StepResponse('finished'));
    const id = uid('retry-step');
    const wf = createWorkflow(id, () => {
      wait();
      return new WorkflowResponse(done());
    });
    await wf.run({ context: { transactionId: 'tx-retry' } });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(attempts, [1]);
    const retried = await wf().retryStep({ idempotencyKey: `${id}:tx-retry:wait:invoke` });
    await new Promise((r) => setImmediate(r));
    assert.equal(retried.transaction.getState(), 'invoking');
    assert.deepEqual(attempts, [1, 2]);
    const res = await wf().registerStepSuccess({
      idempotencyKey: `${id}:tx-retry:wait:invoke`,
      response: 1,
    });
    assert.equal(res.transaction.getState(), 'done');
    assert.equal(res.result, 'finished');
    await assert.rejects(
      wf().retryStep({ idempotencyKey: `${id}:tx-retry:wait:invoke` }),
      /could not be found/,
    );
  });

  it('keeps each workflow flow tree in the registry', () => {
    const a = createStep(
      'a',
      async () => new StepResponse(1),
      async () => undefined,
    );
    const b = createStep('b', async () => new StepResponse(2));
    const id = uid('flow');
    createWorkflow(id, () => {
      a();
      b().config({ name: 'b2', maxRetries: 1 });
    });
    const flow = getWorkflowFlow(id) as Record<string, unknown>;
    assert.equal(flow.action, 'a');
    assert.equal(flow.noCompensation, false);
    const next = flow.next as Record<string, unknown>;
    assert.equal(next.action, 'b2');
    assert.equal(next.maxRetries, 1);
    assert.equal(next.noCompensation, true);
    assert.equal(getWorkflowFlow('no-such-workflow'), undefined);
  });
});
