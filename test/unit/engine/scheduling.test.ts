// Unit tests of the pure scheduling functions: plan building, forward and backward waves.

import * as assert from 'node:assert/strict';
import type { FlowNode } from '../../../engine/src/runtime/flow';
import type { StepState } from '../../../engine/src/instrumentation';
import {
  buildPlan,
  canStartCompensation,
  canStartInvoke,
  compensationWave,
  finalRunState,
  groupSettled,
  invokeWave,
  orchestratorFailure,
  orderWave,
  stepsToRevert,
  stepsToSkipOnFailure,
  unlockedByGroup,
} from '../../../engine/src/runtime/scheduling';

const n = (action: string, next?: FlowNode | FlowNode[]): FlowNode => ({
  action,
  noCompensation: false,
  ...(next ? { next } : {}),
});

// a -> b -> [c, d -> e -> f]   (parallelize(c, d) then e, f under the last sibling)
const example = n('a', n('b', [n('c'), n('d', n('e', n('f')))]));

function states(
  plan: ReturnType<typeof buildPlan>,
  map: Record<string, StepState>,
  fallback: StepState,
): StepState[] {
  return plan.steps.map((s) => map[s.name] ?? fallback);
}

function names(plan: ReturnType<typeof buildPlan>, idx: number[]): string[] {
  return idx.map((i) => plan.steps[i]!.name);
}

describe('engine scheduling (pure)', () => {
  it('builds the step table breadth first with Medusa ids, depths and sibling groups', () => {
    const plan = buildPlan(example);
    assert.deepEqual(
      plan.steps.map((s) => [s.name, s.id, s.depth]),
      [
        ['a', '_root.a', 1],
        ['b', '_root.a.b', 2],
        ['c', '_root.a.b.c', 3],
        ['d', '_root.a.b.d', 3],
        ['e', '_root.a.b.d.e', 4],
        ['f', '_root.a.b.d.e.f', 5],
      ],
    );
    const c = plan.byName.get('c')!;
    const d = plan.byName.get('d')!;
    assert.equal(plan.steps[c]!.group, plan.steps[d]!.group);
    assert.deepEqual(plan.steps[plan.byName.get('b')!]!.next, ['_root.a.b.c', '_root.a.b.d']);
    assert.deepEqual(names(plan, plan.compensationOrder), ['f', 'e', 'c', 'd', 'b', 'a']);
  });

  it("counts a step's depth by the steps above it, as Medusa's orchestrator does", () => {
    // Built as the ids grow (splitting every id made a long chain's plan quadratic). A '.' in a
    // name is not a level: Medusa counts its id's segments as it appends them.
    let chain: FlowNode = n('s299');
    for (let i = 298; i >= 0; i--) chain = n(`s${i}`, chain);
    const plan = buildPlan(chain);
    assert.equal(plan.steps.length, 300);
    plan.steps.forEach((s, i) => assert.equal(s.depth, i + 1));
    assert.equal(plan.steps[299]!.id.split('.').length, 301);
    const dotted = buildPlan(n('a', n('b.c', n('d'))));
    assert.deepEqual(
      dotted.steps.map((s) => [s.id, s.depth]),
      [
        ['_root.a', 1],
        ['_root.a.b.c', 2],
        ['_root.a.b.c.d', 3],
      ],
    );
  });

  it("fails a plan whose step name has a '.' as Medusa's orchestrator does (parent by id)", () => {
    assert.equal(orchestratorFailure(buildPlan(example)), undefined);
    const failure = orchestratorFailure(buildPlan(n('a', n('b.c', n('d')))));
    assert.ok(failure instanceof TypeError);
    assert.equal(failure.message, "Cannot read properties of undefined (reading 'id')");
    assert.ok(
      orchestratorFailure(buildPlan({ next: [n('x'), n('y.z')] } as unknown as FlowNode)) instanceof
        TypeError,
    );
  });

  it('accepts a parallel root ({ next: [...] }) and an empty flow', () => {
    const plan = buildPlan({ next: [n('x'), n('y', n('z'))] } as unknown as FlowNode);
    assert.deepEqual(
      plan.groups[0]!.map((i) => plan.steps[i]!.name),
      ['x', 'y'],
    );
    assert.equal(buildPlan({}).steps.length, 0);
  });

  it("rejects a duplicate step name with Medusa's message", () => {
    assert.throws(
      () => buildPlan(n('a', n('b', n('a')))),
      /^Error: Step a is already defined in workflow\.$/,
    );
  });

  it("starts a step only when its parent and all of the parent's siblings have settled", () => {
    const plan = buildPlan(example);
    const s = states(plan, { a: 'done', b: 'done', c: 'invoking', d: 'done' }, 'not_started');
    assert.equal(
      canStartInvoke(plan, s, plan.byName.get('e')!),
      false,
      'c (sibling of d) still running',
    );
    assert.deepEqual(names(plan, invokeWave(plan, s)), []);
    for (const settled of [
      'failed',
      'timeout',
      'skipped',
      'skipped_failure',
      'done',
    ] as StepState[]) {
      const s2 = states(plan, { a: 'done', b: 'done', c: settled, d: 'done' }, 'not_started');
      assert.deepEqual(names(plan, invokeWave(plan, s2)), ['e'], settled);
    }
    assert.deepEqual(names(plan, invokeWave(plan, states(plan, {}, 'not_started'))), ['a']);
    const g = plan.steps[plan.byName.get('c')!]!.group;
    assert.equal(groupSettled(plan, s, g), false);
    assert.deepEqual(
      names(plan, unlockedByGroup(plan, states(plan, { c: 'done', d: 'done' }, 'not_started'), g)),
      ['e'],
    );
  });

  it('flags done, timed-out and permanently failed steps for compensation', () => {
    const plan = buildPlan(example);
    const invoke = plan.steps.map((s) => ({
      state: (
        { a: 'done', b: 'done', c: 'timeout', d: 'done', e: 'failed', f: 'not_started' } as Record<
          string,
          StepState
        >
      )[s.name]!,
      status: s.name === 'e' ? 'permanent_failure' : 'ok',
    }));
    assert.deepEqual(names(plan, stepsToRevert(invoke)), ['a', 'b', 'c', 'd', 'e']);
  });

  it('compensates deepest first, parallel branches together (the semantics sheet example)', () => {
    const plan = buildPlan(example);
    // e failed, f never started: e and c first, then d, then b, then a.
    const comp = states(plan, { f: 'dormant' }, 'not_started');
    assert.deepEqual(names(plan, compensationWave(plan, comp)), ['e', 'c']);
    const afterFirst = states(plan, { f: 'dormant', e: 'reverted', c: 'reverted' }, 'not_started');
    assert.deepEqual(names(plan, compensationWave(plan, afterFirst)), ['d']);
    const afterD = states(
      plan,
      { f: 'dormant', e: 'reverted', c: 'failed', d: 'reverted' },
      'not_started',
    );
    assert.deepEqual(names(plan, compensationWave(plan, afterD)), ['b']);
    assert.equal(
      canStartCompensation(
        plan,
        states(plan, { c: 'compensating' }, 'not_started'),
        plan.byName.get('b')!,
      ),
      false,
    );
  });

  it('orders a wave in scan order and computes the final state', () => {
    const plan = buildPlan(example);
    const [c, d, e] = ['c', 'd', 'e'].map((x) => plan.byName.get(x)!);
    assert.deepEqual(orderWave(plan, [d!, c!], false), [c, d]);
    assert.deepEqual(orderWave(plan, [c!, e!], true), [e, c]);
    assert.equal(finalRunState(false, false), 'done');
    assert.equal(finalRunState(false, true), 'reverted');
    assert.equal(finalRunState(true, true), 'failed');
  });

  it('skips descendants on permanent failure, stopping at the named step', () => {
    const plan = buildPlan(n('a', n('b', n('c', n('d')))));
    const a = plan.byName.get('a')!;
    assert.deepEqual(names(plan, stepsToSkipOnFailure(plan, a, undefined)), ['b', 'c', 'd']);
    assert.deepEqual(names(plan, stepsToSkipOnFailure(plan, a, 'c')), ['b']);
  });
});
