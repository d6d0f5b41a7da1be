// What run() returns besides the trace: `errors` (invoke errors only, plus an error thrown while
// resolving the result, appended as is) and the key order of resolved step inputs (Medusa's
// resolveValue places keys read through a transform after the others), hand-written and seeded.
import type { Helpers, Scenario } from '../harness';
import { prng } from './random';

type Shape = string | [string, Shape][] | Shape[];

/** Keys in order, recursively: what a step that iterates its input would see. */
function shape(value: unknown): Shape {
  if (Array.isArray(value)) return value.map(shape);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shape(v)]);
}

/** A step that logs the shape of its input under its name. */
function keysStep(h: Helpers, name: string) {
  return h.sdk.createStep(name, async (input: unknown) => {
    await h.tick();
    h.log(name, shape(input));
    return new h.sdk.StepResponse(input);
  });
}

/** A workflow whose `probe` step receives `build(refs)`, refs from two earlier steps and input. */
function keyOrder(name: string, build: (r: Refs) => unknown): Scenario {
  return {
    name,
    input: { id: 'in-1', tags: ['t'], meta: { a: 1 } },
    build(h) {
      const { createWorkflow, WorkflowResponse } = h.sdk;
      const first = h.step('first', {
        out: {
          id: 'f1',
          when: 'now',
          tags: ['a', 'b'],
          deep: { x: { y: 1 } },
          kv: { key: 'kk', value: 5 },
          n: 0,
        },
      });
      const other = h.step('other', { out: { other: true, list: [1, 2] } });
      const probe = keysStep(h, 'probe');
      return createWorkflow(h.id(), (input: Record<string, unknown>) => {
        const f = first() as unknown as Record<string, unknown>;
        const o = other() as unknown as Record<string, unknown>;
        const t = h.sdk.transform({ f }, (d: { f: { id: string } }) => `t-${d.f.id}`);
        return new WorkflowResponse(probe(build({ f, o, input, t })));
      });
    },
  };
}

interface Refs {
  f: Record<string, unknown>;
  o: Record<string, unknown>;
  input: Record<string, unknown>;
  t: unknown;
}

type Leaf = (r: Refs) => unknown;

const leaves: Record<string, Leaf> = {
  plain: () => 'plain',
  num: () => 7,
  nil: () => null,
  ref: (r) => r.f,
  other: (r) => r.o,
  input: (r) => r.input,
  prop: (r) => r.f.when,
  deepProp: (r) => (r.f.deep as Record<string, Record<string, unknown>>).x!.y,
  objProp: (r) => r.f.deep,
  inputProp: (r) => r.input.id,
  transform: (r) => r.t,
  array: (r) => [r.f.id, 'x', r.o],
};

/** A seeded input object mixing every kind of leaf with nested objects, up to depth 3. */
function randomInput(seed: number): (r: Refs) => unknown {
  const rnd = prng(seed);
  const kinds = Object.keys(leaves);
  const node = (depth: number): ((r: Refs) => unknown) => {
    const width = 2 + Math.floor(rnd() * 4);
    const fields: [string, (r: Refs) => unknown][] = [];
    for (let i = 0; i < width; i++) {
      const nest = depth < 3 && rnd() < 0.25;
      const kind = kinds[Math.floor(rnd() * kinds.length)]!;
      fields.push([`k${i}`, nest ? node(depth + 1) : leaves[kind]!]);
    }
    return (r) => Object.fromEntries(fields.map(([k, f]) => [k, f(r)]));
  };
  return node(1);
}

function resultError(name: string, failing: boolean): Scenario {
  return {
    name,
    build(h) {
      const { createWorkflow, transform, WorkflowResponse } = h.sdk;
      const a = h.step('a', { compFail: failing });
      const x = h.step('x', { fail: failing });
      const c = h.step('c', { fail: !failing });
      return createWorkflow(h.id(), () => {
        a();
        x();
        const rc = c() as unknown as { c: boolean };
        // Reads a step that never ran (it failed): a TypeError while resolving the result.
        const out = transform({ rc }, (d: { rc: { c: { id: string } } }) => d.rc.c.id);
        return new WorkflowResponse(out);
      });
    },
  };
}

export const resultScenarios: Scenario[] = [
  resultError('result-error-appended-after-failure', true),
  resultError('result-error-appended-after-last-step-failed', false),
  {
    name: 'result-error-appended-on-success',
    build(h) {
      const { createWorkflow, transform, WorkflowResponse } = h.sdk;
      const a = h.step('a');
      return createWorkflow(h.id(), () => {
        const ra = a();
        const out = transform({ ra }, (d: { ra: { none?: { id: string } } }) => d.ra.none!.id);
        return new WorkflowResponse(out);
      });
    },
  },
  keyOrder('key-order-issue-example', (r) => ({
    p: r.f,
    s: r.o,
    d: r.f.when,
    nested: { tags: r.f.tags },
  })),
  keyOrder('key-order-plain-refs-props', (r) => ({
    a: r.f.id,
    b: 'plain',
    c: r.o,
    d: { e: 1, f: r.o.list, g: { h: r.input.id, i: 2 } },
    j: r.input,
    k: null,
    l: r.t,
    m: [r.f.id, { n: r.o.other, o: 1 }],
  })),
  keyOrder('key-order-top-level-property', (r) => r.f.deep),
  keyOrder('key-order-property-of-object-with-key-field', (r) => ({
    a: 1,
    b: r.f.kv,
    c: r.f.when,
  })),
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
    keyOrder(`key-order-random-${seed}`, randomInput(seed)),
  ),
];
