// Nested workflows (runAsStep) and hooks, with failures at every position.
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */

import type { Scenario } from '../harness';

function nested(fail?: string): Scenario {
  return {
    name: `nested${fail ? `-fail-${fail}` : ''}`,
    input: { v: 1 },
    build(h) {
      const { createWorkflow, WorkflowResponse } = h.sdk;
      const c1 = h.step('c1', { out: (i: unknown) => ({ c1: i }), fail: fail === 'c1' });
      const c2 = h.step('c2', { out: { c2: true }, fail: fail === 'c2' });
      const child = createWorkflow(h.id('child'), (input: unknown) => {
        const r1 = c1(input);
        const r2 = c2({ r1 });
        return new WorkflowResponse({ r1, r2 });
      });
      const p1 = h.step('p1', { fail: fail === 'p1' });
      const p2 = h.step('p2', { out: (i: unknown) => i, fail: fail === 'p2' });
      return createWorkflow(h.id(), (input: { v: number }) => {
        p1();
        const sub = child.runAsStep({ input: { v: input.v } });
        const r = p2({ sub });
        return new WorkflowResponse(r);
      });
    },
  };
}

function hooked(fail?: string, register = true): Scenario {
  return {
    name: `hook${register ? '' : '-unregistered'}${fail ? `-fail-${fail}` : ''}`,
    input: { name: 'n' },
    build(h) {
      const { createWorkflow, createHook, WorkflowResponse } = h.sdk;
      const make = h.step('make', { out: { id: 'm1' }, fail: fail === 'make' });
      const after = h.step('after', { out: (i: unknown) => i, fail: fail === 'after' });
      const wf = createWorkflow(h.id(), (input: { name: string }) => {
        const m = make(input);
        const created = createHook('created', { id: m.id, name: input.name });
        const res = after({ hookResult: created.getResult() });
        return new WorkflowResponse(res, { hooks: [created] });
      });
      if (register) {
        wf.hooks.created!(
          (async (input: unknown) => {
            await h.tick();
            h.log('hook', input);
            if (fail === 'hook') throw new Error('hook failed');
            return new h.sdk.StepResponse({ extra: true }, { undo: 'created' });
          }) as never,
          (async (input: unknown) => {
            await h.tick();
            h.log('hook~', input);
          }) as never,
        );
      }
      return wf;
    },
  };
}

function hookInWhen(flag: boolean): Scenario {
  return {
    name: `hook-inside-when-${flag}`,
    input: { flag },
    build(h) {
      const { createWorkflow, createHook, when, WorkflowResponse } = h.sdk;
      const a = h.step('a');
      const z = h.step('z', { fail: true });
      const wf = createWorkflow(h.id(), (input: { flag: boolean }) => {
        a();
        const hk = when({ input }, (d) => d.input.flag).then(() => createHook('maybe', { x: 1 }));
        z();
        return new WorkflowResponse(null, { hooks: [hk] });
      });
      wf.hooks.maybe!(
        (async (input: unknown) => (
          await h.tick(),
          h.log('maybe', input),
          new h.sdk.StepResponse('m')
        )) as never,
        (async (input: unknown) => (await h.tick(), h.log('maybe~', input))) as never,
      );
      return wf;
    },
  };
}

function hookRaw(): Scenario {
  return {
    name: 'hook-handler-raw-return',
    build(h) {
      const { createWorkflow, createHook, WorkflowResponse } = h.sdk;
      const a = h.step('a', { out: { id: 'a1' } });
      const wf = createWorkflow(h.id(), () => {
        const ra = a();
        const hk = createHook('rawHook', { id: ra.id });
        return new WorkflowResponse({ result: hk.getResult() }, { hooks: [hk] });
      });
      wf.hooks.rawHook!((async (input: { id: string }) => ({
        output: `raw-${input.id}`,
        other: 1,
      })) as never);
      return wf;
    },
  };
}

function whenInParallel(flag: boolean, fail?: string): Scenario {
  return {
    name: `when-in-parallelize-${flag}${fail ? `-fail-${fail}` : ''}`,
    input: { flag },
    build(h) {
      const { createWorkflow, parallelize, when, WorkflowResponse } = h.sdk;
      const a = h.step('a');
      const w1 = h.step('w1', { fail: fail === 'w1' });
      const w2 = h.step('w2');
      const p = h.step('p', { fail: fail === 'p' });
      const z = h.step('z', { out: (i: unknown) => i, fail: fail === 'z' });
      return createWorkflow(h.id(), (input: { flag: boolean }) => {
        a();
        const [r1, r2] = parallelize(
          when({ input }, (d: { input: { flag: boolean } }) => d.input.flag).then(() => {
            const x = w1();
            w2();
            return x;
          }),
          p(),
        );
        return new WorkflowResponse(z({ r1, r2 }));
      });
    },
  };
}

export const nestedScenarios: Scenario[] = [
  hookRaw(),
  whenInParallel(true),
  whenInParallel(false),
  whenInParallel(true, 'w1'),
  whenInParallel(true, 'z'),
  hookInWhen(true),
  hookInWhen(false),
  nested(),
  nested('p1'),
  nested('c1'),
  nested('c2'),
  nested('p2'),
  hooked(),
  hooked(undefined, false),
  hooked('make'),
  hooked('hook'),
  hooked('after'),
  hooked('after', false),
];
