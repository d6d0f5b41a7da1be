// Data flow: JSON-cloned inputs, lazy property access, transforms (cached per run), parallel
// sibling reads, when (both signatures, pass-through values), raw return values, step context.
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import type { Scenario } from '../harness';

export const dataScenarios: Scenario[] = [
  {
    name: 'json-clone-input',
    input: {
      when: new Date(0),
      nested: { keep: 1, drop: undefined, fn: () => 1 },
      list: [1, { a: undefined }],
      map: new Map([[1, 2]]),
    },
    build(h) {
      const { createWorkflow, WorkflowResponse } = h.sdk;
      const a = h.step('a', { out: (i: unknown) => ({ got: i, at: new Date(1000) }) });
      const b = h.step('b', { out: (i: unknown) => i });
      return createWorkflow(h.id(), (input: unknown) => {
        const ra = a(input);
        const rb = b({ at: ra.at, got: ra.got, lit: { d: new Date(2000) } });
        return new WorkflowResponse({ ra, rb });
      });
    },
  },
  {
    name: 'mutation-does-not-leak',
    input: { list: [1] },
    build(h) {
      const { createWorkflow, createStep, StepResponse, WorkflowResponse } = h.sdk;
      const shared = { items: [1, 2] };
      const a = createStep('a', async () => new StepResponse(shared));
      const b = createStep('b', async (i: { items: number[] }) => {
        i.items.push(99);
        h.log('b', i);
        return new StepResponse(i.items.length);
      });
      const c = createStep('c', async (i: unknown) => new StepResponse(i));
      return createWorkflow(h.id(), () => {
        const ra = a();
        const rb = b(ra);
        const rc = c({ ra, rb });
        return new WorkflowResponse(rc);
      });
    },
  },
  {
    name: 'parallel-sibling-read',
    build(h) {
      const { createWorkflow, parallelize, WorkflowResponse } = h.sdk;
      const a = h.step('a', { out: { v: 'a' } });
      const b = h.step('b', { out: (i: unknown) => ({ seen: i }) });
      const c = h.step('c', { out: (i: unknown) => ({ seen: i }) });
      return createWorkflow(h.id(), () => {
        const ra = a();
        const [rb, rc] = parallelize(b({ fromA: ra.v }), c({ fromB: undefined as unknown }));
        return new WorkflowResponse({ rb, rc });
      });
    },
  },
  {
    name: 'parallel-sibling-read-direct',
    build(h) {
      const { createWorkflow, parallelize, WorkflowResponse } = h.sdk;
      const a = h.step('a', { out: { v: 'a' } });
      const b = h.step('b', { out: (i: unknown) => ({ seen: i }) });
      return createWorkflow(h.id(), () => {
        const ra = a();
        // b reads a while running in parallel with it
        const [x, y] = parallelize(ra, b({ sibling: ra, prop: ra.v }));
        return new WorkflowResponse({ x, y });
      });
    },
  },
  {
    name: 'transform-cached-per-run',
    input: { n: 2 },
    build(h) {
      const { createWorkflow, transform, WorkflowResponse } = h.sdk;
      const a = h.step('a', { out: (i: unknown) => i });
      const b = h.step('b', { out: (i: unknown) => i });
      return createWorkflow(h.id(), (input: { n: number }) => {
        const doubled = transform({ input }, (d) => {
          h.log('transform', d);
          return { n: d.input.n * 2 };
        });
        const ra = a(doubled);
        const rb = b({ again: doubled, n: doubled.n });
        return new WorkflowResponse({ ra, rb, doubled });
      });
    },
  },
  {
    name: 'transform-chain-async',
    input: { n: 3 },
    build(h) {
      const { createWorkflow, transform, WorkflowResponse } = h.sdk;
      const a = h.step('a', { out: (i: unknown) => i });
      return createWorkflow(h.id(), (input: { n: number }) => {
        const t = transform(
          input,
          async (d: { n: number }) => (await h.tick(), d.n + 1),
          (n: number) => ({ n: n * 10 }),
        );
        return new WorkflowResponse(a(t));
      });
    },
  },
  {
    name: 'lazy-property-access',
    build(h) {
      const { createWorkflow, WorkflowResponse } = h.sdk;
      const a = h.step('a', { out: { user: { id: 'u1', tags: ['x'] }, count: 3 } });
      const b = h.step('b', { out: (i: unknown) => i });
      return createWorkflow(h.id(), () => {
        const { user, count } = a();
        const rb = b({ id: user.id, first: user.tags, count, missing: user.nothing });
        return new WorkflowResponse(rb);
      });
    },
  },
  {
    name: 'raw-return-values',
    build(h) {
      const { createWorkflow, createStep, WorkflowResponse } = h.sdk;
      const u = createStep('u', async () => undefined);
      const n = createStep('n', async () => null);
      const z = createStep('z', async () => 0);
      const s = createStep('s', async () => 'str');
      const o = createStep('o', async () => ({ plain: true }));
      const read = h.step('read', { out: (i: unknown) => i });
      return createWorkflow(h.id(), () => {
        const ru = u();
        const rn = n();
        const rz = z();
        const rs = s();
        const ro = o();
        return new WorkflowResponse(read({ ru, rn, rz, rs, ro }));
      });
    },
  },
  {
    name: 'no-input-gets-empty-object',
    build(h) {
      const { createWorkflow, WorkflowResponse } = h.sdk;
      const a = h.step('a', { out: (i: unknown) => ({ received: i }) });
      const b = h.step('b', { out: (i: unknown) => ({ received: i }) });
      return createWorkflow(h.id(), () => new WorkflowResponse([a(), b(0)]));
    },
  },
  {
    name: 'step-context-fields',
    build(h) {
      const { createWorkflow, createStep, StepResponse } = h.sdk;
      const record = (kind: string) => async (_: unknown, ctx: Record<string, unknown>) => {
        await h.tick();
        const meta = ctx.metadata as Record<string, unknown>;
        h.log(kind, {
          workflowId: ctx.workflowId,
          stepName: ctx.stepName,
          action: ctx.action,
          attempt: ctx.attempt,
          idempotencyKey: ctx.idempotencyKey,
          transactionId: ctx.transactionId,
          meta: [meta.model_id, meta.idempotency_key, meta.action, meta.action_type, meta.attempt],
          hasContainer: typeof (ctx.container as { resolve?: unknown }).resolve,
          contextTx: (ctx.context as Record<string, unknown>).transactionId,
          preventReleaseEvents: ctx.preventReleaseEvents,
        });
        return new StepResponse(kind);
      };
      const a = createStep(
        { name: 'ctx-a', maxRetries: 1 },
        record('invoke') as never,
        record('compensate') as never,
      );
      const fail = h.step('fail', { fail: true });
      return createWorkflow(h.id(), () => {
        a();
        fail();
      });
    },
  },
  {
    name: 'when-true-false-and-passthrough',
    input: { flag: true, other: false },
    build(h) {
      const { createWorkflow, when, WorkflowResponse } = h.sdk;
      const a = h.step('a', { out: { v: 5 } });
      const yes = h.step('yes');
      const no = h.step('no');
      const after = h.step('after', { out: (i: unknown) => i });
      return createWorkflow(h.id(), (input: { flag: boolean; other: boolean }) => {
        const ra = a();
        const y = when({ input, ra }, (d) => d.input.flag && d.ra.v === 5).then(() => yes());
        const n = when('named-when', { input }, (d) => d.input.other).then(() => {
          no();
          return { computed: ra.v };
        });
        const rafter = after({ y, n });
        return new WorkflowResponse({ y, n, rafter });
      });
    },
  },
  {
    name: 'when-per-step-evaluation',
    input: { count: 0 },
    build(h) {
      const { createWorkflow, when } = h.sdk;
      const s1 = h.step('s1');
      const s2 = h.step('s2');
      return createWorkflow(h.id(), (input: unknown) => {
        when({ input }, (d) => {
          h.log('condition', d);
          return true;
        }).then(() => {
          s1();
          s2();
        });
      });
    },
  },
  {
    name: 'config-rename-same-step-twice',
    build(h) {
      const { createWorkflow, WorkflowResponse } = h.sdk;
      const s = h.step('s', { out: (i: unknown) => i });
      const f = h.step('f', { fail: true });
      return createWorkflow(h.id(), () => {
        const one = s({ n: 1 });
        const two = s({ n: 2 }).config({ name: 's-again' });
        f();
        return new WorkflowResponse({ one, two });
      });
    },
  },
  {
    name: 'config-object-step-and-no-compensation-flag',
    build(h) {
      const { createWorkflow, createStep, StepResponse } = h.sdk;
      const a = createStep(
        { name: 'cfg-a', noCompensation: true },
        async () => (await h.tick(), new StepResponse('a')),
        async (c: unknown) => {
          h.log('cfg-a~', c);
        },
      );
      const b = h.step('b', { fail: true });
      return createWorkflow(h.id(), () => {
        a();
        b();
      });
    },
  },
  {
    name: 'workflow-response-plain-and-undefined',
    build(h) {
      const { createWorkflow } = h.sdk;
      const a = h.step('a', { out: { v: 1 } });
      return createWorkflow(h.id(), () => {
        a();
      });
    },
  },
  {
    name: 'transform-as-result-recomputed',
    build(h) {
      const { createWorkflow, transform, WorkflowResponse } = h.sdk;
      const a = h.step('a', { out: { v: 2 } });
      const b = h.step('b', { out: (i: unknown) => i });
      return createWorkflow(h.id(), () => {
        const ra = a();
        const t = transform({ ra }, (d: { ra: { v: number } }) => {
          h.log('t', d);
          return d.ra.v + 1;
        });
        b({ t });
        return new WorkflowResponse(t);
      });
    },
  },
  {
    name: 'async-composer-result',
    build(h) {
      const { createWorkflow, WorkflowResponse } = h.sdk;
      const a = h.step('a', { out: { v: 1 } });
      return createWorkflow(h.id(), (async () => {
        const ra = a();
        return new WorkflowResponse({ ra });
      }) as never);
    },
  },
  {
    name: 'class-instance-output',
    build(h) {
      const { createWorkflow, createStep, StepResponse, WorkflowResponse } = h.sdk;
      class Money {
        constructor(readonly amount: number) {}
        get doubled(): number {
          return this.amount * 2;
        }
        toJSON() {
          return { amount: this.amount, currency: 'eur' };
        }
      }
      const a = createStep('a', async () => new StepResponse(new Money(5)));
      const b = h.step('b', { out: (i: unknown) => i });
      return createWorkflow(h.id(), () => {
        const m = a();
        return new WorkflowResponse({ direct: m, read: b({ m, amount: m.amount }) });
      });
    },
  },
];
