// Unit tests (mocha, no VS Code) of the client's reports about the JavaScript session
// (client/src/debug/jsSessionReports.ts): which custom requests each DAP message of js-debug
// costs, and when, with timers run by hand.
import * as assert from 'node:assert';
import {
  JavaScriptReports,
  PAUSED_TOLD_AFTER_MS,
  RESUME_TOLD_AFTER_MS,
} from '../../../client/src/debug/jsSessionReports';
import type { JavaScriptSessionRequest } from '../../../shared/protocol/debugProtocol';
import { manualTimers } from '../manualTimers';

describe('client: JavaScriptReports', () => {
  const top = [{ path: '/w/steps.ts', line: 7 }];
  const callers = [{ path: '/w/helper.ts', line: 3 }];
  let told: JavaScriptSessionRequest.Arguments[];
  let timers: ReturnType<typeof manualTimers>;
  let reports: JavaScriptReports;
  beforeEach(() => {
    told = [];
    timers = manualTimers();
    reports = new JavaScriptReports((a) => told.push(a), timers);
  });

  it('a stop is told once, with the frames of the views first stack answer; later pieces as located', () => {
    reports.stopped();
    assert.deepStrictEqual(told, [], 'nothing between the stop and its stack');
    reports.stack(top);
    reports.stack(callers);
    assert.deepStrictEqual(told, [
      { kind: 'paused', frames: top },
      { kind: 'located', frames: callers },
    ]);
    assert.deepStrictEqual(timers.due, []);
  });

  it('a stop whose stack nobody asks for is told without frames after a while', () => {
    reports.stopped();
    assert.strictEqual(timers.due[0]?.ms, PAUSED_TOLD_AFTER_MS);
    timers.fire();
    assert.deepStrictEqual(told, [{ kind: 'paused' }]);
    reports.stack(top);
    assert.deepStrictEqual(told.at(-1), { kind: 'located', frames: top });
  });

  it('Step Over that stops again costs one report, which says it resumed', () => {
    reports.stopped();
    reports.stack(top);
    told = [];
    reports.request('next');
    assert.deepStrictEqual(told, [], 'nothing between F10 and the stop');
    reports.stopped();
    reports.stack(top);
    assert.deepStrictEqual(told, [{ kind: 'paused', frames: top, resumed: true }]);
    assert.deepStrictEqual(timers.due, []);
  });

  it('Step Over that does not stop soon (it left the handler) is told as resumed', () => {
    reports.stopped();
    reports.stack(top);
    told = [];
    reports.request('stepIn');
    assert.strictEqual(timers.due[0]?.ms, RESUME_TOLD_AFTER_MS);
    timers.fire();
    assert.deepStrictEqual(told, [{ kind: 'resumed', how: 'other' }]);
    reports.stopped();
    reports.stack(top);
    assert.deepStrictEqual(told.at(-1), { kind: 'paused', frames: top }, 'told already');
  });

  it('Continue and Step Out are told at once, after a stop not told yet', () => {
    reports.stopped();
    reports.request('continue');
    assert.deepStrictEqual(told, [{ kind: 'paused' }, { kind: 'resumed', how: 'continue' }]);
    reports.stopped();
    reports.stack(top);
    reports.request('stepOut');
    assert.deepStrictEqual(told.slice(2), [
      { kind: 'paused', frames: top },
      { kind: 'resumed', how: 'stepOut' },
    ]);
    reports.stack(callers);
    assert.strictEqual(told.length, 4, 'no frames while running');
  });

  it('other requests tell nothing; the session ending while paused or stepping is told', () => {
    reports.request('stackTrace');
    reports.request('evaluate');
    reports.exit();
    assert.deepStrictEqual(told, []);
    reports.stopped();
    reports.stack(top);
    reports.request('next');
    reports.exit();
    assert.deepStrictEqual(told.at(-1), { kind: 'resumed', how: 'other' });
    assert.deepStrictEqual(timers.due, []);
  });
});
