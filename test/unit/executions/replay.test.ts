// Replay of a stored execution on the engine: steps answer from the record (handlers not run),
// errors and compensations as recorded, inputs/transforms/when recomputed, mismatches reported.
/* eslint-disable @typescript-eslint/require-await -- step functions are async, as users write them */
import * as assert from 'node:assert/strict';
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  when,
  type EngineEvent,
  type Instrumentation,
} from '../../../engine/src/index';
import { replayExecution } from '../../../engine/src/executions/replay';
import type { ExecutionRecord } from '../../../engine/src/executions/record';
import { recordOf } from './recordOf';

let seq = 0;
const uid = (p: string) => `replay-${p}-${++seq}`;

/** Events as comparable lines (ids dropped); inputs seen at the gates. */
function tracing() {
  const lines: string[] = [];
  const inputs: Record<string, unknown> = {};
  const ins: Instrumentation = {
    gate: (b) => void (inputs[`${b.step}:${b.action}`] = b.input),
    onEvent: (e: EngineEvent) => {
      if (e.type === 'step.success')
        lines.push(`${e.type} ${e.step}:${e.action} ${JSON.stringify(e.output)}`);
      else if (e.type === 'step.failure')
        lines.push(`${e.type} ${e.step}:${e.action} ${e.error.message}`);
      else if (e.type === 'step.begin' || e.type === 'step.skipped')
        lines.push(`${e.type} ${'action' in e ? `${e.step}:${e.action}` : e.step}`);
      else if (e.type === 'run.end')
        lines.push(`run.end ${e.state} ${JSON.stringify(e.errors)} ${JSON.stringify(e.result)}`);
      else lines.push(e.type);
    },
  };
  return { ins, lines, inputs };
}

/** A three-step order workflow whose last step fails; counts every handler call. */
function orderWorkflow(id: string, calls: string[]) {
  const reserve = createStep(
    'reserve',
    async (input: { qty: number }) => {
      calls.push('reserve');
      return new StepResponse({ reservation: `r-${input.qty}` }, { undo: input.qty });
    },
    async (c: unknown) => void calls.push(`undo reserve ${JSON.stringify(c)}`),
  );
  const charge = createStep(
    'charge',
    async (input: { amount: number }) => {
      calls.push('charge');
      return new StepResponse({ charged: input.amount }, 'charge-comp');
    },
    async (c: unknown) => void calls.push(`undo charge ${JSON.stringify(c)}`),
  );
  const ship = createStep('ship', async () => {
    calls.push('ship');
    const e = new Error('carrier down');
    e.name = 'CarrierError';
    throw e;
  });
  return createWorkflow(id, (input: { qty: number }) => {
    const r = reserve({ qty: input.qty });
    const amount = transform({ r, input }, ({ input: i }) => ({ amount: i.qty * 10 }));
    charge(amount);
    ship();
    return r;
  });
}

describe('executions: replay', () => {
  it('a reverted execution replays with recorded answers: same trace, no handler run', async () => {
    const calls: string[] = [];
    const wf = orderWorkflow(uid('order'), calls);
    const live = tracing();
    const result = await wf.run({
      input: { qty: 3 },
      instrumentation: live.ins,
      throwOnError: false,
    });
    assert.equal(result.transaction.getState(), 'reverted');
    const record = recordOf(result);
    const liveCalls = calls.length;
    const replay = tracing();
    const out = await replayExecution(wf, record, { instrumentation: replay.ins });
    assert.deepEqual(calls.slice(liveCalls), [], 'no handler or compensation ran in the replay');
    assert.deepEqual(replay.lines, live.lines);
    assert.deepEqual(out.mismatches, []);
    assert.equal(out.outcome?.transaction.getState(), 'reverted');
    assert.deepEqual(replay.inputs['charge:invoke'], { amount: 30 }, 'transform recomputed');
    assert.deepEqual(replay.inputs['reserve:compensate'], { undo: 3 }, 'recorded compensate input');
    assert.equal(out.outcome?.transaction.context.payload, record.payload);
  });

  it('the failed step throws the recorded error: message, name and stack kept', async () => {
    const wf = orderWorkflow(uid('err'), []);
    const record = recordOf(await wf.run({ input: { qty: 1 }, throwOnError: false }));
    const ship = record.steps.find((s) => s.name === 'ship')!;
    ship.invokeError = {
      message: 'recorded: carrier down',
      name: 'CarrierError',
      stack:
        'CarrierError: recorded: carrier down\n    at ship (/app/src/ship.ts:4:11)\n⮑ sat /app/src/wf.ts: [x -> ship (invoke)]',
    };
    const out = await replayExecution(wf, record, {});
    const [error] = out.outcome!.errors;
    const e = error?.error as { message: string; name: string; stack: string };
    assert.equal(error?.action, 'ship');
    assert.equal(e.message, 'recorded: carrier down');
    assert.equal(e.name, 'CarrierError');
    assert.match(
      e.stack,
      /^CarrierError: recorded: carrier down\n {4}at ship \(\/app\/src\/ship\.ts:4:11\)\n⮑ sat /,
    );
    assert.equal(e.stack.split('⮑ sat').length, 2, 'one Medusa suffix, not two');
  });

  it('compensations run their code only when asked, with the recorded compensate input', async () => {
    const calls: string[] = [];
    const wf = orderWorkflow(uid('rerun'), calls);
    const record = recordOf(await wf.run({ input: { qty: 2 }, throwOnError: false }));
    calls.length = 0;
    await replayExecution(wf, record, {}, { rerunCompensations: true });
    assert.deepEqual(calls, ['undo charge "charge-comp"', 'undo reserve {"undo":2}']);
  });

  it('a compensation recorded as failed fails with its recorded error', async () => {
    const wf = orderWorkflow(uid('compfail'), []);
    const record = recordOf(await wf.run({ input: { qty: 2 }, throwOnError: false }));
    const charge = record.steps.find((s) => s.name === 'charge')!;
    charge.compensate = { state: 'failed', status: 'permanent_failure' };
    charge.compensateError = { message: 'refund refused', name: 'Error' };
    const replay = tracing();
    const out = await replayExecution(wf, record, { instrumentation: replay.ins });
    assert.equal(out.outcome?.transaction.getState(), 'failed');
    assert.ok(replay.lines.includes('step.failure charge:compensate refund refused'));
    assert.deepEqual(out.mismatches, []);
  });

  it('a renamed step: both sides reported, the replay stops where the record ends', async () => {
    const wf = orderWorkflow(uid('renamed'), []);
    const record: ExecutionRecord = recordOf(
      await wf.run({ input: { qty: 1 }, throwOnError: false }),
    );
    for (const s of record.steps) {
      if (s.name === 'charge') s.name = 'charge-card';
      s.path = s.path.replace('.charge', '.charge-card');
    }
    const seen: string[] = [];
    const replay = tracing();
    const out = await replayExecution(
      wf,
      record,
      { instrumentation: replay.ins },
      { onMismatch: (m) => seen.push(`${m.kind} ${m.step}`) },
    );
    assert.deepEqual(seen, [
      'missing-in-code charge-card',
      'missing-in-record charge',
      'record-ends charge',
    ]);
    assert.equal(out.outcome, undefined);
    assert.equal(out.stoppedAt?.step, 'charge');
    assert.match(out.stoppedAt?.message ?? '', /no step "charge"/);
    assert.ok(replay.lines.includes('step.success reserve:invoke {"reservation":"r-1"}'));
  });

  it('a step moved under another parent is reported as a structure change', async () => {
    const wf = orderWorkflow(uid('moved'), []);
    const record = recordOf(await wf.run({ input: { qty: 1 }, throwOnError: false }));
    const ship = record.steps.find((s) => s.name === 'ship')!;
    ship.path = ship.path.replace('.charge.', '.');
    const out = await replayExecution(wf, record, {});
    assert.deepEqual(
      out.mismatches.map((m) => `${m.kind} ${m.step}`),
      ['moved ship'],
    );
    assert.match(out.mismatches[0]!.message, /after "charge" in the code but after "reserve"/);
  });

  it('unnamed when-then steps match by position; a recomputed when that differs is a mismatch', async () => {
    const calls: string[] = [];
    const inner = createStep('inner', async () => {
      calls.push('inner');
      return new StepResponse('in');
    });
    const id = uid('when');
    const wf = createWorkflow(id, (input: { go: boolean }) => {
      // A `then` that returns more than a step gets a step of its own: `when-then-<ulid>`.
      when(input, (i) => i.go).then(() => ({ got: inner() }));
      return transform({ input }, () => 'ok');
    });
    const record = recordOf(await wf.run({ input: { go: true }, throwOnError: false }));
    assert.ok(record.steps.some((s) => s.name.startsWith('when-then-')));
    const step = record.steps.find((s) => s.name === 'inner')!;
    assert.equal(step.invoke.state, 'done');
    // A record written by another process: its when-then names carry other ulids.
    for (const s of record.steps) {
      if (s.name.startsWith('when-then-')) s.name = 'when-then-01ARZ3NDEKTSV4RRFFQ69G5FAV';
    }
    calls.length = 0;
    const matched = await replayExecution(wf, record, {});
    assert.deepEqual(calls, []);
    assert.deepEqual(
      matched.mismatches.map((m) => m.kind),
      ['random-name'],
    );
    assert.deepEqual(
      matched.mismatches[0]?.message.match(/"(when-then-\w+)"/)?.[1],
      'when-then-01ARZ3NDEKTSV4RRFFQ69G5FAV',
    );
    const changed = { ...record, payload: { go: false } };
    const out = await replayExecution(wf, changed, {});
    assert.deepEqual(
      out.mismatches.filter((m) => m.kind === 'state').map((m) => m.step.replace(/-\w{26}$/, '')),
      ['inner', 'when-then'],
    );
  });

  it('leaves the workflow as it was: a plain run afterwards runs the handlers', async () => {
    const calls: string[] = [];
    const wf = orderWorkflow(uid('restore'), calls);
    const record = recordOf(await wf.run({ input: { qty: 1 }, throwOnError: false }));
    await replayExecution(wf, record, {});
    calls.length = 0;
    await wf.run({ input: { qty: 1 }, throwOnError: false });
    assert.deepEqual(calls, [
      'reserve',
      'charge',
      'ship',
      'undo charge "charge-comp"',
      'undo reserve {"undo":1}',
    ]);
  });
});
