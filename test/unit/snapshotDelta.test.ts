// Run snapshot deltas (shared/protocol/snapshotDelta.ts): the debug runner sends only what changed
// since its last batch; applying the deltas in order, through JSON as IPC does, must give exactly
// the snapshot the runner holds, on real engine runs (retries, compensation, nested workflows).
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import * as assert from 'node:assert/strict';
import {
  createStep,
  createWorkflow,
  parallelize,
  StepResponse,
  WorkflowResponse,
  type Instrumentation,
  type RunHandle,
  type RunSnapshot,
} from '../../engine/src/index';
import { wireSnapshot } from '../../debug-adapter/src/runner/wire';
import { applyRun, diffRun, type RunDelta } from '../../shared/protocol/snapshotDelta';

let seq = 0;
const uid = (p: string) => `delta-${p}-${++seq}`;
const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Snapshots of the top-level run after every engine event, as the runner takes them. */
function recorder(form: (s: RunSnapshot) => RunSnapshot): {
  instrumentation: Instrumentation;
  snapshots: RunSnapshot[];
} {
  let root: RunHandle | undefined;
  const snapshots: RunSnapshot[] = [];
  return {
    snapshots,
    instrumentation: {
      attach: (h) => void (root ??= h),
      onEvent: () => {
        if (root) snapshots.push(json(form(root.snapshot())));
      },
    },
  };
}

/** Sends each snapshot as a delta against the last one sent, through JSON, and checks that the
 * receiving side then holds exactly that snapshot. Returns the deltas sent. */
function replayThroughDeltas(snapshots: RunSnapshot[]): RunDelta[] {
  let sent: RunSnapshot | undefined;
  let held: RunSnapshot | undefined;
  const deltas: RunDelta[] = [];
  for (const [i, s] of snapshots.entries()) {
    const delta = diffRun(sent, s);
    sent = s;
    if (!delta) {
      assert.deepEqual(held, s, `snapshot ${i}: no delta, yet the sides differ`);
      continue;
    }
    deltas.push(delta);
    const before = held;
    const copy = before && json(before);
    held = applyRun(held, json(delta));
    assert.deepEqual(json(held), s, `snapshot ${i} after its delta`);
    if (before) assert.deepEqual(before, copy, `snapshot ${i}: the held copy was changed in place`);
  }
  return deltas;
}

function rollbackFlow() {
  let tries = 0;
  const reserve = createStep(
    'reserve',
    async (input: { sku: string }) => new StepResponse({ id: `r-${input.sku}` }, 'r1'),
    async () => undefined,
  );
  const flaky = createStep({ name: 'flaky', maxRetries: 2 }, async () => {
    tries++;
    if (tries < 3) throw new Error(`attempt ${tries}`);
    return new StepResponse('ok');
  });
  const charge = createStep(
    'charge',
    async () => {
      throw new Error('card declined');
    },
    async () => undefined,
  );
  const inner = createStep(
    'inner',
    async () => new StepResponse({ nested: true }),
    async () => undefined,
  );
  const child = createWorkflow(uid('child'), () => new WorkflowResponse(inner()));
  const a = createStep('a', async () => new StepResponse(1));
  const b = createStep('b', async () => new StepResponse(2));
  return createWorkflow(uid('order'), (input: { sku: string }) => {
    reserve(input);
    flaky();
    parallelize(a(), b());
    child.runAsStep({ input: {} });
    return new WorkflowResponse(charge());
  });
}

describe('run snapshot deltas', () => {
  for (const [label, form] of [
    ['engine snapshots (inputs and outputs included)', (s: RunSnapshot) => s],
    ['the runner wire form', wireSnapshot],
  ] as const) {
    it(`rebuild every snapshot of a run with retries, a nested workflow and a rollback: ${label}`, async () => {
      const rec = recorder(form);
      const res = await rollbackFlow().run({
        input: { sku: 'S1' },
        instrumentation: rec.instrumentation,
        throwOnError: false,
      });
      assert.equal(res.errors.length > 0, true);
      const last = rec.snapshots.at(-1)!;
      // The run went where the test says: retried, nested, compensated.
      const flaky = last.steps.find((s) => s.step === 'flaky')!;
      assert.equal(flaky.invoke.attempt, 3);
      assert.ok(last.steps.some((s) => s.child && s.child.steps.length > 0));
      assert.ok(last.steps.some((s) => s.compensate.state !== 'not_started'));
      const deltas = replayThroughDeltas(rec.snapshots);
      assert.ok(deltas[0]!.full, 'the first batch sends the whole run');
      assert.ok(
        deltas.slice(1).every((d) => !d.full),
        'later batches send changes only',
      );
    });
  }

  it('a new run (another transaction) is sent whole; the same run again is no change', async () => {
    const wf = rollbackFlow();
    const one = recorder(wireSnapshot);
    await wf.run({
      input: { sku: 'A' },
      instrumentation: one.instrumentation,
      throwOnError: false,
    });
    const two = recorder(wireSnapshot);
    await wf.run({
      input: { sku: 'B' },
      instrumentation: two.instrumentation,
      throwOnError: false,
    });
    const last = one.snapshots.at(-1)!;
    const first = two.snapshots[0]!;
    assert.deepEqual(diffRun(last, first), { full: first });
    assert.equal(diffRun(last, json(last)), undefined);
    replayThroughDeltas([...one.snapshots, ...two.snapshots]);
  });

  it('one step changing in a 100-step run sends that step alone', () => {
    const step = (i: number, state: 'not_started' | 'invoking' | 'done') => ({
      step: `s${i}`,
      depth: i,
      noCompensation: true,
      invoke: { state, status: 'idle' as const, attempt: 1 },
      compensate: { state: 'not_started' as const, status: 'idle' as const, attempt: 0 },
    });
    const run = { workflowId: 'w', transactionId: 't', parents: [] };
    const before: RunSnapshot = {
      run,
      state: 'invoking',
      input: undefined,
      steps: Array.from({ length: 100 }, (_, i) => step(i, i < 40 ? 'done' : 'not_started')),
    };
    const after = json(before);
    after.steps[40] = step(40, 'invoking');
    const delta = diffRun(before, after)!;
    assert.deepEqual(Object.keys(delta), ['steps']);
    assert.deepEqual(
      delta.steps!.map((d) => d.at),
      [40],
    );
    assert.ok(JSON.stringify(delta).length * 20 < JSON.stringify(after).length);
    const held = json(before);
    const applied = applyRun(held, json(delta));
    assert.deepEqual(json(applied), json(after));
    assert.deepEqual(held, json(before), 'the held copy is not changed in place');
    assert.equal(applied.steps[0], held.steps[0], 'unchanged steps are shared');
  });

  it('fewer steps, a nested run gone and the input changed are all carried', () => {
    const step = (name: string, child?: RunSnapshot) => ({
      step: name,
      depth: 0,
      noCompensation: false,
      invoke: { state: 'done' as const, status: 'idle' as const, attempt: 1 },
      compensate: { state: 'not_started' as const, status: 'idle' as const, attempt: 0 },
      ...(child ? { child } : {}),
    });
    const nested: RunSnapshot = {
      run: { workflowId: 'c', transactionId: 'tc', parents: [] },
      state: 'done',
      input: { x: 1 },
      steps: [step('inner')],
    };
    const run = { workflowId: 'w', transactionId: 't', parents: [] };
    const before: RunSnapshot = {
      run,
      state: 'done',
      input: { a: 1 },
      steps: [step('a', nested), step('b'), step('c')],
    };
    const after: RunSnapshot = { run, state: 'failed', input: null, steps: [step('a')] };
    const applied = applyRun(json(before), json(diffRun(before, after)!));
    assert.deepEqual(json(applied), json(after));
    const noInput: RunSnapshot = { ...after, input: undefined };
    assert.deepEqual(json(applyRun(json(after), json(diffRun(after, noInput)!))), json(noInput));
  });

  it('the states-only snapshot the runner sends copies no value, and its wire form is the same', async () => {
    let copies = 0;
    const big = { toJSON: () => (copies++, { rows: 'many' }) };
    const makeBig = createStep('make-big', async () => new StepResponse(big));
    const useBig = createStep('use-big', async (input: unknown) => new StepResponse(input));
    const wf = createWorkflow(uid('values'), () => new WorkflowResponse(useBig(makeBig())));
    let root: RunHandle | undefined;
    const pairs: [RunSnapshot, RunSnapshot][] = [];
    await wf.run({
      instrumentation: {
        attach: (h) => void (root ??= h),
        onEvent: () => {
          if (!root) return;
          const before = copies;
          const statesOnly = root.snapshot({ values: false });
          assert.equal(copies, before, 'a states-only snapshot ran toJSON');
          pairs.push([statesOnly, root.snapshot()]);
        },
      },
    });
    assert.ok(copies > 0, 'the full snapshot copies the values (the check above means something)');
    for (const [statesOnly, full] of pairs) {
      assert.deepEqual(json(wireSnapshot(statesOnly)), json(wireSnapshot(full)));
      assert.ok(statesOnly.steps.every((x) => x.invoke.output === undefined));
    }
  });

  it("the runner's wire form against the one sent before reuses unchanged steps' records and equals a fresh one", async () => {
    let root: RunHandle | undefined;
    let prev: RunSnapshot | undefined;
    let reused = 0;
    let steps = 0;
    const jsonOf = (d: RunDelta | undefined) => (d === undefined ? undefined : json(d));
    await rollbackFlow().run({
      input: { sku: 'S1' },
      throwOnError: false,
      instrumentation: {
        attach: (h) => void (root ??= h),
        onEvent: () => {
          if (!root) return;
          const states = root.snapshot({ values: false });
          const fresh = wireSnapshot(states);
          const chained = wireSnapshot(states, prev);
          assert.deepEqual(json(chained), json(fresh));
          assert.notEqual(chained, prev, 'a new top-level object (the runner sets its state)');
          if (prev) {
            // The delta is the same as against a copy that shares nothing.
            assert.deepEqual(jsonOf(diffRun(prev, chained)), jsonOf(diffRun(json(prev), fresh)));
            reused += chained.steps.filter((x, i) => x === prev!.steps[i]).length;
            steps += chained.steps.length;
          }
          prev = chained;
        },
      },
    });
    assert.ok(reused > steps / 2, `${reused} of ${steps} step records reused`);
    assert.ok(reused < steps, 'changed steps were copied afresh');
  });

  it('a delta with nothing to apply it to is refused', () => {
    assert.throws(() => applyRun(undefined, { state: 'done' }), /before any snapshot/);
  });
});
