// Property tests: the scheduler the engine runs (runtime/scheduling.ts's Scheduler, driven by
// runtime/run.ts) hands out the same waves as the whole-wave reference model (invokeWave,
// compensationWave), for random workflow shapes and random failure positions.
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FlowNode } from '../../../engine/src/runtime/flow';
import {
  createStep,
  createWorkflow,
  getWorkflowFlow,
  parallelize,
  StepResponse,
  WorkflowResponse,
  type EngineEvent,
  type StepState,
} from '../../../engine/src/index';
import {
  buildPlan,
  compensationWave,
  invokeWave,
  Scheduler,
  stepsToRevert,
  type Plan,
} from '../../../engine/src/runtime/scheduling';

interface Outcome {
  invoke: 'done' | 'failed' | 'skipped';
  compensate: 'reverted' | 'failed';
  noCompensation: boolean;
}

interface Waves {
  forward: number[][];
  backward: number[][];
}

/** The reference model: whole waves recomputed from the states after each wave. */
function modelWaves(plan: Plan, out: readonly Outcome[]): Waves {
  const inv: StepState[] = plan.steps.map(() => 'not_started');
  const status: string[] = plan.steps.map(() => 'idle');
  const forward: number[][] = [];
  let failed = false;
  while (!failed) {
    const wave = invokeWave(plan, inv);
    if (wave.length === 0) break;
    forward.push(wave);
    for (const i of wave) {
      inv[i] = out[i]!.invoke;
      status[i] = inv[i] === 'failed' ? 'permanent_failure' : 'ok';
      if (inv[i] === 'failed') failed = true;
    }
  }
  const backward: number[][] = [];
  if (!failed) return { forward, backward };
  const comp: StepState[] = plan.steps.map(() => 'dormant');
  for (const i of stepsToRevert(inv.map((state, i) => ({ state, status: status[i]! }))))
    comp[i] = 'not_started';
  for (;;) {
    const wave = compensationWave(plan, comp);
    if (wave.length === 0) break;
    backward.push(wave);
    for (const i of wave) comp[i] = out[i]!.noCompensation ? 'reverted' : out[i]!.compensate;
  }
  return { forward, backward };
}

interface FakeRecord {
  invoke: { state: StepState; status: string };
  compensate: { state: StepState; status: string };
  stepFailed: boolean;
  getStates(): { state: StepState; status: string };
}

/** Drives the incremental Scheduler the way runtime/run.ts does, with scripted outcomes. */
function schedulerWaves(plan: Plan, out: readonly Outcome[]): Waves & { complete: boolean } {
  const recs: FakeRecord[] = plan.steps.map(() => ({
    invoke: { state: 'not_started', status: 'idle' },
    compensate: { state: 'dormant', status: 'idle' },
    stepFailed: false,
    getStates() {
      return this.stepFailed ? this.compensate : this.invoke;
    },
  }));
  const s = new Scheduler(plan, recs);
  const forward: number[][] = [];
  let failed = false;
  while (!failed) {
    const wave = [...s.nextWave('invoking')];
    if (wave.length === 0) break;
    forward.push(wave);
    for (const i of wave) {
      const r = recs[i]!.invoke;
      const was = r.state;
      r.state = out[i]!.invoke;
      r.status = r.state === 'failed' ? 'permanent_failure' : 'ok';
      s.invokeStateChanged(i, was, r.state);
      if (r.state === 'failed') failed = true;
    }
  }
  const backward: number[][] = [];
  if (!failed) return { forward, backward, complete: s.isComplete('invoking') };
  const reverting = s.toRevert();
  for (const i of reverting) {
    recs[i]!.stepFailed = true;
    recs[i]!.compensate.state = 'not_started';
  }
  s.beginCompensation(reverting);
  for (;;) {
    const wave = [...s.nextWave('compensating')];
    if (wave.length === 0) break;
    backward.push(wave);
    for (const i of wave) {
      recs[i]!.compensate.state = out[i]!.noCompensation ? 'reverted' : out[i]!.compensate;
      s.compensationFinished(i);
    }
  }
  return { forward, backward, complete: s.isComplete('compensating') };
}

const outcome: fc.Arbitrary<Outcome> = fc.record({
  invoke: fc.constantFrom<Outcome['invoke']>('done', 'done', 'done', 'skipped', 'failed'),
  compensate: fc.constantFrom<Outcome['compensate']>('reverted', 'reverted', 'failed'),
  noCompensation: fc.boolean(),
});

/** A random tree: step k hangs under a random earlier step, or at the root. */
const tree = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: n }, (_, k) => fc.integer({ min: -1, max: k - 1 }))),
      fc.array(outcome, { minLength: n, maxLength: n }),
    ),
  )
  .map(([parents, outcomes]) => ({ flow: flowOf(parents), outcomes }));

function flowOf(parents: number[]): FlowNode {
  const nodes: FlowNode[] = parents.map((_, k) => ({ action: `s${k}` }));
  const attach = (holder: { next?: FlowNode | FlowNode[] }, child: FlowNode): void => {
    if (holder.next === undefined) holder.next = child;
    else if (Array.isArray(holder.next)) holder.next.push(child);
    else holder.next = [holder.next, child];
  };
  const root: { next?: FlowNode | FlowNode[] } = {};
  parents.forEach((p, k) => attach(p < 0 ? root : nodes[p]!, nodes[k]!));
  return root as FlowNode;
}

/** Each step's outcome, by plan index (the arbitraries are by step number). */
function byPlan(plan: Plan, outcomes: readonly Outcome[]): Outcome[] {
  return plan.steps.map((s) => outcomes[Number(s.name.slice(1))]!);
}

describe('engine scheduler = reference model (property)', () => {
  it('hands out the reference waves on random trees with random failures', () => {
    fc.assert(
      fc.property(tree, ({ flow, outcomes }) => {
        const plan = buildPlan(flow);
        const out = byPlan(plan, outcomes);
        const { complete, ...waves } = schedulerWaves(plan, out);
        assert.deepEqual(waves, modelWaves(plan, out));
        assert.ok(complete, 'the scheduler says the phase is complete');
      }),
      { seed: 20261204, numRuns: 400 },
    );
  });

  it('keeps the invariants: every step once, parents first forward and last backward', () => {
    fc.assert(
      fc.property(tree, ({ flow, outcomes }) => {
        const plan = buildPlan(flow);
        const out = byPlan(plan, outcomes);
        const { forward, backward } = schedulerWaves(plan, out);
        const waveOf = (waves: number[][]) => {
          const at = new Map<number, number>();
          waves.forEach((w, k) => w.forEach((i) => at.set(i, k)));
          assert.equal(at.size, waves.flat().length, 'no step twice');
          return at;
        };
        const fwd = waveOf(forward);
        const bwd = waveOf(backward);
        const failed = forward.flat().some((i) => out[i]!.invoke === 'failed');
        if (!failed) assert.equal(fwd.size, plan.steps.length, 'every step runs once');
        for (const [i, k] of fwd) {
          const p = plan.steps[i]!.parent;
          if (p >= 0) assert.ok(fwd.get(p)! < k, 'a parent invokes before its children');
          for (const sib of plan.groups[plan.steps[i]!.group]!) {
            if (sib !== i && fwd.has(sib)) assert.equal(fwd.get(sib), k, 'siblings run together');
          }
        }
        for (const [i, k] of bwd) {
          for (const c of plan.steps[i]!.children) {
            if (bwd.has(c)) assert.ok(bwd.get(c)! < k, 'children compensate before their parent');
          }
          assert.ok(fwd.has(i), 'only a step that ran compensates');
        }
        if (failed) {
          for (const i of fwd.keys()) {
            const reverts = out[i]!.invoke !== 'skipped';
            assert.equal(bwd.has(i), reverts, 'every step that ran (not skipped) compensates');
          }
        }
      }),
      { seed: 4122026, numRuns: 300 },
    );
  });
});

// ---- the running engine --------------------------------------------------------------------

/** A workflow shape the composer can write: a chain of single steps and parallel groups. */
const shape = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 })
  .chain((widths) => {
    const n = widths.reduce((a, b) => a + b, 0);
    return fc.record({
      widths: fc.constant(widths),
      outcomes: fc.array(outcome, { minLength: n, maxLength: n }),
    });
  });

let seq = 0;

function workflowFor(widths: number[], outcomes: Outcome[]) {
  let k = 0;
  const groups = widths.map((w) =>
    Array.from({ length: w }, () => {
      const name = `s${k}`;
      const o = outcomes[k++]!;
      const invoke = async (input: unknown) =>
        o.invoke === 'skipped' ? StepResponse.skip() : new StepResponse({ name, input });
      return o.noCompensation
        ? createStep(name, invoke)
        : createStep(name, invoke, async () => undefined);
    }),
  );
  const id = `scheduler-property-${++seq}`;
  const wf = createWorkflow(id, (input: unknown) => {
    let prev: unknown = input;
    for (const g of groups) {
      const outs = g.length === 1 ? [g[0]!(prev)] : parallelize(...g.map((s) => s(prev)));
      prev = outs.at(-1);
    }
    return new WorkflowResponse(prev);
  });
  return { wf, id };
}

/** Waves as the engine ran them: a wave is a run of step.begin events (its steps begin together
 * before any settles); backward after compensation.begin. */
function observedWaves(events: EngineEvent[]): { forward: string[][]; backward: string[][] } {
  const forward: string[][] = [];
  const backward: string[][] = [];
  let open = false;
  for (const e of events) {
    if (e.type !== 'step.begin') {
      open = false;
      continue;
    }
    const list = e.action === 'invoke' ? forward : backward;
    if (!open) list.push([]);
    list.at(-1)!.push(e.step);
    open = true;
  }
  return { forward, backward };
}

describe('the running engine = reference model (property)', () => {
  it('runs random composer shapes in the reference waves, rollback included', async () => {
    await fc.assert(
      fc.asyncProperty(shape, async ({ widths, outcomes }) => {
        const { wf, id } = workflowFor(widths, outcomes);
        const flow = getWorkflowFlow(id);
        assert.ok(flow, 'the workflow is registered');
        const plan = buildPlan(flow);
        const out = byPlan(plan, outcomes);
        const model = modelWaves(plan, out);
        const names = (w: number[]) => w.map((i) => plan.steps[i]!.name);
        const expected = {
          forward: model.forward.map(names),
          backward: model.backward
            .map((w) => names(w.filter((i) => !out[i]!.noCompensation)))
            .filter((w) => w.length > 0),
        };
        const events: EngineEvent[] = [];
        await wf.run({
          input: {},
          throwOnError: false,
          instrumentation: {
            onEvent: (e) => events.push(e),
            shouldFail: (step, action) => {
              const o = outcomes[Number(step.slice(1))]!;
              return action === 'invoke' ? o.invoke === 'failed' : o.compensate === 'failed';
            },
          },
        });
        assert.deepEqual(observedWaves(events), expected);
      }),
      { seed: 1812, numRuns: 150 },
    );
  });
});
