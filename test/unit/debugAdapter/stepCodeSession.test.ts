// Unit tests (mocha, no VS Code) of the debug adapter's StepCodeSession (debug-adapter/src/
// stepCode.ts): what the client's reports about the JavaScript session change, boundaries held
// while it is paused included.
import * as assert from 'node:assert';
import { StepCodeSession } from '../../../debug-adapter/src/stepCode';

describe('debug adapter: StepCodeSession reports', () => {
  const top = [{ path: '/w/steps.ts', line: 7 }];
  let changes: number;
  let session: StepCodeSession;
  beforeEach(() => {
    changes = 0;
    session = new StepCodeSession({
      sendEvent: () => undefined,
      resumed: () => undefined,
      pausedChanged: () => void changes++,
    });
  });

  it("'paused' carries where it is paused", () => {
    session.fromClient({ kind: 'paused', frames: top });
    assert.strictEqual(session.paused, true);
    assert.deepStrictEqual(session.frames, top);
    session.fromClient({ kind: 'located', frames: [{ path: '/w/a.ts', line: 1 }] });
    assert.strictEqual(session.frames.length, 2);
  });

  it("a boundary reached while paused goes on at a 'paused' that says the handler ran", () => {
    session.fromClient({ kind: 'paused', frames: top });
    let went = 0;
    session.whenRunning(() => void went++);
    session.fromClient({ kind: 'paused', frames: top });
    assert.strictEqual(went, 0, 'held: no resume was reported');
    session.fromClient({ kind: 'paused', frames: top, resumed: true });
    assert.strictEqual(went, 1);
    assert.strictEqual(session.paused, true, 'paused again');
    assert.deepStrictEqual(session.frames, top);
    assert.ok(changes > 0);
    session.whenRunning(() => void went++);
    session.fromClient({ kind: 'resumed', how: 'other' });
    assert.strictEqual(went, 2);
  });
});
