// Forced failures name steps by path: a bare name is the workflow's own step, a nested workflow's
// step is `<workflow id>/<step>`; unknown and ambiguous names list the candidates. Also the graph
// command's node id -> path mapping (client, pure).
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import * as assert from 'node:assert/strict';
import { failurePath } from '../../../client/src/debug/failurePath';
import {
  candidatesHint,
  createStep,
  createWorkflow,
  forcedStepCandidates,
  runningStepPath,
  forcedFailureTargets,
  StepResponse,
  type EngineEvent,
} from '../../../engine/src/index';

let seq = 0;

/** A parent and a nested workflow that both use the same `release-lock` step (as core-flows). */
function cartFlows() {
  const n = ++seq;
  const lock = createStep(`acquire-lock-${n}`, async () => new StepResponse('locked'));
  const release = createStep(`release-lock-${n}`, async () => new StepResponse('released'));
  const complete = createWorkflow(`complete-cart-${n}`, () => {
    lock();
    release();
  });
  const parent = createWorkflow(`checkout-${n}`, () => {
    const done = complete.runAsStep({ input: {} });
    release().config({ name: `release-lock-${n}` });
    return done;
  });
  return { n, parent, nestedId: `complete-cart-${n}` };
}

async function failuresOf(wf: ReturnType<typeof cartFlows>['parent'], target: string) {
  const failed: string[] = [];
  await wf.run({
    throwOnError: false,
    instrumentation: {
      shouldFail: (step, action, run) =>
        action === 'invoke' && runningStepPath(run, step) === target,
      onEvent: (e: EngineEvent) => {
        if (e.type === 'step.failure' && e.action === 'invoke') {
          failed.push(`${e.run.workflowId}:${e.step}`);
        }
      },
    },
  });
  return failed;
}

describe('engine forced failures: step paths', () => {
  it('lists own steps bare and nested steps by path', () => {
    const { n, parent, nestedId } = cartFlows();
    assert.deepEqual(forcedFailureTargets(parent.getName()), [
      `${nestedId}-as-step`,
      `${nestedId}/acquire-lock-${n}`,
      `${nestedId}/release-lock-${n}`,
      `release-lock-${n}`,
    ]);
  });

  it('a bare name fails the workflow own step, a path the nested one', async () => {
    const { n, parent, nestedId } = cartFlows();
    assert.deepEqual(await failuresOf(parent, `release-lock-${n}`), [
      `checkout-${n}:release-lock-${n}`,
    ]);
    assert.deepEqual(await failuresOf(parent, `${nestedId}/release-lock-${n}`), [
      `${nestedId}:release-lock-${n}`,
      // the nested run failed, so its step in the parent fails too
      `checkout-${n}:${nestedId}-as-step`,
    ]);
  });

  it('names the candidates of a bare nested name, an ambiguous one, and nothing for a typo', () => {
    const paths = ['a', 'x-as-step', 'x/lock', 'x/free', 'y-as-step', 'y/free'];
    assert.equal(forcedStepCandidates(paths, 'a'), undefined);
    assert.equal(forcedStepCandidates(paths, 'x/lock'), undefined);
    assert.deepEqual(forcedStepCandidates(paths, 'lock'), ['x/lock']);
    assert.deepEqual(forcedStepCandidates(paths, 'free'), ['x/free', 'y/free']);
    assert.deepEqual(forcedStepCandidates(paths, 'z/free'), ['x/free', 'y/free']);
    assert.deepEqual(forcedStepCandidates(paths, 'nope'), []);
    assert.equal(candidatesHint(['x/lock']), 'name a nested step by its path: x/lock');
    assert.equal(
      candidatesHint(['x/free', 'y/free']),
      'it is ambiguous, name one of: x/free, y/free',
    );
  });

  it('paths of running steps follow the nested run frames', () => {
    const top = { workflowId: 'p', transactionId: 't1', parents: [] };
    assert.equal(runningStepPath(top, 's'), 's');
    const child = {
      workflowId: 'c',
      transactionId: 't2',
      parents: [{ workflowId: 'p', transactionId: 't1', step: 'c-as-step' }],
    };
    assert.equal(runningStepPath(child, 's'), 'c/s');
    const grandchild = {
      workflowId: 'g',
      transactionId: 't3',
      parents: [...child.parents, { workflowId: 'c', transactionId: 't2', step: 'g-as-step' }],
    };
    assert.equal(runningStepPath(grandchild, 's'), 'c/g/s');
  });

  it("the graph's Fail This Step names the exact node clicked", () => {
    const nodes: Record<string, { name: string }> = {
      'c-as-step': { name: 'c' },
      'c-as-step::g-as-step': { name: 'g' },
    };
    const find = (key: string) => nodes[key];
    assert.equal(failurePath('release-lock', find), 'release-lock');
    assert.equal(failurePath('c-as-step::release-lock', find), 'c/release-lock');
    assert.equal(failurePath('c-as-step::g-as-step::release-lock', find), 'c/g/release-lock');
  });
});
