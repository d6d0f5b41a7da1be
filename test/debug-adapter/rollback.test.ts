// Forced failures and rollback: compensation stops in the engine's order (parallel branches as
// threads), exception filters, the forceFailure/executionState requests, the state event and
// the end-of-run summary.
import * as assert from 'node:assert';
import { dirname, join } from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { engineRollback } from './engineReference';
import {
  collectOutput,
  exampleArgs,
  file,
  launch,
  launchToStop,
  startClient,
  stepAndStop,
  topFrames,
  variableAt,
  type Stopped,
  errorOf,
  ROOT,
  scopeVars,
  followStates,
} from './helpers';

interface ExecutionState {
  snapshot: {
    state: string;
    steps: {
      step: string;
      invoke: { state: string; status: string; attempt: number };
      compensate: { state: string };
    }[];
  };
  paused?: { step: string; action: string; workflowId: string };
}

async function executionState(dc: DebugClient): Promise<ExecutionState> {
  return (await dc.customRequest('executionState')).body as ExecutionState;
}

const ORDER_STEPS = [
  'validate-inventory',
  'create-order',
  'reserve-inventory',
  'capture-payment',
  'orderCreated',
  'send-order-confirmation',
  'allocate-to-warehouse',
];

describe('debug adapter: failures and rollback', function () {
  this.timeout(40000);
  let dc: DebugClient;
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await dc.stop();
  });

  it('compensation stops follow the engine rollback order; parallel compensations are threads', async () => {
    const { order: expected, concurrent } = await engineRollback('allocate-to-warehouse');
    assert.ok(expected.length >= 4, `engine compensated ${expected.join(', ')}`);
    assert.ok(
      concurrent.length > 0,
      'the examples order workflow compensates parallel branches together',
    );
    const out = collectOutput(dc);
    let ev = await launchToStop(
      dc,
      exampleArgs(file.createOrder, 'create-order', { failSteps: ['allocate-to-warehouse'] }),
      {
        functions: ORDER_STEPS.map((s) => `compensate:${s}`),
      },
    );
    const stops: string[] = [];
    const seenTogether = new Set<string>();
    const ended = dc.waitForEvent('terminated', 20000).catch(() => undefined);
    for (;;) {
      const frames = await topFrames(dc, ev.body.threadId);
      const name = frames[0]!.name;
      assert.match(name, / \(compensate\)$/);
      stops.push(name.replace(' (compensate)', ''));
      const threads = (await dc.threadsRequest()).body.threads.map((t) => t.name);
      for (const [a, b] of concurrent)
        if (threads.includes(a) && threads.includes(b)) seenTogether.add(`${a}+${b}`);
      const next = dc.waitForEvent('stopped', 4000).catch(() => undefined);
      await dc.continueRequest({ threadId: ev.body.threadId });
      const r = await Promise.race([next, ended]);
      if (!r || r.event === 'terminated') break;
      ev = r as Stopped;
    }
    assert.deepStrictEqual(stops, expected);
    assert.deepStrictEqual(
      [...seenTogether],
      concurrent.map(([a, b]) => `${a}+${b}`),
      'concurrent compensations are shown as threads',
    );
    const text = await out.waitFor(/Compensations, in order: /);
    assert.match(text, /Workflow create-order ended: reverted/);
    assert.ok(text.includes(`Compensations, in order: ${expected.join(', ')}`));
    assert.match(text, /allocate-to-warehouse \(invoke\): Forced failure: allocate-to-warehouse/);
  });

  it('exception filter "Step failed" stops at the failure, before any compensation', async () => {
    const states = followStates(dc);
    const ev = await launchToStop(
      dc,
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { failSteps: ['upload-logo'] }),
      { exceptions: ['stepFailed', 'rollbackStarted'] },
    );
    assert.strictEqual(ev.body.reason, 'exception');
    assert.strictEqual(ev.body.description, 'Step failed');
    assert.match(ev.body.text ?? '', /Step "upload-logo" failed: Forced failure: upload-logo/);
    const info = await dc.exceptionInfoRequest({ threadId: ev.body.threadId });
    assert.strictEqual(info.body.exceptionId, 'stepFailed');
    assert.match(info.body.description ?? '', /Forced failure: upload-logo/);
    const frames = await topFrames(dc, ev.body.threadId);
    assert.strictEqual(frames[0]?.name, 'upload-logo (invoke)', 'stopped at the failed step');
    const step = await scopeVars(dc, frames[0].id, 'Step');
    assert.match(step.get('error')?.value ?? '', /Forced failure: upload-logo/);
    assert.strictEqual(step.get('state')?.value, '"failed"');
    const state = await executionState(dc);
    assert.strictEqual(state.snapshot.state, 'waiting_to_compensate', 'no rollback yet');
    const byStep = new Map(state.snapshot.steps.map((x) => [x.step, x]));
    assert.strictEqual(byStep.get('upload-logo')?.invoke.state, 'failed');
    assert.strictEqual(byStep.get('create-brand')?.invoke.state, 'done');
    for (const x of state.snapshot.steps)
      assert.ok(
        !['compensating', 'reverted', 'failed'].includes(x.compensate.state),
        `${x.step}'s compensation has not begun (${x.compensate.state})`,
      );
    assert.deepStrictEqual(state.paused, {
      step: 'upload-logo',
      action: 'invoke',
      workflowId: 'create-brand-with-logo',
    });
    assert.deepStrictEqual(states.at(-1)?.rollback, []);
    // Continuing starts the rollback: "Rollback started" stops at the first compensation.
    const next = await stepAndStop(dc, 'continue', ev.body.threadId);
    assert.strictEqual(next.body.reason, 'exception');
    assert.strictEqual(next.body.description, 'Rollback started');
    const at = await topFrames(dc, next.body.threadId);
    assert.strictEqual(at[0]?.name, 'upload-logo (compensate)');
    assert.strictEqual((await executionState(dc)).snapshot.state, 'compensating');
  });

  it('exception filter "Rollback started" stops at the first compensation', async () => {
    const ev = await launchToStop(
      dc,
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { failSteps: ['update-brand'] }),
      {
        exceptions: ['rollbackStarted'],
      },
    );
    assert.strictEqual(ev.body.reason, 'exception');
    assert.strictEqual(ev.body.description, 'Rollback started');
    const frames = await topFrames(dc, ev.body.threadId);
    assert.strictEqual(frames[0]?.name, 'update-brand (compensate)');
  });

  it('exception filter "Compensation failed" stops at that failure, before the next compensation', async () => {
    const ev = await launchToStop(
      dc,
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', {
        failSteps: ['update-brand'],
        failCompensations: ['upload-logo'],
      }),
      { exceptions: ['compensationFailed'] },
    );
    assert.strictEqual(ev.body.reason, 'exception');
    assert.strictEqual(ev.body.description, 'Compensation failed');
    assert.match(
      ev.body.text ?? '',
      /Compensation of "upload-logo" failed: Forced failure: upload-logo/,
    );
    const frames = await topFrames(dc, ev.body.threadId);
    assert.strictEqual(frames[0]?.name, 'upload-logo (compensate)');
    const step = await scopeVars(dc, frames[0].id, 'Step');
    assert.match(step.get('error')?.value ?? '', /Forced failure: upload-logo/);
    assert.strictEqual(step.get('state')?.value, '"failed"');
    const state = await executionState(dc);
    assert.strictEqual(state.snapshot.state, 'compensating');
    const byStep = new Map(state.snapshot.steps.map((x) => [x.step, x.compensate.state]));
    assert.strictEqual(byStep.get('update-brand'), 'reverted');
    assert.strictEqual(byStep.get('upload-logo'), 'failed');
    assert.strictEqual(byStep.get('create-brand'), 'not_started', 'not compensated yet');
    const out = collectOutput(dc);
    await dc.continueRequest({ threadId: ev.body.threadId });
    const text = await out.waitFor(/Compensations, in order: .*\n/);
    assert.match(text, /Workflow create-brand-with-logo ended: failed/);
    assert.match(text, /Compensations, in order: update-brand, upload-logo, create-brand/);
  });

  it('"Step failed" stops at every failed attempt of a retried step', async () => {
    const program = join(ROOT, 'test', 'debug-adapter', 'fixtures', 'retry.ts');
    const ev = await launchToStop(
      dc,
      { program, cwd: dirname(program), workflow: 'retry-wf' },
      {
        exceptions: ['stepFailed'],
      },
    );
    assert.strictEqual(ev.body.reason, 'exception');
    assert.match(ev.body.text ?? '', /Step "flaky" failed \(it will be retried\): flaky attempt 1/);
    let state = await executionState(dc);
    let flaky = state.snapshot.steps.find((x) => x.step === 'flaky')!;
    assert.strictEqual(flaky.invoke.status, 'temp_failure');
    assert.strictEqual(flaky.invoke.attempt, 1, 'not retried while stopped');
    const second = await stepAndStop(dc, 'continue', ev.body.threadId);
    assert.match(
      second.body.text ?? '',
      /Step "flaky" failed \(it will be retried\): flaky attempt 2/,
    );
    state = await executionState(dc);
    flaky = state.snapshot.steps.find((x) => x.step === 'flaky')!;
    assert.strictEqual(flaky.invoke.attempt, 2);
    const out = collectOutput(dc);
    await dc.continueRequest({ threadId: second.body.threadId });
    const text = await out.waitFor(/ended: /);
    assert.match(text, /Workflow retry-wf ended: done/);
  });

  it('no filter, no stop: a forced failure runs to the end', async () => {
    const out = collectOutput(dc);
    const terminated = dc.waitForEvent('terminated');
    await launch(
      dc,
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { failSteps: ['update-brand'] }),
    );
    await terminated;
    assert.match(out.text(), /Compensations, in order: update-brand, upload-logo, create-brand/);
  });

  it('forceFailure fails the paused step; executionState and state events follow the run', async () => {
    const states = followStates(dc);
    const out = collectOutput(dc);
    const ev = await launchToStop(dc, exampleArgs(file.brandWithLogo, 'create-brand-with-logo'), {
      functions: ['upload-logo'],
    });
    const r = await dc.customRequest('forceFailure', {});
    assert.deepStrictEqual(r.body, { step: 'upload-logo' });
    const bad = await errorOf(dc.customRequest('forceFailure', { step: 'nope' }));
    assert.match(bad, /Unknown step "nope"/);
    const state = (await dc.customRequest('executionState')).body as {
      snapshot: { steps: { step: string; invoke: { state: string } }[] };
      paused: unknown;
    };
    assert.deepStrictEqual(state.paused, {
      step: 'upload-logo',
      action: 'invoke',
      workflowId: 'create-brand-with-logo',
    });
    const byStep = new Map(state.snapshot.steps.map((s) => [s.step, s.invoke.state]));
    assert.strictEqual(byStep.get('create-brand'), 'done');
    assert.strictEqual(byStep.get('update-brand'), 'not_started');
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: ev.body.threadId });
    await terminated;
    const text = out.text();
    assert.match(text, /ended: reverted/);
    assert.match(text, /upload-logo \(invoke\): Forced failure: upload-logo/);
    assert.match(text, /Compensations, in order: upload-logo, create-brand/);
    const last = states[states.length - 1];
    assert.strictEqual(last?.snapshot.state, 'reverted');
    assert.deepStrictEqual(last?.rollback, ['upload-logo', 'create-brand']);
    assert.ok(
      states.some((s) => s.snapshot.state === 'compensating'),
      'a state event for each change, rollback included',
    );
  });

  it('forceFailure in a nested workflow names the step by its path; a bare nested name is refused', async () => {
    const out = collectOutput(dc);
    const ev = await launchToStop(dc, exampleArgs(file.launchBrand, 'launch-brand'), {
      functions: ['upload-logo'],
    });
    const bare = await errorOf(dc.customRequest('forceFailure', { step: 'upload-logo' }));
    assert.match(
      bare,
      /Step "upload-logo" in "step" is not a step of launch-brand itself; name a nested step by its path: create-brand-with-logo\/upload-logo/,
    );
    const r = await dc.customRequest('forceFailure', {});
    assert.deepStrictEqual(r.body, { step: 'create-brand-with-logo/upload-logo' });
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: ev.body.threadId });
    await terminated;
    assert.match(
      out.text(),
      /create-brand-with-logo-as-step \(invoke\): Forced failure: upload-logo/,
    );
  });

  it('forceFailure on a compensation by name', async () => {
    const ev = await launchToStop(
      dc,
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { failSteps: ['update-brand'] }),
      {
        functions: ['upload-logo'],
      },
    );
    await dc.customRequest('forceFailure', { step: 'create-brand', action: 'compensate' });
    const out = collectOutput(dc);
    await dc.continueRequest({ threadId: ev.body.threadId });
    const text = await out.waitFor(/ended: /);
    assert.match(text, /ended: failed/);
  });

  it('the Step scope shows the compensate input at a compensation stop', async () => {
    const ev = await launchToStop(
      dc,
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { failSteps: ['update-brand'] }),
      {
        functions: ['compensate:upload-logo'],
      },
    );
    const frames = await topFrames(dc, ev.body.threadId);
    const v = await variableAt(dc, frames[0]!.id, 'Step', ['compensate input']);
    assert.match(v.value, /^"file_/);
    const out = await variableAt(dc, frames[0]!.id, 'Step', ['output', 'url']);
    assert.match(out.value, /acme-outdoor\.png"$/);
    const calls = (await dc.scopesRequest({ frameId: frames[0]!.id })).body.scopes.find(
      (s) => s.name === 'Container calls',
    )!;
    const list = (
      await dc.variablesRequest({ variablesReference: calls.variablesReference })
    ).body.variables.map((v) => v.name);
    assert.deepStrictEqual(list, [
      '1. brand.createBrands (create-brand)',
      '2. file.createFiles (upload-logo)',
    ]);
    await stepAndStop(dc, 'next', ev.body.threadId).then(async (s) => {
      assert.strictEqual(
        (await topFrames(dc, s.body.threadId))[0]?.name,
        'create-brand (compensate)',
      );
    });
  });
});
