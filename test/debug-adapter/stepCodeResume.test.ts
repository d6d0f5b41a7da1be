// "debugStepCode" over plain DAP, with this test playing both VS Code (custom requests) and its
// JavaScript debugger (CDP on the runner's inspector): how a paused handler is resumed decides
// the next boundary whatever arrives first, and the paused step is the one whose code is paused.
import * as assert from 'node:assert';
import { join } from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Inspector } from './cdp';
import {
  exampleArgs,
  file,
  FIXTURES,
  fixtureArgs,
  followStates,
  lineOf,
  startClient,
  type Stopped,
} from './helpers';
import { attached, runDone, stateWhere } from './stepCodeClient';

const TELL = 'medusaWorkflows.javaScript';

interface StateBody {
  snapshot: { state: string; steps: { step: string; invoke: { state: string } }[] };
  paused?: { step: string };
}

/** The session's state events so far, snapshots rebuilt (followStates, from the client's start). */
let states: StateBody[] = [];

const invokeDone = (step: string) => (b: StateBody) =>
  b.snapshot.steps.some((s) => s.step === step && s.invoke.state === 'done');

/** The next stop, or 'ended' when the run ends first. (The process itself waits at its exit
 * until the JavaScript debugger lets go, as Node does with an inspector attached.) */
function stopOrEnd(dc: DebugClient): Promise<Stopped | 'ended'> {
  return Promise.race([
    new Promise<Stopped>((resolve) => dc.once('stopped', resolve)),
    stateWhere(dc, states, runDone).then(() => 'ended' as const),
  ]);
}

describe('debug adapter: debugStepCode, resuming a paused handler', function () {
  this.timeout(40000);
  let dc: DebugClient;
  let cdp: Inspector | undefined;
  beforeEach(async () => {
    dc = await startClient();
    states = followStates(dc);
  });
  afterEach(async () => {
    await cdp?.close();
    cdp = undefined;
    await dc.stop();
  });

  /** From the entry stop, lets the first step run while JavaScript is paused in the runner, and
   * resumes JavaScript: the runner reaches its next boundary before the client says how. */
  async function pausedThenResumed(how: 'continue' | 'stepIn'): Promise<void> {
    const args = exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { stopOnEntry: true });
    const start = await attached(dc, args);
    cdp = start.cdp;
    const entry = await start.first!;
    const paused = cdp.next('Debugger.paused');
    await cdp.send('Debugger.pause');
    if (how === 'stepIn') {
      const armed = dc
        .waitForEvent('medusaWorkflows.stepIntoHandler')
        .then(() => dc.customRequest(TELL, { kind: 'armed' }));
      await dc.stepInRequest({ threadId: entry.body.threadId });
      await armed;
    } else await dc.continueRequest({ threadId: entry.body.threadId });
    await paused;
    await dc.customRequest(TELL, { kind: 'paused' });
    const atNext = stateWhere(dc, states, invokeDone('create-brand'));
    await cdp.send('Debugger.resume');
    await atNext;
  }

  it('Step Out from a handler stops at the next boundary even when it arrives before the client says so', async () => {
    await pausedThenResumed('continue');
    const next = stopOrEnd(dc);
    await dc.customRequest(TELL, { kind: 'resumed', how: 'stepOut' });
    const stop = await next;
    assert.notStrictEqual(stop, 'ended', 'Step Out ran past the next boundary');
    if (stop === 'ended') return;
    assert.strictEqual(stop.body.reason, 'step');
    const frames = await dc.stackTraceRequest({ threadId: stop.body.threadId });
    assert.match(frames.body.stackFrames[0]?.name ?? '', /upload-logo/);
  });

  it('Continue from a handler entered with Step Into runs on even when the boundary arrives first', async () => {
    await pausedThenResumed('stepIn');
    const next = stopOrEnd(dc);
    await dc.customRequest(TELL, { kind: 'resumed', how: 'continue' });
    const stop = await next;
    assert.strictEqual(stop === 'ended' ? stop : `stopped (${stop.body.reason})`, 'ended');
  });

  it('among parallel steps, the paused one is the step whose handler holds the paused frame; its thread shows the workflow frames', async () => {
    const program = join(FIXTURES, 'parallel-code.ts');
    const start = await attached(dc, fixtureArgs('parallel-code.ts'));
    cdp = start.cdp;
    await cdp.next('Debugger.paused');
    const stops: Stopped[] = [];
    dc.on('stopped', (e: Stopped) => stops.push(e));
    await dc.customRequest(TELL, { kind: 'paused' });
    const line = lineOf(program, 'debugger;');
    const shown = stateWhere(dc, states, (b) => b.paused !== undefined);
    const stopped = dc.waitForEvent('stopped') as Promise<Stopped>;
    await dc.customRequest(TELL, { kind: 'located', frames: [{ path: program, line }] });
    assert.strictEqual((await shown).paused?.step, 'pack');
    const state = (await dc.customRequest('executionState')).body as StateBody;
    assert.strictEqual(state.paused?.step, 'pack');

    // The Call Stack: the step's thread stops too, without taking the focus, with its frames.
    const stop = await stopped;
    assert.strictEqual(stops.length, 1, 'no stop before the paused step was known');
    assert.strictEqual(stop.body.reason, 'step code');
    assert.strictEqual(stop.body.preserveFocusHint, true);
    assert.strictEqual(stop.body.allThreadsStopped, false);
    const threads = (await dc.threadsRequest()).body.threads;
    assert.strictEqual(threads.find((t) => t.id === stop.body.threadId)?.name, 'pack');
    const frames = (await dc.stackTraceRequest({ threadId: stop.body.threadId })).body.stackFrames;
    assert.deepStrictEqual(
      frames.map((f) => f.name),
      ['pack (invoke)', 'parallel-code'],
    );
    assert.strictEqual(frames[0]?.source?.path, program);
    const scopes = await dc.scopesRequest({ frameId: frames[0].id });
    assert.deepStrictEqual(scopes.body.scopes, [], 'values are in the JavaScript frames');

    // Continue on that thread is passed on to the JavaScript session.
    const passedOn = dc.waitForEvent('medusaWorkflows.resumeJavaScript');
    await dc.continueRequest({ threadId: stop.body.threadId });
    assert.deepStrictEqual((await passedOn).body, { how: 'continue' });
    await dc.customRequest(TELL, { kind: 'resumed', how: 'continue' });
    const ended = stateWhere(dc, states, runDone);
    await cdp.send('Debugger.resume');
    await ended;
    assert.strictEqual(stops.length, 1, 'no other stop');
  });

  it('Continue in the JavaScript session lets the shown thread go on', async () => {
    const program = join(FIXTURES, 'parallel-code.ts');
    const start = await attached(dc, fixtureArgs('parallel-code.ts'));
    cdp = start.cdp;
    await cdp.next('Debugger.paused');
    const stopped = dc.waitForEvent('stopped') as Promise<Stopped>;
    await dc.customRequest(TELL, { kind: 'paused' });
    const line = lineOf(program, 'debugger;');
    await dc.customRequest(TELL, { kind: 'located', frames: [{ path: program, line }] });
    const stop = await stopped;
    const continued = dc.waitForEvent('continued');
    await dc.customRequest(TELL, { kind: 'resumed', how: 'continue' });
    const body = (await continued).body as DebugProtocol.ContinuedEvent['body'];
    assert.strictEqual(body.threadId, stop.body.threadId);
    assert.strictEqual(body.allThreadsContinued, false);
    const ended = stateWhere(dc, states, runDone);
    await cdp.send('Debugger.resume');
    await ended;
  });
});
