// Stepping (entry, next, step in/out of a nested workflow, pause), setVariable and evaluate.
import * as assert from 'node:assert';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { engineRun } from './engineReference';
import {
  collectOutput,
  exampleArgs,
  file,
  fixtureArgs,
  launch,
  launchToStop,
  startClient,
  stepAndStop,
  topFrames,
  variableAt,
  lineOf,
  type Stopped,
  errorOf,
  EXAMPLES,
} from './helpers';

describe('debug adapter: stepping and changes while paused', function () {
  this.timeout(40000);
  let dc: DebugClient;
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await dc.stop();
  });

  async function nextUntilEnd(ev: Stopped): Promise<string[]> {
    const seen: string[] = [];
    const ended = dc.waitForEvent('terminated', 20000).catch(() => undefined);
    for (;;) {
      seen.push((await topFrames(dc, ev.body.threadId))[0]!.name);
      const next = dc.waitForEvent('stopped', 4000).catch(() => undefined);
      await dc.nextRequest({ threadId: ev.body.threadId });
      const r = await Promise.race([next, ended]);
      if (!r || r.event === 'terminated') return seen;
      assert.strictEqual((r as Stopped).body.reason, 'step');
      ev = r as Stopped;
    }
  }

  it('each Next sends no state on resume and one after its stop, naming the step it paused at', async () => {
    // Events in arrival order: a state event's paused step, or 'stopped'.
    const seen: string[] = [];
    dc.on('medusaWorkflows.state', (e: { body: { paused?: { step: string } } }) =>
      seen.push(`state ${e.body.paused?.step ?? '-'}`),
    );
    dc.on('stopped', () => seen.push('stopped'));
    let ev = await launchToStop(
      dc,
      fixtureArgs('hundred.ts', { input: { n: 0 }, stopOnEntry: true }),
    );
    for (let i = 1; i <= 5; i++) {
      await dc.threadsRequest();
      seen.length = 0;
      ev = await stepAndStop(dc, 'next', ev.body.threadId);
      // A request answered after the stop: every event sent before it has arrived.
      await dc.threadsRequest();
      // The runner's turns while the step ran (one here; two at most), then the stop and its
      // state. Sending state on resume and before the stop too made it five.
      assert.deepStrictEqual(seen.slice(-2), ['stopped', `state step-${i}`], `Next ${i}`);
      assert.ok(seen.length <= 4, `Next ${i}: ${seen.join(', ')}`);
      assert.ok(
        seen.slice(0, -2).every((x) => x === 'state -'),
        `Next ${i}: ${seen.join(', ')}`,
      );
    }
  });

  it("a Next's response, its stopped event and its state reach the client in one write", async () => {
    // Issue 14: each read is a wake-up of the client on a busy machine.
    const chunks: string[] = [];
    const adapter = (dc as unknown as { _adapterProcess: { stdout: NodeJS.ReadableStream } })
      ._adapterProcess;
    adapter.stdout.on('data', (d: Buffer) => chunks.push(d.toString()));
    let ev = await launchToStop(
      dc,
      fixtureArgs('hundred.ts', { input: { n: 0 }, stopOnEntry: true }),
    );
    for (let i = 1; i <= 5; i++) {
      chunks.length = 0;
      ev = await stepAndStop(dc, 'next', ev.body.threadId);
      await dc.threadsRequest();
      const answer = chunks.find((c) => c.includes('"command":"next"'));
      assert.ok(answer, `Next ${i}: its response arrived`);
      assert.match(
        answer,
        /"command":"next"[\s\S]*"event":"stopped"[\s\S]*"medusaWorkflows\.state"/,
      );
    }
  });

  it('tells the client a thread started when the run starts, so a running workflow shows before any stop', async () => {
    const started = dc.waitForEvent('thread', 10000);
    await launch(dc, fixtureArgs('slow.ts'));
    const ev = (await started) as { body: { reason: string; threadId: number } };
    assert.strictEqual(ev.body.reason, 'started');
    // What the Call Stack then lists is the running workflow: its main thread (the one announced)
    // until the first step begins, that step's thread once it runs. Which one is timing: on a
    // fresh machine (no transpile cache) it was the step's.
    const { body } = await dc.threadsRequest();
    assert.ok(body.threads.length > 0, 'no thread while the workflow runs');
    for (const t of body.threads) {
      const main = t.id === ev.body.threadId && t.name === 'slow';
      const step = t.id !== ev.body.threadId && t.name === 'wait-a-bit';
      assert.ok(main || step, JSON.stringify(body.threads));
    }
  });

  it('stopOnEntry, then Next visits every boundary in execution order, rollback included', async () => {
    const expected = await engineRun(file.createOrder, 'create-order', 'allocate-to-warehouse');
    const ev = await launchToStop(
      dc,
      exampleArgs(file.createOrder, 'create-order', {
        stopOnEntry: true,
        failSteps: ['allocate-to-warehouse'],
      }),
    );
    assert.strictEqual(ev.body.reason, 'entry');
    const seen = await nextUntilEnd(ev);
    assert.deepStrictEqual(seen, expected.boundaries);
    assert.ok(seen.includes('create-order (compensate)'));
  });

  it('the steps of a parallelize are threads; Next moves to the sibling waiting at its gate', async () => {
    const ev = await launchToStop(dc, exampleArgs(file.createOrder, 'create-order'), {
      functions: ['reserve-inventory'],
    });
    const threads = (await dc.threadsRequest()).body.threads;
    assert.deepStrictEqual(threads.map((t) => t.name).sort(), [
      'capture-payment',
      'reserve-inventory',
    ]);
    const capture = threads.find((t) => t.name === 'capture-payment')!;
    const waiting = await topFrames(dc, capture.id);
    assert.strictEqual(
      waiting[0]?.name,
      'capture-payment (invoke)',
      'the sibling shows where it waits',
    );
    const next = await stepAndStop(dc, 'next', ev.body.threadId);
    assert.strictEqual(next.body.threadId, capture.id);
    assert.notStrictEqual(next.body.threadId, ev.body.threadId);
  });

  it('Step In enters a nested workflow, Step Out returns to the parent, Next steps over it', async () => {
    const ev = await launchToStop(dc, exampleArgs(file.launchBrand, 'launch-brand'), {
      functions: ['create-brand-with-logo-as-step'],
    });
    const at = await topFrames(dc, ev.body.threadId);
    assert.deepStrictEqual(
      at.map((f) => f.name),
      ['create-brand-with-logo-as-step (invoke)', 'launch-brand'],
    );
    assert.strictEqual(at[1]?.line, lineOf(file.launchBrand, 'runAsStep'));

    const inside = await stepAndStop(dc, 'stepIn', ev.body.threadId);
    const frames = await topFrames(dc, inside.body.threadId);
    assert.deepStrictEqual(
      frames.map((f) => f.name),
      [
        'create-brand (invoke)',
        'create-brand-with-logo',
        'launch-brand › create-brand-with-logo-as-step',
      ],
    );
    assert.strictEqual(frames[1]?.line, lineOf(file.brandWithLogo, 'createBrandStep({'));
    assert.strictEqual(frames[2]?.line, lineOf(file.launchBrand, 'runAsStep'));
    const parentFrame = frames[2];
    assert.ok(parentFrame);
    const parentScope = await variableAt(dc, parentFrame.id, 'Workflow', ['workflow']);
    assert.strictEqual(parentScope.value, '"launch-brand"');

    const next = await stepAndStop(dc, 'next', inside.body.threadId);
    assert.strictEqual((await topFrames(dc, next.body.threadId))[0]?.name, 'upload-logo (invoke)');

    const out = await stepAndStop(dc, 'stepOut', next.body.threadId);
    const outFrames = await topFrames(dc, out.body.threadId);
    assert.deepStrictEqual(
      outFrames.map((f) => f.name),
      ['create-brand-products (invoke)', 'launch-brand'],
    );
  });

  it('Next over a nested workflow step does not enter it', async () => {
    const ev = await launchToStop(dc, exampleArgs(file.launchBrand, 'launch-brand'), {
      functions: ['create-brand-with-logo-as-step'],
    });
    const next = await stepAndStop(dc, 'next', ev.body.threadId);
    assert.strictEqual(
      (await topFrames(dc, next.body.threadId))[0]?.name,
      'create-brand-products (invoke)',
    );
  });

  it('Pause stops at the next boundary', async () => {
    const out = collectOutput(dc);
    const stopped = dc.waitForEvent('stopped') as Promise<Stopped>;
    await launch(dc, fixtureArgs('slow.ts'));
    await out.waitFor(/waiting/);
    await dc.pauseRequest({ threadId: 1 });
    const ev = await stopped;
    assert.strictEqual(ev.body.reason, 'pause');
    assert.strictEqual((await topFrames(dc, ev.body.threadId))[0]?.name, 'after-wait (invoke)');
  });

  it('setVariable on the paused step input changes what the step and the next step receive', async () => {
    const ev = await launchToStop(dc, exampleArgs(file.brandWithLogo, 'create-brand-with-logo'), {
      functions: ['upload-logo'],
    });
    const frame = (await topFrames(dc, ev.body.threadId))[0]!;
    const input = await variableAt(dc, frame.id, 'Step', ['input']);
    const set = await dc.setVariableRequest({
      variablesReference: input.variablesReference,
      name: 'filename',
      value: '"changed.png"',
    });
    assert.strictEqual(set.body.value, '"changed.png"');
    const stepRef = (await dc.scopesRequest({ frameId: frame.id })).body.scopes[0]!
      .variablesReference;
    const denied = await errorOf(
      dc.setVariableRequest({ variablesReference: stepRef, name: 'attempt', value: '5' }),
    );
    assert.match(denied, /attempt cannot be changed here/);
    const next = await stepAndStop(dc, 'next', ev.body.threadId);
    const nextFrame = (await topFrames(dc, next.body.threadId))[0]!;
    assert.strictEqual(nextFrame.name, 'update-brand (invoke)');
    const logoUrl = await variableAt(dc, nextFrame.id, 'Step', ['input', 'logo_url']);
    assert.match(logoUrl.value, /\/changed\.png"$/);
  });

  it('setVariable replaces the whole input with JSON', async () => {
    const ev = await launchToStop(dc, exampleArgs(file.brandWithLogo, 'create-brand-with-logo'), {
      functions: ['create-brand'],
    });
    const frame = (await topFrames(dc, ev.body.threadId))[0]!;
    const scope = (await dc.scopesRequest({ frameId: frame.id })).body.scopes.find(
      (s) => s.name === 'Step',
    )!;
    await dc.setVariableRequest({
      variablesReference: scope.variablesReference,
      name: 'input',
      value: '{"name": "Zeta", "handle": "zeta"}',
    });
    const next = await stepAndStop(dc, 'next', ev.body.threadId);
    const f2 = (await topFrames(dc, next.body.threadId))[0]!;
    const created = await variableAt(dc, f2.id, 'Workflow', [
      'steps',
      'create-brand',
      'invoke',
      'output',
      'handle',
    ]);
    assert.strictEqual(created.value, '"zeta"');
  });

  it('setVariable on a finished step output changes what a later step receives', async () => {
    const ev = await launchToStop(dc, exampleArgs(file.brandWithLogo, 'create-brand-with-logo'), {
      functions: ['upload-logo'],
    });
    const frame = (await topFrames(dc, ev.body.threadId))[0]!;
    const output = await variableAt(dc, frame.id, 'Workflow', [
      'steps',
      'create-brand',
      'invoke',
      'output',
    ]);
    const set = await dc.setVariableRequest({
      variablesReference: output.variablesReference,
      name: 'id',
      value: '"brand_edited"',
    });
    assert.strictEqual(set.body.value, '"brand_edited"');
    const next = await stepAndStop(dc, 'next', ev.body.threadId);
    const nextFrame = (await topFrames(dc, next.body.threadId))[0]!;
    assert.strictEqual(nextFrame.name, 'update-brand (invoke)');
    assert.strictEqual(
      (await variableAt(dc, nextFrame.id, 'Step', ['input', 'id'])).value,
      '"brand_edited"',
    );
    const stepScope = (await dc.scopesRequest({ frameId: nextFrame.id })).body.scopes.find(
      (s) => s.name === 'Step',
    )!;
    const denied = await errorOf(
      dc.setVariableRequest({
        variablesReference: stepScope.variablesReference,
        name: 'output',
        value: '1',
      }),
    );
    assert.match(denied, /output cannot be changed here/);
  });

  it('evaluate runs against the paused step scope, in the workflow process', async () => {
    const ev = await launchToStop(
      dc,
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', {
        env: { MW_DEBUG_TEST: 'from-launch' },
      }),
      { functions: ['create-brand'] },
    );
    const frame = (await topFrames(dc, ev.body.threadId))[0]!;
    const r = await dc.evaluateRequest({
      expression: 'input.name.toUpperCase()',
      frameId: frame.id,
      context: 'repl',
    });
    assert.strictEqual(r.body.result, '"ACME OUTDOOR"');
    const ctx = await dc.evaluateRequest({
      expression: 'context.workflowId + "/" + step + "/" + action',
      frameId: frame.id,
      context: 'repl',
    });
    assert.strictEqual(ctx.body.result, '"create-brand-with-logo/create-brand/invoke"');
    const pid = await dc.evaluateRequest({
      expression: 'process.pid',
      frameId: frame.id,
      context: 'repl',
    });
    assert.notStrictEqual(Number(pid.body.result), process.pid);
    const env = await dc.evaluateRequest({
      expression: 'process.env.MW_DEBUG_TEST + " " + process.cwd()',
      frameId: frame.id,
      context: 'repl',
    });
    assert.strictEqual(
      env.body.result,
      JSON.stringify(`from-launch ${EXAMPLES}`),
      'env and cwd of the launch',
    );
    const obj = await dc.evaluateRequest({
      expression: '({ a: [1, 2, 3] })',
      frameId: frame.id,
      context: 'repl',
    });
    assert.ok(obj.body.variablesReference > 0);
    const err = await errorOf(
      dc.evaluateRequest({ expression: 'input.nope.deeper', frameId: frame.id, context: 'repl' }),
    );
    assert.match(err, /Cannot read properties of undefined/);
  });
});
