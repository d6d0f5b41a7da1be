// Nested workflows with async steps (mocha, Node): as the app's workflow engine does, the call
// that finishes a nested run (setStepSuccess/Failure on its async step) moves the parent's
// as-step on; the bare SDK leaves the parent waiting. Compared with the real engine in
// test/app/appEngine.test.ts (async-step-in-child-*).
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import * as assert from 'node:assert/strict';
import {
  createStep,
  createWorkflow,
  StepResponse,
  WorkflowResponse,
  type EngineEvent,
} from '../../../engine/src/index';

let seq = 0;

function build() {
  const id = `nested-async-${++seq}`;
  const log: string[] = [];
  const wait = createStep({ name: 'wait', async: true }, async () => void log.push('wait'));
  const after = createStep('after', async (i: unknown) => new StepResponse(i));
  const child = createWorkflow(`${id}-child`, () => {
    const w = wait();
    return new WorkflowResponse(after({ w }));
  });
  const p1 = createStep(
    'p1',
    async () => new StepResponse('p1'),
    async () => void log.push('p1 compensated'),
  );
  const p2 = createStep('p2', async (i: unknown) => new StepResponse(i));
  const parent = createWorkflow(id, () => {
    p1();
    const sub = child.runAsStep({ input: {} });
    return new WorkflowResponse(p2({ sub }));
  });
  const childKey = `${id}-child:${id}-child-as-step-tx:wait:invoke`;
  return { parent, child, childKey, log };
}

describe('engine: a nested run finished by a later call moves its parent on', () => {
  it('setStepSuccess on the child step finishes the parent with the child result', async () => {
    const { parent, child, childKey } = build();
    const ends: { state: string; result: unknown }[] = [];
    const onEvent = (e: EngineEvent): void => {
      if (e.type === 'run.end' && e.run.parents.length === 0) ends.push(e);
    };
    const first = await parent.run({
      context: { transactionId: 'tx' },
      instrumentation: { onEvent },
    });
    assert.equal(first.transaction.getState(), 'invoking');
    const res = await child().registerStepSuccess({ idempotencyKey: childKey, response: 42 });
    assert.equal(res.transaction.getState(), 'done');
    assert.deepEqual(
      ends.map((e) => [e.state, e.result]),
      [['done', { sub: { w: 42 } }]],
    );
  });

  it('setStepFailure on the child step fails the as-step, compensates the parent and rejects', async () => {
    const { parent, child, childKey, log } = build();
    await parent.run({ context: { transactionId: 'tx' } });
    await assert.rejects(
      child().registerStepFailure({ idempotencyKey: childKey, response: new Error('remote down') }),
      // The parent's as-step error: the child's step errors, serialized into its message.
      (e: { message?: string }) =>
        /^\[\{"action":"wait","handlerType":"invoke","error":\{"message":"remote down"/.test(
          e.message ?? '',
        ),
    );
    assert.deepEqual(log, ['wait', 'p1 compensated']);
  });
});
