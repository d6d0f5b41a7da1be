// Container-facing behaviour: grouped events released (or cleared) through `event_bus` when a
// run ends, errors logged through `logger` with logOnError, null in StepResponse.
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import { asValue, createContainer } from 'awilix';
import type { Helpers, Scenario } from '../harness';

function containerFor(h: Helpers, tag = '') {
  const c = createContainer();
  c.register('tag', asValue(tag || 'main'));
  c.register(
    'event_bus',
    asValue({
      releaseGroupedEvents: async (group: string) => h.log('bus', ['release', group, tag]),
      clearGroupedEvents: async (group: string) => h.log('bus', ['clear', group, tag]),
    }),
  );
  c.register(
    'logger',
    asValue({
      error: (msg: string) => h.log('logger', String(msg).split('\n')[0]),
      warn: (msg: string) => h.log('logger', String(msg)),
      info: () => undefined,
    }),
  );
  return c;
}

function withBus(fail: boolean): Scenario {
  return {
    name: `event-bus-release-${fail ? 'failed' : 'done'}`,
    build(h) {
      const { createWorkflow } = h.sdk;
      const a = h.step('a');
      const b = h.step('b', { fail });
      return createWorkflow(h.id(), () => {
        a();
        b();
      });
    },
    async act(wf, h, run) {
      const out = await run(wf, {
        container: containerFor(h),
        context: { transactionId: 'tx-bus', eventGroupId: 'group-1' },
        logOnError: true,
      });
      for (let i = 0; i < 5; i++) await h.tick();
      return out;
    },
  };
}

function tagStep(h: Helpers, name: string) {
  return h.sdk.createStep(
    name,
    async (_: unknown, { container }: { container: { resolve(k: string): string } }) => {
      await h.tick();
      h.log(name, container.resolve('tag'));
      return new h.sdk.StepResponse(name);
    },
    async (
      _: unknown,
      { container }: { container: { resolve(k: string, o?: object): unknown } },
    ) => {
      await h.tick();
      h.log(`${name}~`, container.resolve('tag', { allowUnregistered: true }) ?? 'none');
    },
  );
}

export const containerScenarios: Scenario[] = [
  {
    name: 'cancel-with-another-container',
    build(h) {
      const a = tagStep(h, 'a');
      const b = tagStep(h, 'b');
      return h.sdk.createWorkflow(h.id(), () => {
        a();
        b();
      });
    },
    async act(wf, h) {
      const res = await wf(containerFor(h, 'first') as never).run({
        context: { transactionId: 'tx-c1', eventGroupId: 'g-c1' },
        events: h.events,
      });
      const cancelled = await wf(containerFor(h, 'second') as never).cancel({
        transaction: res.transaction,
        events: h.events,
      });
      for (let i = 0; i < 5; i++) await h.tick();
      return { state: cancelled.transaction.getState() };
    },
  },
  {
    name: 'async-resume-uses-new-container',
    build(h) {
      const { createWorkflow, createStep } = h.sdk;
      const a = tagStep(h, 'a');
      const wait = createStep({ name: 'wait', async: true }, (async () => {
        await h.tick();
      }) as never);
      const b = tagStep(h, 'b');
      return createWorkflow(h.id(), () => {
        a();
        wait();
        b();
      });
    },
    async act(wf, h, run) {
      await run(wf, {
        container: containerFor(h, 'first'),
        context: { transactionId: 'tx-r1', eventGroupId: 'g-r1' },
      });
      for (let i = 0; i < 5; i++) await h.tick();
      const r = await wf(containerFor(h, 'second') as never).registerStepSuccess({
        idempotencyKey: `${h.id()}:tx-r1:wait:invoke`,
        response: { ok: 1 },
        events: h.events,
      });
      for (let i = 0; i < 5; i++) await h.tick();
      return { state: r.transaction.getState() };
    },
  },
  withBus(false),
  withBus(true),
  {
    name: 'step-response-null',
    build(h) {
      const { createWorkflow, createStep, StepResponse, WorkflowResponse } = h.sdk;
      const a = createStep(
        'a',
        async () => new StepResponse(null, { undo: 'a' }),
        async (c: unknown) => void h.log('a~', c ?? 'nullish'),
      );
      const b = createStep(
        'b',
        async () => new StepResponse({ out: 'b' }, null),
        async (c: unknown) => void h.log('b~', c ?? 'nullish'),
      );
      const read = h.step('read', { out: (i: unknown) => i, fail: true });
      return createWorkflow(h.id(), () => {
        const ra = a();
        const rb = b();
        return new WorkflowResponse(read({ ra, rb }));
      });
    },
  },
];
