// Per-step container views: when the run's container offers STEP_SCOPE, every handler call
// (invoke and compensate) gets that step's view, so service calls are attributed to the step.
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import * as assert from 'node:assert/strict';
import {
  createContainer,
  createStep,
  createWorkflow,
  StepResponse,
  type Container,
  type RunFrame,
} from '../../../engine/src/index';
import {
  createAutoMockContainer,
  STEP_SCOPE,
  type StepScope,
} from '../../../engine/src/mock/index';

let seq = 0;
const uid = (p: string) => `sc-${p}-${++seq}`;

type Greeter = { greet(who: string): string };

function greeterFlow(seen: string[]) {
  const a = createStep(
    'a',
    async (_: unknown, { container }) => {
      const g = container.resolve<Greeter>('greeter');
      return new StepResponse(g.greet('a'), 'a');
    },
    async (_: unknown, { container }) => {
      seen.push(container.resolve<Greeter>('greeter').greet('undo-a'));
    },
  );
  const b = createStep('b', async (_: unknown, { container }) => {
    container.resolve<Greeter>('greeter').greet('b');
    throw new Error('b broke');
  });
  return createWorkflow(uid('greet'), () => {
    a();
    b();
  });
}

describe('engine: per-step container views (STEP_SCOPE)', () => {
  it('lends each invoke and compensate call its own view of a container that offers one', async () => {
    const scopes: StepScope[] = [];
    const calls: string[] = [];
    const base = createContainer();
    const viewOf = (scope: StepScope | undefined): Container =>
      Object.assign(Object.create(base) as Container, {
        resolve: <T>(key: string): T => {
          assert.equal(key, 'greeter');
          const tag = scope ? `${scope.step}/${scope.action}` : 'root';
          return { greet: (who: string) => (calls.push(`${tag}:${who}`), who) } as T;
        },
        [STEP_SCOPE]: (s: StepScope) => (scopes.push(s), viewOf(s)),
      });
    const seen: string[] = [];
    let frame: RunFrame | undefined;
    const res = await greeterFlow(seen).run({
      container: viewOf(undefined),
      throwOnError: false,
      instrumentation: { attach: (h) => (frame ??= h.frame) },
    });
    assert.equal(res.transaction.getFlow().state, 'reverted');
    assert.deepEqual(calls, ['a/invoke:a', 'b/invoke:b', 'a/compensate:undo-a']);
    assert.deepEqual(
      scopes.map((s) => `${s.step}/${s.action}`),
      ['a/invoke', 'b/invoke', 'a/compensate'],
    );
    assert.ok(frame);
    for (const s of scopes) assert.deepEqual(s.run, frame, 'the view knows its run');
    assert.deepEqual(seen, ['undo-a']);
  });

  it('attributes the auto-mocked container calls to their steps, without instrumentation', async () => {
    const container = createAutoMockContainer({
      overrides: { greeter: { greet: (who: string) => `hi ${who}` } },
    });
    await greeterFlow([]).run({ container, throwOnError: false });
    assert.deepEqual(
      container.calls
        .filter((c) => c.step !== undefined)
        .map((c) => `${c.step}/${c.action}:${c.key}.${c.method}`),
      ['a/invoke:greeter.greet', 'b/invoke:greeter.greet', 'a/compensate:greeter.greet'],
    );
  });

  it('hands a container without STEP_SCOPE to the handlers as it is', async () => {
    const container = createContainer();
    container.register('greeter', { greet: (who: string) => who });
    const got: unknown[] = [];
    const s = createStep('s', async (_: unknown, ctx) => void got.push(ctx.container));
    const wf = createWorkflow(uid('plain'), () => s());
    await wf.run({ container });
    assert.equal(got.length, 1);
    assert.strictEqual(got[0], container);
  });
});
