// Async steps waiting for registerStepSuccess / registerStepFailure, cancel, timeouts.

import type { Helpers, RunFn, Scenario, Wf } from '../harness';
import { errorOf } from '../harness';

function asyncFlow(h: Helpers): Wf {
  const { createWorkflow, createStep, WorkflowResponse } = h.sdk;
  const a = h.step('a');
  const wait = createStep(
    { name: 'wait', async: true, maxRetries: 1 },
    (async (input: unknown) => {
      await h.tick();
      h.log('wait', input);
    }) as never,
    (async (input: unknown) => {
      await h.tick();
      h.log('wait~', input);
    }) as never,
  );
  const b = h.step('b', { out: (i: unknown) => i });
  return createWorkflow(h.id(), () => {
    a();
    const w = wait({ go: true });
    return new WorkflowResponse(b({ w }));
  });
}

async function settle(h: Helpers): Promise<void> {
  for (let i = 0; i < 5; i++) await h.tick();
}

export const asyncScenarios: Scenario[] = [
  {
    name: 'async-register-success',
    build: asyncFlow,
    async act(wf, h, run: RunFn) {
      const first = await run(wf, { context: { transactionId: 'tx-a' } });
      await settle(h);
      const res = await wf(undefined).registerStepSuccess({
        idempotencyKey: `${h.id()}:tx-a:wait:invoke`,
        response: { answer: 42 },
        events: h.events,
      });
      await settle(h);
      const again = await errorOf(() =>
        wf(undefined).registerStepSuccess({
          idempotencyKey: `${h.id()}:tx-a:wait:invoke`,
          response: {},
        }),
      );
      return { first, second: { state: res.transaction.getState(), result: res.result }, again };
    },
  },
  {
    name: 'async-register-failure-retry-then-permanent',
    build: asyncFlow,
    async act(wf, h, run) {
      const first = await run(wf, { context: { transactionId: 'tx-b' } });
      await settle(h);
      const key = `${h.id()}:tx-b:wait:invoke`;
      const r1 = await wf(undefined).registerStepFailure({
        idempotencyKey: key,
        response: new Error('remote failed'),
        events: h.events,
        throwOnError: false,
      });
      const s1 = r1.transaction.getState();
      await settle(h);
      const r2 = await wf(undefined).registerStepFailure({
        idempotencyKey: key,
        response: new Error('remote failed again'),
        events: h.events,
        throwOnError: false,
      });
      await settle(h);
      return {
        first,
        s1,
        s2: r2.transaction.getState(),
        errors: r2.errors.map((e) => [e.action, e.handlerType, (e.error as Error).message]),
      };
    },
  },
  {
    name: 'async-register-failure-forced-permanent',
    build: asyncFlow,
    async act(wf, h, run) {
      await run(wf, { context: { transactionId: 'tx-c' } });
      await settle(h);
      const key = `${h.id()}:tx-c:wait:invoke`;
      const r = await wf(undefined).registerStepFailure({
        idempotencyKey: key,
        response: { message: 'nope' },
        forcePermanentFailure: true,
        events: h.events,
      });
      await settle(h);
      return { state: r.transaction.getState(), result: r.result ?? null };
    },
  },
  {
    name: 'async-unknown-transaction-and-action',
    build: asyncFlow,
    async act(wf, h, run) {
      await run(wf, { context: { transactionId: 'tx-d' } });
      await settle(h);
      return {
        unknownTx: await errorOf(() =>
          wf(undefined).registerStepSuccess({
            idempotencyKey: `${h.id()}:nope:wait:invoke`,
            response: 1,
          }),
        ),
        unknownAction: await errorOf(() =>
          wf(undefined).registerStepSuccess({
            idempotencyKey: `${h.id()}:tx-d:zzz:invoke`,
            response: 1,
          }),
        ),
        wrongType: await errorOf(() =>
          wf(undefined).registerStepSuccess({
            idempotencyKey: `${h.id()}:tx-d:wait:compensate`,
            response: 1,
          }),
        ),
        notWaiting: await errorOf(() =>
          wf(undefined).registerStepSuccess({
            idempotencyKey: `${h.id()}:tx-d:a:invoke`,
            response: 1,
          }),
        ),
      };
    },
  },
  {
    name: 'async-cancel-while-waiting',
    build: asyncFlow,
    async act(wf, h, run) {
      const first = await run(wf, { context: { transactionId: 'tx-f' } });
      await settle(h);
      const c = await wf(undefined).cancel({
        transactionId: 'tx-f',
        events: h.events,
        throwOnError: false,
      });
      const cancelState = c.transaction.getState();
      await settle(h);
      const r = await wf(undefined).registerStepSuccess({
        idempotencyKey: `${h.id()}:tx-f:wait:invoke`,
        response: new h.sdk.StepResponse({ late: true }, { undo: 'late' }),
        events: h.events,
        throwOnError: false,
      });
      await settle(h);
      return { first, cancelState, final: r.transaction.getState() };
    },
  },
  {
    name: 'async-run-again-with-same-id',
    build: asyncFlow,
    async act(wf, h, run) {
      const first = await run(wf, { context: { transactionId: 'tx-same' } });
      await settle(h);
      const again = await run(wf, { context: { transactionId: 'tx-same' } });
      await settle(h);
      const r = await wf(undefined).registerStepSuccess({
        idempotencyKey: `${h.id()}:tx-same:wait:invoke`,
        response: { ok: true },
        events: h.events,
      });
      await settle(h);
      return { first, again, final: r.transaction.getState() };
    },
  },
  {
    name: 'async-register-step-response',
    build: asyncFlow,
    async act(wf, h, run) {
      await run(wf, { context: { transactionId: 'tx-g' } });
      await settle(h);
      const r = await wf(undefined).registerStepSuccess({
        idempotencyKey: `${h.id()}:tx-g:wait:invoke`,
        response: new h.sdk.StepResponse({ out: 1 }, { comp: 1 }),
        events: h.events,
      });
      await settle(h);
      return { state: r.transaction.getState(), result: r.result };
    },
  },
  {
    name: 'cancel-done-transaction',
    build(h) {
      const { createWorkflow, WorkflowResponse } = h.sdk;
      const a = h.step('a');
      const b = h.step('b', { compensate: false });
      const c = h.step('c');
      return createWorkflow(h.id(), () => new WorkflowResponse([a(), b(), c()]));
    },
    async act(wf, h) {
      const res = await wf.run({ context: { transactionId: 'tx-e' } });
      const cancelled = await wf(undefined).cancel({
        transaction: res.transaction,
        events: h.events,
      });
      return {
        state: cancelled.transaction.getState(),
        result: cancelled.result ?? null,
        unknown: await errorOf(() => wf(undefined).cancel({ transactionId: 'missing' })),
        again: await errorOf(() => wf(undefined).cancel({ transaction: res.transaction })),
      };
    },
  },
  {
    name: 'step-timeout',
    build(h) {
      const { createWorkflow } = h.sdk;
      const a = h.step('a');
      const slow = h.step('slow', { delay: 60, config: { timeout: 0.02 } });
      const c = h.step('c');
      return createWorkflow(h.id(), () => {
        a();
        slow();
        c();
      });
    },
  },
  {
    name: 'workflow-timeout',
    build(h) {
      const { createWorkflow } = h.sdk;
      const a = h.step('a');
      const slow = h.step('slow', { delay: 60 });
      const c = h.step('c');
      return createWorkflow({ name: h.id(), timeout: 0.02 }, () => {
        a();
        slow();
        c();
      });
    },
  },
  {
    name: 'step-timeout-continue',
    build(h) {
      const { createWorkflow } = h.sdk;
      const slow = h.step('slow', {
        delay: 60,
        config: { timeout: 0.02, continueOnPermanentFailure: true },
      });
      const c = h.step('c');
      return createWorkflow(h.id(), () => {
        slow();
        c();
      });
    },
  },
];
