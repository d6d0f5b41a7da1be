// Misuse: the exact messages the real package gives.
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import type { Scenario } from '../harness';
import { errorOf } from '../harness';

export const misuseScenarios: Scenario[] = [
  {
    name: 'misuse-messages',
    build(h) {
      return h.sdk.createWorkflow(h.id(), () => undefined);
    },
    async act(_wf, h) {
      const { createWorkflow, createStep, parallelize, when, createHook } = h.sdk;
      const s = createStep('lonely', async () => 1);
      const out: Record<string, unknown> = {};
      out.outside = await errorOf(() => s());
      out.parallelizeOutside = await errorOf(() => parallelize());
      out.parallelizeOne = await errorOf(() =>
        createWorkflow(h.id('p1'), () => void parallelize(s())),
      );
      out.duplicate = await errorOf(() => createWorkflow(h.id('dup'), () => void (s(), s())));
      out.whenNotFunction = await errorOf(() =>
        createWorkflow(h.id('w'), () => void when({}, 1 as never)),
      );
      out.inputConfig = await errorOf(() =>
        createWorkflow(
          h.id('ic'),
          (input: { config(c: unknown): unknown }) => void input.config({}),
        ),
      );
      out.ifNotFunction = await errorOf(() =>
        createWorkflow(h.id('if'), () => void s().if({}, 1 as never)),
      );
      const hooked = createWorkflow(h.id('hook'), () => {
        createHook('hk', {});
      });
      hooked.hooks.hk!((async () => 1) as never);
      out.doubleHook = await errorOf(() => hooked.hooks.hk!((async () => 2) as never));
      out.getName = hooked.getName();
      out.hookNames = Object.keys(hooked.hooks);
      const same = () => createWorkflow(h.id('same'), () => void s());
      same();
      out.redefineSame = await errorOf(same);
      const registry = (
        h.sdk as unknown as { MedusaWorkflow: { getWorkflow(id: string): unknown } }
      ).MedusaWorkflow;
      const exported = registry.getWorkflow(h.id('same')) as (c?: unknown) => { run: unknown };
      out.registryHasRun = typeof exported === 'function' && typeof exported().run === 'function';
      out.registryMissing = registry.getWorkflow('conf-no-such-workflow') ?? null;
      out.redefineDifferent = await errorOf(() =>
        createWorkflow(h.id('same'), () => void (s(), createStep('other', async () => 2)())),
      );
      return out;
    },
  },
  {
    name: 'throw-on-error-default',
    build(h) {
      const { createWorkflow } = h.sdk;
      const a = h.step('a');
      const b = h.step('b', { fail: true });
      return createWorkflow(h.id(), () => {
        a();
        b();
      });
    },
    async act(wf) {
      try {
        await wf.run({ context: { transactionId: 'tx-t' } });
        return 'resolved';
      } catch (e) {
        const o = e as Record<string, unknown>;
        return {
          isError: e instanceof Error,
          keys: Object.keys(o).sort(),
          message: o.message,
          code: o.code,
          tail: String(o.stack)
            .split('\n')
            .pop()!
            .replace(/sat .*?: \[/, 'sat ['),
        };
      }
    },
  },
  {
    // Medusa's orchestrator finds a step's parent by cutting its id at the last '.': a '.' in a
    // step's name leaves it without one, and every run fails before any step is invoked.
    name: 'dot-in-step-name',
    build(h) {
      const { createWorkflow } = h.sdk;
      const steps = ['a', 'b', 'c.d', 'e'].map((n) => h.step(n));
      return createWorkflow(h.id(), () => {
        for (const s of steps) s();
      });
    },
    async act(wf, _h, run) {
      const out: Record<string, unknown> = {};
      out.quiet = await errorOf(() => run(wf, { context: { transactionId: 'tx-q' } }));
      out.throwing = await errorOf(() => wf.run({ context: { transactionId: 'tx-t' } }));
      return out;
    },
  },
];
