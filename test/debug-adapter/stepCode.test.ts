// "debugStepCode" over plain DAP, with this test as the client: the adapter hands over the
// runner's inspector, leaves lines inside handlers to the JavaScript debugger, keeps composer
// lines as step breakpoints, and a client that cannot attach gets a clear launch error.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { exampleArgs, file, lineOf, startClient, type Stopped } from './helpers';

const ATTACH = 'medusaWorkflows.attachJavaScript';
const TELL = 'medusaWorkflows.javaScript';

/** Plays the JavaScript debugger's part: tells the waiting runner to go on (over CDP). */
function runIfWaiting(websocketAddress: string): Promise<void> {
  const script = `const ws = new WebSocket(process.argv[1]);
ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'Runtime.runIfWaitingForDebugger' }));
ws.onmessage = () => ws.close();
ws.onclose = () => process.exit(0);`;
  const child = spawn(
    process.execPath,
    ['--experimental-websocket', '-e', script, websocketAddress],
    {
      stdio: 'ignore',
    },
  );
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`)))),
  );
}

describe('debug adapter: debugStepCode', function () {
  this.timeout(40000);
  let dc: DebugClient;
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await dc.stop();
  });

  it('hands over the inspector, leaves handler lines to the JavaScript debugger and still stops at composer lines', async () => {
    const invokeLine = lineOf(file.createBrandStep, 'container.resolve', 'async (input');
    const callLine = lineOf(file.brandWithLogo, 'createBrandStep({');
    const attach = dc.waitForEvent(ATTACH);
    const initialized = dc.waitForEvent('initialized');
    const stopped = dc.waitForEvent('stopped') as Promise<Stopped>;
    const launched = dc.launch(
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { debugStepCode: true }),
    );
    const event = await attach;
    const body = event.body as { websocketAddress: string; skipFiles: string[] };
    assert.match(body.websocketAddress, /^ws:\/\/127\.0\.0\.1:\d+\//);
    assert.ok(body.skipFiles.includes('<node_internals>/**'));
    await dc.customRequest(TELL, { kind: 'attached' });
    await initialized;
    const inside = await dc.setBreakpointsRequest({
      source: { path: file.createBrandStep },
      breakpoints: [{ line: invokeLine }],
    });
    assert.strictEqual(inside.body.breakpoints[0]?.verified, false);
    assert.match(inside.body.breakpoints[0]?.message ?? '', /JavaScript debugger/);
    const composer = await dc.setBreakpointsRequest({
      source: { path: file.brandWithLogo },
      breakpoints: [{ line: callLine }],
    });
    assert.strictEqual(composer.body.breakpoints[0]?.verified, true);
    await dc.configurationDoneRequest();
    await launched;
    // The runner waits for the JavaScript debugger before any step runs.
    await runIfWaiting(body.websocketAddress);
    const stop = await stopped;
    assert.strictEqual(stop.body.reason, 'breakpoint');
    const frames = await dc.stackTraceRequest({ threadId: stop.body.threadId });
    assert.match(frames.body.stackFrames[0]?.name ?? '', /create-brand/);
  });

  it('a client that cannot attach the JavaScript debugger gets a clear launch error', async () => {
    const attach = dc.waitForEvent(ATTACH);
    const launched = dc
      .launch(exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { debugStepCode: true }))
      .then(
        () => assert.fail('the launch should fail'),
        (err: Error) => err.message,
      );
    await attach;
    await dc.customRequest(TELL, { kind: 'failed', message: 'js-debug is not installed' });
    const message = await launched;
    assert.match(message, /could not attach.*js-debug is not installed.*"debugStepCode": false/);
  });

  it('rejects a debugStepCode that is not a boolean', async () => {
    await assert.rejects(
      dc.launch(
        exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { debugStepCode: 'yes' }),
      ),
      /"debugStepCode" must be true or false/,
    );
  });
});
