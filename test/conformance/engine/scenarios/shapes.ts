// Workflow shapes from the examples: sequential, brand-with-logo, order (parallelize + when),
// the parallel-compensation example; forced failure at every step position.

import type { Helpers, Scenario } from '../harness';

function brand(fail?: string): Scenario {
  return {
    name: `brand-with-logo${fail ? `-fail-${fail}` : ''}`,
    input: { name: 'Acme', logo: 'acme.png' },
    build(h: Helpers) {
      const { createWorkflow, WorkflowResponse } = h.sdk;
      const createBrand = h.step('create-brand', {
        out: (i: unknown) => ({ id: 'b1', ...(i as object) }),
        comp: { id: 'b1' },
        fail: fail === 'create-brand',
      });
      const uploadLogo = h.step('upload-logo', {
        out: { url: 'cdn/acme.png' },
        fail: fail === 'upload-logo',
      });
      const updateBrand = h.step('update-brand', {
        out: (i: unknown) => i,
        comp: { previous: { logo: null } },
        fail: fail === 'update-brand',
      });
      return createWorkflow(h.id(), (input: { name: string; logo: string }) => {
        const b = createBrand({ name: input.name });
        const logo = uploadLogo({ file: input.logo, brand: b.id });
        const updated = updateBrand({ id: b.id, logo: logo.url });
        return new WorkflowResponse({ brand: updated });
      });
    },
  };
}

const ORDER_STEPS = [
  'validate-inventory',
  'create-order',
  'reserve-inventory',
  'capture-payment',
  'send-confirmation',
  'allocate-warehouse',
];

function order(fail?: string, notify = true): Scenario {
  return {
    name: `order${fail ? `-fail-${fail}` : ''}${notify ? '' : '-no-notify'}`,
    input: { items: [{ sku: 's1', qty: 2 }], notify },
    build(h) {
      const { createWorkflow, WorkflowResponse, parallelize, when, transform } = h.sdk;
      const f = (s: string) => fail === s;
      const validate = h.step('validate-inventory', {
        compensate: false,
        out: { ok: true },
        fail: f('validate-inventory'),
      });
      const createOrder = h.step('create-order', {
        out: { id: 'o1', total: 20 },
        fail: f('create-order'),
      });
      const reserve = h.step('reserve-inventory', {
        out: { reservation: 'r1' },
        fail: f('reserve-inventory'),
      });
      const capture = h.step('capture-payment', {
        out: { payment: 'p1' },
        fail: f('capture-payment'),
      });
      const send = h.step('send-confirmation', {
        out: { sent: true },
        fail: f('send-confirmation'),
      });
      const allocate = h.step('allocate-warehouse', {
        out: { warehouse: 'w1' },
        fail: f('allocate-warehouse'),
      });
      return createWorkflow(h.id(), (input: { items: unknown[]; notify: boolean }) => {
        validate({ items: input.items });
        const o = createOrder({ items: input.items });
        const [r, p] = parallelize(
          reserve({ order: o.id }),
          capture({ order: o.id, amount: o.total }),
        );
        const summary = transform({ o, r, p }, (d) => ({
          id: d.o.id,
          reservation: d.r.reservation,
          payment: d.p.payment,
        }));
        when({ input, summary }, (d) => d.input.notify).then(() => {
          send({ order: summary });
        });
        const a = allocate({ order: o.id });
        return new WorkflowResponse({ summary, warehouse: a.warehouse });
      });
    },
  };
}

function sequential(n: number, failAt?: number): Scenario {
  return {
    name: `seq${n}${failAt === undefined ? '' : `-fail-${failAt}`}`,
    input: { n: 0 },
    build(h) {
      const { createWorkflow, WorkflowResponse } = h.sdk;
      const steps = Array.from({ length: n }, (_, i) =>
        h.step(`s${i}`, {
          out: (inp: unknown) => ({ n: ((inp as { n: number }).n ?? 0) + 1 }),
          fail: i === failAt,
        }),
      );
      return createWorkflow(h.id(), (input: { n: number }) => {
        let prev: unknown = input;
        for (const s of steps) prev = s(prev);
        return new WorkflowResponse(prev);
      });
    },
  };
}

function parallelExample(fail: string): Scenario {
  return {
    name: `parallel-compensation-fail-${fail}`,
    build(h) {
      const { createWorkflow, parallelize } = h.sdk;
      const [a, b, c, d, e, f] = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) =>
        h.step(n, { fail: n === fail }),
      );
      return createWorkflow(h.id(), () => {
        a!();
        b!();
        parallelize(c!(), d!());
        e!();
        f!();
      });
    },
  };
}

function deepParallel(fail: string): Scenario {
  return {
    name: `deep-parallel-fail-${fail}`,
    build(h) {
      const { createWorkflow, parallelize } = h.sdk;
      const names = ['root', 'l1', 'l2', 'l3', 'm1', 'm2', 'tail'];
      const s = Object.fromEntries(
        names.map((n) => [n, h.step(n, { fail: n === fail, compensate: n !== 'm1' })]),
      );
      return createWorkflow(h.id(), () => {
        s.root!();
        parallelize(s.l1!(), s.l2!(), s.l3!());
        parallelize(s.m1!(), s.m2!());
        s.tail!();
      });
    },
  };
}

export const shapeScenarios: Scenario[] = [
  sequential(3),
  sequential(4, 0),
  sequential(4, 2),
  sequential(4, 3),
  brand(),
  brand('create-brand'),
  brand('upload-logo'),
  brand('update-brand'),
  order(),
  order(undefined, false),
  ...ORDER_STEPS.map((s) => order(s)),
  order('allocate-warehouse', false),
  ...['a', 'b', 'c', 'd', 'e', 'f'].map(parallelExample),
  ...['l2', 'm2', 'tail'].map(deepParallel),
];
