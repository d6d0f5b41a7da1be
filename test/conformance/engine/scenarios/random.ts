// Seeded random shapes: chains of single steps and parallel groups, with `when` blocks, skips,
// retries and one failing position (invoke or compensation), compared like the hand-written ones.
import type { Helpers, Scenario, StepSpec } from '../harness';

export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Plan {
  groups: { names: string[]; when: boolean }[];
  specs: Record<string, StepSpec>;
}

function planFor(seed: number): Plan {
  const rnd = prng(seed);
  const groups: Plan['groups'] = [];
  const specs: Record<string, StepSpec> = {};
  const count = 3 + Math.floor(rnd() * 4);
  let k = 0;
  for (let g = 0; g < count; g++) {
    const width = rnd() < 0.4 ? 2 + Math.floor(rnd() * 3) : 1;
    const names = Array.from({ length: width }, () => `r${k++}`);
    groups.push({ names, when: width === 1 && rnd() < 0.2 });
    for (const n of names) {
      const spec: StepSpec = { out: { from: n } };
      const r = rnd();
      if (r < 0.1) spec.skip = true;
      else if (r < 0.2) spec.compensate = false;
      else if (r < 0.3) spec.config = { maxRetries: 1 };
      specs[n] = spec;
    }
  }
  const all = Object.keys(specs);
  const target = all[Math.floor(rnd() * all.length)]!;
  const kind = rnd();
  if (kind < 0.6)
    specs[target] = { ...specs[target], skip: false, fail: specs[target]!.config ? 1 : true };
  else if (kind < 0.8) specs[target] = { ...specs[target], compFail: true, compensate: true };
  const last = all[all.length - 1]!;
  if (kind >= 0.6 && target !== last) specs[last] = { ...specs[last], skip: false, fail: true };
  return { groups, specs };
}

function randomScenario(seed: number): Scenario {
  return {
    name: `random-${seed}`,
    input: { seed },
    build(h: Helpers) {
      const { createWorkflow, parallelize, when, WorkflowResponse } = h.sdk;
      const plan = planFor(seed);
      const fns = Object.fromEntries(Object.entries(plan.specs).map(([n, s]) => [n, h.step(n, s)]));
      return createWorkflow(h.id(), (input: { seed: number }) => {
        let prev: unknown = input;
        const outs: unknown[] = [];
        for (const g of plan.groups) {
          if (g.when) {
            const name = g.names[0]!;
            const out = when(
              { input },
              (d: { input: { seed: number } }) => d.input.seed % 2 === 0,
            ).then(() => fns[name]!({ prev }));
            outs.push(out);
            prev = out;
          } else if (g.names.length === 1) {
            prev = fns[g.names[0]!]!({ prev });
            outs.push(prev);
          } else {
            const list = parallelize(...g.names.map((n) => fns[n]!({ prev })));
            outs.push(...list);
            prev = list[0];
          }
        }
        return new WorkflowResponse(outs);
      });
    },
  };
}

export const randomScenarios: Scenario[] = Array.from({ length: 24 }, (_, i) =>
  randomScenario(101 + i * 7),
);
