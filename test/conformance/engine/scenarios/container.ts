// Container-facing behaviour: grouped events released (or cleared) through `event_bus` when a
// run ends, errors logged through `logger` with logOnError, null in StepResponse.
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import { asValue, createContainer } from 'awilix';
import type { Helpers, Scenario } from '../harness';

function containerFor(h: Helpers) {
  const c = createContainer();
  c.register(
    'event_bus',
    asValue({
      releaseGroupedEvents: async (group: string) => h.log('bus', ['release', group]),
      clearGroupedEvents: async (group: string) => h.log('bus', ['clear', group]),
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

export const containerScenarios: Scenario[] = [
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
