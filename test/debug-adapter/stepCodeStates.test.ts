// "debugStepCode" over plain DAP: what the graph hears while the JavaScript session steps through
// a handler. Each Step Over makes VS Code report 'resumed', 'paused' and 'located' about the same
// step (an older client) or one 'paused' with its frames; none of it may cost a state event (a
// whole snapshot the graph redraws), yet a handler that goes on running is shown running.
import * as assert from 'node:assert';
import { join } from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { Inspector } from './cdp';
import { FIXTURES, fixtureArgs, followStates, lineOf, startClient, type Stopped } from './helpers';
import { attached, runDone, stateWhere, TELL, type StateBody } from './stepCodeClient';

const program = join(FIXTURES, 'step-lines.ts');

describe('debug adapter: debugStepCode, state events while stepping in a handler', function () {
  this.timeout(40000);
  let dc: DebugClient;
  let cdp: Inspector | undefined;
  let states: StateBody[] = [];
  beforeEach(async () => {
    dc = await startClient();
    states = followStates(dc);
  });
  afterEach(async () => {
    await cdp?.close();
    cdp = undefined;
    await dc.stop();
  });

  it('stepping over lines of a paused handler sends no state event; running on is shown once it lasts', async () => {
    const start = await attached(dc, fixtureArgs('step-lines.ts'));
    cdp = start.cdp;
    await cdp.next('Debugger.paused');
    const shown = stateWhere(dc, states, (b) => b.paused?.step === 'count');
    const stopped = dc.waitForEvent('stopped') as Promise<Stopped>;
    await dc.customRequest(TELL, { kind: 'paused' });
    const at = (text: string) => [{ path: program, line: lineOf(program, text) }];
    await dc.customRequest(TELL, { kind: 'located', frames: at('debugger;') });
    await shown;
    const stop = await stopped;
    assert.strictEqual(stop.body.reason, 'step code');

    const before = states.length;
    // What VS Code reports for each Step Over, in the order it does (pipelined, as it sends them).
    for (const line of ['let n = 1', 'n * 3 + 1', 'n * 3 + 2']) {
      await Promise.all([
        dc.customRequest(TELL, { kind: 'resumed', how: 'other' }),
        dc.customRequest(TELL, { kind: 'paused' }),
        dc.customRequest(TELL, { kind: 'located', frames: at(line) }),
      ]);
    }
    const now = (await dc.customRequest('executionState')).body as StateBody;
    assert.strictEqual(now.paused?.step, 'count', 'still shown paused in its step');
    assert.deepStrictEqual(states.slice(before), [], 'no state event for lines of the same step');

    // A step that keeps running (here: the JavaScript session does not pause again) is shown so,
    // on the graph and in the Call Stack (its thread no longer shown stopped).
    const running = stateWhere(dc, states, (b) => b.paused === undefined);
    const continued = dc.waitForEvent('continued');
    await dc.customRequest(TELL, { kind: 'resumed', how: 'other' });
    await running;
    const body = (await continued).body as { threadId: number };
    assert.strictEqual(body.threadId, stop.body.threadId);
    const ended = stateWhere(dc, states, runDone);
    await cdp.send('Debugger.resume');
    await ended;
  });
  it("the client's one report per Step Over ('paused' with its frames, after a resume) costs no state event either", async () => {
    const start = await attached(dc, fixtureArgs('step-lines.ts'));
    cdp = start.cdp;
    await cdp.next('Debugger.paused');
    const at = (text: string) => [{ path: program, line: lineOf(program, text) }];
    const shown = stateWhere(dc, states, (b) => b.paused?.step === 'count');
    await dc.customRequest(TELL, { kind: 'paused', frames: at('debugger;') });
    await shown;

    const before = states.length;
    for (const line of ['let n = 1', 'n * 3 + 1', 'n * 3 + 2'])
      await dc.customRequest(TELL, { kind: 'paused', frames: at(line), resumed: true });
    const now = (await dc.customRequest('executionState')).body as StateBody;
    assert.strictEqual(now.paused?.step, 'count', 'still shown paused in its step');
    assert.deepStrictEqual(states.slice(before), [], 'no state event for lines of the same step');

    const running = stateWhere(dc, states, (b) => b.paused === undefined);
    await dc.customRequest(TELL, { kind: 'resumed', how: 'other' });
    await running;
    const ended = stateWhere(dc, states, runDone);
    await cdp.send('Debugger.resume');
    await ended;
  });
});
