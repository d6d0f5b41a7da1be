// Long-running workflows: a run waiting for its async step stops there, Continue is refused with
// what to do, and the RespondToStepRequest answers the step as the app's setStepSuccess or
// setStepFailure would: the run goes on (through breakpoints) or rolls back.
import * as assert from 'node:assert';
import { join } from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import {
  collectOutput,
  errorOf,
  FIXTURES,
  fixtureArgs,
  followStates,
  launchToStop,
  lineOf,
  startClient,
  topFrames,
  variableAt,
  type Stopped,
} from './helpers';
import {
  RespondToStepRequest,
  type ExecutionStateRequest,
} from '../../shared/protocol/debugProtocol';

const FILE = join(FIXTURES, 'async-step.ts');
const args = fixtureArgs('async-step.ts', { input: { sku: 'sku_1' } });

async function respond(
  dc: DebugClient,
  a: Partial<RespondToStepRequest.Arguments>,
): Promise<unknown> {
  return dc.customRequest(RespondToStepRequest.command, a);
}

describe('debug adapter: async steps waiting for a response', function () {
  this.timeout(40000);
  let dc: DebugClient;
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await dc.stop();
  });

  it('stops where the run waits, at the async step, and refuses Continue with what to do', async () => {
    const out = collectOutput(dc);
    const stop = await launchToStop(dc, args);
    assert.strictEqual(stop.body.reason, 'pause');
    assert.strictEqual(
      stop.body.description,
      'Waiting for a response to async step "await-approval"',
    );
    const frames = await topFrames(dc, stop.body.threadId);
    assert.deepStrictEqual(
      frames.map((f) => [f.name, f.line]),
      [
        ['await-approval (invoke)', lineOf(FILE, "name: 'await-approval'")],
        ['approve-order', lineOf(FILE, 'awaitApproval()', 'createWorkflow')],
      ],
    );
    await out.waitFor(/approval requested/);
    assert.match(out.byCategory('console'), /"Medusa Workflows: Respond to Async Step"/);
    const state = (await dc.customRequest('executionState')).body as ExecutionStateRequest.Response;
    assert.deepStrictEqual(
      state.paused?.awaiting?.map((s) => [s.step, s.action, s.workflowId]),
      [['await-approval', 'invoke', 'approve-order']],
    );
    assert.strictEqual(
      state.paused?.awaiting?.[0]?.transactionId,
      state.snapshot?.run.transactionId,
    );
    const refused = await errorOf(dc.continueRequest({ threadId: stop.body.threadId }));
    assert.match(refused, /waits for a response to async step "await-approval"/);
    assert.match(refused, /Respond to Async Step/);
    // Still waiting there: nothing was resumed.
    assert.ok(!/record-approval|ended:/.test(out.text()), out.text());
  });

  it('answers the step as setStepSuccess would: its response is the output the next step reads', async () => {
    const out = collectOutput(dc);
    const line = lineOf(FILE, 'recordApproval(answer)');
    const waiting = await launchToStop(dc, args, { breakpoints: [{ path: FILE, lines: [line] }] });
    assert.strictEqual(waiting.body.reason, 'pause');
    const atBreakpoint = dc.waitForEvent('stopped') as Promise<Stopped>;
    await respond(dc, { outcome: 'success', response: { by: 'ops' } });
    const stop = await atBreakpoint;
    assert.strictEqual(stop.body.reason, 'breakpoint');
    const [frame] = await topFrames(dc, stop.body.threadId);
    assert.strictEqual((await variableAt(dc, frame!.id, 'Step', ['input', 'by'])).value, '"ops"');
    const ended = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: stop.body.threadId });
    await ended;
    const text = await out.waitFor(/ended: done/);
    assert.match(text, /Compensations: none/);
  });

  it('answers the step as setStepFailure would: the run rolls back what it did', async () => {
    const out = collectOutput(dc);
    const states = followStates(dc);
    await launchToStop(dc, args);
    const ended = dc.waitForEvent('terminated');
    await respond(dc, {
      step: 'await-approval',
      outcome: 'failure',
      response: { message: 'rejected by ops' },
    });
    await ended;
    const text = await out.waitFor(/ended: reverted/);
    assert.match(text, /released sku_1/);
    assert.match(text, /Compensations, in order: reserve-stock\n/);
    assert.match(text, /await-approval \(invoke\): rejected by ops/);
    const last = states.at(-1);
    assert.strictEqual(last?.snapshot.state, 'reverted');
    const never = last.snapshot.steps.find((s) => s.step === 'record-approval');
    assert.strictEqual(never?.invoke.state, 'not_started');
  });

  it('Fail This Step on the waiting step fails it now, as setStepFailure would', async () => {
    const out = collectOutput(dc);
    await launchToStop(dc, args);
    const ended = dc.waitForEvent('terminated');
    const r = await dc.customRequest('forceFailure', { step: 'await-approval' });
    assert.deepStrictEqual(r.body, { step: 'await-approval', failedNow: true });
    await ended;
    const text = await out.waitFor(/ended: reverted/);
    assert.match(text, /await-approval \(invoke\): Forced failure: await-approval/);
    assert.match(text, /Compensations, in order: reserve-stock\n/);
  });

  it('in a workflow run as a step, stops at the inner async step; answering it finishes both', async () => {
    const out = collectOutput(dc);
    const nested = fixtureArgs('async-nested.ts', {
      workflow: 'fulfil-order',
      input: { sku: 'sku_2' },
    });
    const stop = await launchToStop(dc, nested);
    assert.strictEqual(
      stop.body.description,
      'Waiting for a response to async step "await-approval", "approve-order-as-step"',
    );
    const frames = await topFrames(dc, stop.body.threadId);
    assert.deepStrictEqual(
      frames.map((f) => f.name),
      ['await-approval (invoke)', 'approve-order', 'fulfil-order › approve-order-as-step'],
    );
    const ended = dc.waitForEvent('terminated');
    await respond(dc, { outcome: 'success', response: { by: 'ops' } });
    await ended;
    assert.match(await out.waitFor(/ended: done/), /Workflow fulfil-order ended: done/);
  });

  it('answers a compensation that waits (compensateAsync) in a stored workflow', async () => {
    const out = collectOutput(dc);
    const refund = fixtureArgs('async-compensation.ts', {
      workflow: 'refund-stored',
      input: { amount: 5 },
    });
    const stop = await launchToStop(dc, refund);
    assert.strictEqual(
      stop.body.description,
      'Waiting for a response to async step "refund-payment" (compensation)',
    );
    const ended = dc.waitForEvent('terminated');
    await respond(dc, { outcome: 'success' });
    await ended;
    const text = await out.waitFor(/ended: reverted/);
    assert.match(text, /refund of 5 requested/);
    assert.match(text, /Compensations, in order: refund-payment\n/);
  });

  it('says why a compensation of a workflow nothing stores cannot be answered, as in Medusa', async () => {
    const out = collectOutput(dc);
    const refund = fixtureArgs('async-compensation.ts', {
      workflow: 'refund-unstored',
      input: { amount: 5 },
    });
    await launchToStop(dc, refund);
    const ended = dc.waitForEvent('terminated');
    await respond(dc, { outcome: 'success' });
    await ended;
    const text = await out.waitFor(/could not be found/);
    assert.match(text, /compensateAsync alone does not store workflow "refund-unstored"/);
    assert.match(text, /Add `store: true`/);
  });

  it('rejects answers that do not fit what the run waits for, and keeps waiting', async () => {
    const entry = await launchToStop(dc, { ...args, stopOnEntry: true });
    assert.match(
      await errorOf(respond(dc, { outcome: 'success' })),
      /not waiting for an async step/,
    );
    const waiting = dc.waitForEvent('stopped') as Promise<Stopped>;
    await dc.continueRequest({ threadId: entry.body.threadId });
    assert.strictEqual((await waiting).body.reason, 'pause');
    assert.match(
      await errorOf(respond(dc, { step: 'reserve-stock', outcome: 'success' })),
      /Step "reserve-stock" is not waiting for a response; these are: "await-approval"/,
    );
    assert.match(
      await errorOf(respond(dc, { outcome: 'done' as 'success' })),
      /"outcome" must be "success" or "failure"/,
    );
    const state = (await dc.customRequest('executionState')).body as ExecutionStateRequest.Response;
    assert.strictEqual(state.paused?.step, 'await-approval');
  });
});
