// Unit tests (mocha, no VS Code) of the debug adapter's PausedStates: which reports of the
// JavaScript session cost a state event, with timers run by hand.
import * as assert from 'node:assert';
import {
  PausedStates,
  RUNNING_AFTER_MS,
  type PausedAt,
} from '../../../debug-adapter/src/pausedStates';
import { manualTimers } from '../manualTimers';

describe('debug adapter: PausedStates', () => {
  const count: PausedAt = { step: 'count', action: 'invoke', workflowId: 'wf' };
  let now: PausedAt | undefined;
  let sent: (PausedAt | undefined)[];
  let timers: ReturnType<typeof manualTimers>;
  let states: PausedStates;
  beforeEach(() => {
    now = undefined;
    sent = [];
    timers = manualTimers();
    states = new PausedStates(
      () => now,
      () => {
        sent.push(now);
        states.sent(now);
      },
      timers,
    );
  });

  it('tells a new paused step at once, and nothing while lines of it are stepped', () => {
    now = count;
    states.changed();
    assert.deepStrictEqual(sent, [count]);
    for (let i = 0; i < 3; i++) {
      now = undefined;
      states.changed();
      now = { ...count };
      states.changed();
      states.changed();
    }
    assert.deepStrictEqual(sent, [count]);
    assert.deepStrictEqual(timers.due, [], 'no pending "running" state');
  });

  it('tells "running" once it has lasted, and another step at once', () => {
    now = count;
    states.changed();
    now = undefined;
    states.changed();
    states.changed();
    assert.strictEqual(timers.due.length, 1);
    assert.strictEqual(timers.due[0]?.ms, RUNNING_AFTER_MS);
    timers.due.shift()?.run();
    assert.deepStrictEqual(sent, [count, undefined]);

    now = { step: 'charge', action: 'invoke', workflowId: 'wf' };
    states.changed();
    assert.deepStrictEqual(sent, [count, undefined, now]);
  });

  it('a state event sent for another reason (a runner batch) drops the pending one', () => {
    now = count;
    states.changed();
    now = undefined;
    states.changed();
    states.sent(undefined);
    assert.deepStrictEqual(timers.due, []);
  });
});
