// Instrumentation: gates pause and resume branches, synchronous events in engine order,
// snapshots, forced failures on invoke and compensate, nested frames.
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import * as assert from 'node:assert/strict';
import {
  createStep,
  createWorkflow,
  parallelize,
  snapshotOf,
  StepResponse,
  transform,
  WorkflowResponse,
  type EngineEvent,
  type Instrumentation,
  type RunHandle,
  type StepBoundary,
} from '../../../engine/src/index';

let seq = 0;
const uid = (p: string) => `ins-${p}-${++seq}`;

function brandFlow() {
  const created: string[] = [];
  const create = createStep(
    'create',
    async (input: { name: string }) => new StepResponse({ id: 'b1', name: input.name }, 'b1'),
    async (id: string) => void created.push(`undo-create:${id}`),
  );
  const upload = createStep(
    'upload',
    async (input: { id: string }) => new StepResponse({ url: `cdn/${input.id}` }),
    async (out: { url: string }) => void created.push(`undo-upload:${out.url}`),
  );
  const update = createStep(
    'update',
    async (input: { url: string }) => new StepResponse({ logo: input.url }),
  );
  const wf = createWorkflow(uid('brand'), (input: { name: string }) => {
    const b = create(input);
    const u = upload({ id: b.id });
    return new WorkflowResponse(update({ url: u.url }));
  });
  return { wf, created };
}

function summarize(e: EngineEvent): string {
  switch (e.type) {
    case 'step.begin':
      return `begin ${e.step}:${e.action}#${e.attempt}`;
    case 'step.success':
      return `success ${e.step}:${e.action}`;
    case 'step.failure':
      return `failure ${e.step}:${e.action}:${e.error.message}${e.willRetry ? ':retry' : ''}`;
    case 'step.skipped':
    case 'step.awaiting':
      return `${e.type} ${e.step}`;
    case 'run.end':
      return `run.end ${e.state} ${[...e.errors, ...e.compensationErrors]
        .map((x) => `${x.step ?? 'result'}/${x.action ?? '-'}/${x.message}`)
        .join(',')}`;
    default:
      return e.type;
  }
}

describe('engine instrumentation', () => {
  it('emits synchronous events in engine order and ends with the result', async () => {
    const { wf } = brandFlow();
    const events: EngineEvent[] = [];
    const res = await wf.run({
      input: { name: 'Acme' },
      instrumentation: { onEvent: (e) => events.push(e) },
    });
    assert.deepEqual(events.map(summarize), [
      'run.begin',
      'begin create:invoke#1',
      'success create:invoke',
      'begin upload:invoke#1',
      'success upload:invoke',
      'begin update:invoke#1',
      'success update:invoke',
      'run.end done ',
    ]);
    const end = events.at(-1) as Extract<EngineEvent, { type: 'run.end' }>;
    assert.deepEqual(end.result, { logo: 'cdn/b1' });
    assert.deepEqual(res.result, { logo: 'cdn/b1' });
    const success = events[2] as Extract<EngineEvent, { type: 'step.success' }>;
    assert.deepEqual(success.output, { id: 'b1', name: 'Acme' });
    assert.equal(events[0]!.run.workflowId, wf.getName());
    assert.deepEqual(events[0]!.run.parents, []);
  });

  it('forces failures on invoke (every attempt) and on compensate', async () => {
    const { wf, created } = brandFlow();
    const events: string[] = [];
    const ins: Instrumentation = {
      onEvent: (e) => events.push(summarize(e)),
      shouldFail: (step, action) =>
        (step === 'update' && action === 'invoke') ||
        (step === 'upload' && action === 'compensate'),
    };
    const res = await wf.run({
      input: { name: 'Acme' },
      instrumentation: ins,
      throwOnError: false,
    });
    assert.equal(res.transaction.getState(), 'failed');
    assert.deepEqual(created, ['undo-create:b1']);
    assert.deepEqual(events.slice(5), [
      'begin update:invoke#1',
      'failure update:invoke:Forced failure: update',
      'compensation.begin',
      // update has no compensate function: reverted without begin/success (as in Medusa)
      'begin upload:compensate#1',
      'failure upload:compensate:Forced failure: upload',
      'begin create:compensate#1',
      'success create:compensate',
      'run.end failed update/invoke/Forced failure: update,upload/compensate/Forced failure: upload',
    ]);
    assert.deepEqual(
      res.errors.map((e) => [e.action, e.handlerType, (e.error as Error).message]),
      [['update', 'invoke', 'Forced failure: update']],
    );
  });

  it("ends with run()'s errors, the result's error appended, compensation errors apart", async () => {
    const { wf } = brandFlow();
    const ends: Extract<EngineEvent, { type: 'run.end' }>[] = [];
    const res = await wf.run({
      input: { name: 'Acme' },
      throwOnError: false,
      resultFrom: undefined,
      instrumentation: {
        onEvent: (e) => void (e.type === 'run.end' && ends.push(e)),
        shouldFail: (step, action) =>
          (step === 'upload' && action === 'invoke') ||
          (step === 'create' && action === 'compensate'),
      },
    });
    // The result reads `update`, which never ran: no error here (the property is undefined).
    assert.equal(res.errors.length, 1);
    assert.deepEqual(ends[0]!.errors, [
      { step: 'upload', action: 'invoke', message: 'Forced failure: upload' },
    ]);
    // upload's own compensation runs too, with no compensate input: it reads `undefined.url`.
    assert.deepEqual(ends[0]!.compensationErrors, [
      {
        step: 'upload',
        action: 'compensate',
        message: "Cannot read properties of undefined (reading 'url')",
      },
      { step: 'create', action: 'compensate', message: 'Forced failure: create' },
    ]);

    const a = createStep('res-a', async () => new StepResponse({ id: 'a' }));
    const b = createStep('res-b', async () => new StepResponse({ id: 'b' }));
    const throwing = createWorkflow(uid('result-error'), () => {
      a();
      const rb = b();
      return new WorkflowResponse(
        transform({ rb }, (d: { rb: { deep: { id: string } } }) => d.rb.deep.id),
      );
    });
    const got: Extract<EngineEvent, { type: 'run.end' }>[] = [];
    const out = await throwing.run({
      throwOnError: false,
      instrumentation: {
        onEvent: (e) => void (e.type === 'run.end' && got.push(e)),
        shouldFail: (step, action) => step === 'res-b' && action === 'invoke',
      },
    });
    const appended = out.errors[1] as unknown as Error;
    assert.ok(appended instanceof TypeError);
    assert.deepEqual(got[0]!.errors, [
      { step: 'res-b', action: 'invoke', message: 'Forced failure: res-b' },
      { message: appended.message },
    ]);
    assert.deepEqual(got[0]!.compensationErrors, []);
  });

  it('retries a forced failure on every attempt', async () => {
    let calls = 0;
    const s = createStep({ name: 'flaky', maxRetries: 2 }, async () => {
      calls++;
      return new StepResponse(1);
    });
    const wf = createWorkflow(uid('retry'), () => {
      s();
    });
    const events: string[] = [];
    const res = await wf.run({
      throwOnError: false,
      instrumentation: {
        onEvent: (e) => events.push(summarize(e)),
        shouldFail: (step) => step === 'flaky',
      },
    });
    assert.equal(calls, 0, 'the user invoke never runs');
    assert.equal(res.transaction.getState(), 'reverted');
    assert.deepEqual(
      events.filter((e) => e.includes('flaky:invoke')),
      [
        'begin flaky:invoke#1',
        'failure flaky:invoke:Forced failure: flaky:retry',
        'begin flaky:invoke#2',
        'failure flaky:invoke:Forced failure: flaky:retry',
        'begin flaky:invoke#3',
        'failure flaky:invoke:Forced failure: flaky',
      ],
    );
  });

  it('a gate that does not resolve pauses only its branch; resolving it resumes the run', async () => {
    const order: string[] = [];
    const mk = (name: string) =>
      createStep(name, async () => (order.push(name), new StepResponse(name)));
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(mk);
    const wf = createWorkflow(uid('gate'), () => {
      parallelize(a!(), b!());
      c!();
      d!();
    });
    let release!: () => void;
    let handle!: RunHandle;
    const boundaries: StepBoundary[] = [];
    const gateHit = new Promise<void>((hit) => {
      const ins: Instrumentation = {
        attach: (h) => (handle = h),
        gate: (boundary) => {
          boundaries.push(boundary);
          if (boundary.step !== 'b') return;
          hit();
          return new Promise<void>((r) => (release = r));
        },
      };
      void wf.run({ instrumentation: ins }).then(() => order.push('finished'));
    });
    await gateHit;
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(order, ['a'], 'a ran, b is paused, c waits for the wave');
    const snap = handle.snapshot();
    assert.equal(snap.state, 'invoking');
    const byName = Object.fromEntries(snap.steps.map((s) => [s.step, s]));
    assert.equal(byName.a!.invoke.state, 'done');
    assert.equal(byName.b!.invoke.state, 'invoking');
    assert.equal(byName.c!.invoke.state, 'not_started');
    assert.equal(byName.c!.depth, 1);
    release();
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(order, ['a', 'b', 'c', 'd', 'finished']);
    assert.deepEqual(
      boundaries.map((x) => `${x.step}:${x.action}#${x.attempt}`),
      ['a:invoke#1', 'b:invoke#1', 'c:invoke#1', 'd:invoke#1'],
    );
    assert.equal(handle.snapshot().state, 'done');
  });

  it('gates before compensations and may replace the input', async () => {
    const seen: unknown[] = [];
    const a = createStep(
      'a',
      async (input: { v: number }) => new StepResponse(input.v),
      async (c: unknown) => void seen.push(['comp-a', c]),
    );
    const b = createStep('b', async () => {
      throw new Error('boom');
    });
    const wf = createWorkflow(uid('comp-gate'), (input: { v: number }) => {
      a(input);
      b();
    });
    const gates: string[] = [];
    const res = await wf.run({
      input: { v: 1 },
      throwOnError: false,
      instrumentation: {
        gate: (bd) => {
          gates.push(`${bd.step}:${bd.action}:${JSON.stringify(bd.input)}`);
          if (bd.step === 'a' && bd.action === 'invoke') bd.setInput({ v: 41 });
          if (bd.step === 'a' && bd.action === 'compensate') bd.setInput('replaced');
        },
      },
    });
    assert.deepEqual(gates, ['a:invoke:{"v":1}', 'b:invoke:{}', 'a:compensate:41']);
    assert.deepEqual(seen, [['comp-a', 'replaced']]);
    const snap = snapshotOf(res.transaction);
    assert.equal(snap.state, 'reverted');
    const sa = snap.steps.find((s) => s.step === 'a')!;
    assert.deepEqual(sa.invoke.input, { v: 41 });
    assert.equal(sa.invoke.output, 41);
    assert.equal(sa.compensate.state, 'reverted');
    assert.equal(sa.compensate.input, 'replaced');
    const sb = snap.steps.find((s) => s.step === 'b')!;
    assert.equal(sb.invoke.state, 'failed');
    assert.equal((sb.invoke.error as { message: string }).message, 'boom');
  });

  it('nested runs inherit the instrumentation with their parent chain', async () => {
    const inner = createStep('inner', async () => new StepResponse('in'));
    const child = createWorkflow(uid('child'), () => new WorkflowResponse(inner()));
    const outer = createStep('outer', async () => new StepResponse('out'));
    const parent = createWorkflow(uid('parent'), () => {
      outer();
      return new WorkflowResponse(child.runAsStep({ input: {} }));
    });
    const frames: { wf: string; parents: string[] }[] = [];
    const handles: RunHandle[] = [];
    const res = await parent.run({
      context: { transactionId: 'tx-nested' },
      instrumentation: {
        attach: (h) => handles.push(h),
        onEvent: (e) => {
          if (e.type === 'run.begin')
            frames.push({
              wf: e.run.workflowId,
              parents: e.run.parents.map((p) => `${p.workflowId}/${p.transactionId}/${p.step}`),
            });
        },
      },
    });
    assert.equal(res.result, 'in');
    assert.deepEqual(frames, [
      { wf: parent.getName(), parents: [] },
      {
        wf: child.getName(),
        parents: [`${parent.getName()}/tx-nested/${child.getName()}-as-step`],
      },
    ]);
    assert.equal(handles.length, 2);
    const snap = handles[0]!.snapshot();
    const asStep = snap.steps.find((s) => s.step === `${child.getName()}-as-step`)!;
    assert.equal(asStep.child?.state, 'done');
    assert.equal(asStep.child?.steps[0]?.step, 'inner');
  });

  it('swallows exceptions thrown by observers', async () => {
    const { wf } = brandFlow();
    const res = await wf.run({
      input: { name: 'x' },
      instrumentation: {
        onEvent: () => {
          throw new Error('observer');
        },
      },
    });
    assert.equal(res.transaction.getState(), 'done');
  });
});
