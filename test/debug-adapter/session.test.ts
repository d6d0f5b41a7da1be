// The adapter as a server (--server=PORT), a crashing workflow process, and the auto-mocked
// container from the launch configuration.
import * as assert from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import {
  ADAPTER,
  children,
  collectOutput,
  exampleArgs,
  file,
  fixtureArgs,
  launch,
  launchToStop,
  scopeVars,
  startClient,
  topFrames,
  variableAt,
} from './helpers';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function listening(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10000;
    const attempt = (): void => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve();
      });
      socket.on('error', () =>
        Date.now() > deadline
          ? reject(new Error('adapter never listened'))
          : setTimeout(attempt, 50),
      );
    };
    attempt();
  });
}

describe('debug adapter: server mode, crashes, auto-mocked container', function () {
  this.timeout(40000);

  it('serves sessions on --server=PORT', async () => {
    const port = await freePort();
    const server: ChildProcess = spawn(process.execPath, [ADAPTER, `--server=${port}`], {
      stdio: 'ignore',
    });
    try {
      await listening(port);
      const dc = new DebugClient('node', ADAPTER, 'medusa-workflow');
      await dc.start(port);
      const ev = await launchToStop(dc, exampleArgs(file.brandWithLogo, 'create-brand-with-logo'), {
        functions: ['create-brand'],
      });
      assert.strictEqual((await topFrames(dc, ev.body.threadId))[0]?.name, 'create-brand (invoke)');
      await dc.disconnectRequest({});
      await dc.stop();
    } finally {
      server.kill();
    }
  });

  describe('one session each', () => {
    let dc: DebugClient;
    beforeEach(async () => {
      dc = await startClient();
    });
    afterEach(async () => {
      await dc.stop();
    });

    it('a crash of the workflow process ends the session with a clear message', async () => {
      const out = collectOutput(dc);
      const terminated = dc.waitForEvent('terminated');
      await launch(dc, fixtureArgs('crash.ts'));
      await terminated;
      assert.match(
        out.byCategory('stderr'),
        /Uncaught exception in the workflow process: boom from a timer/,
      );
      assert.match(
        out.byCategory('stderr'),
        /The workflow process exited with code 70 while running step "leaky"\. The debug session has ended\./,
      );
    });

    it('"container": "auto" runs without mocks and records every service call', async () => {
      const ev = await launchToStop(
        dc,
        {
          ...exampleArgs(file.brandWithLogo, 'create-brand-with-logo'),
          mocks: undefined,
          container: 'auto',
        },
        { functions: ['update-brand'] },
      );
      const frame = (await topFrames(dc, ev.body.threadId))[0]!;
      const calls = await scopeVars(dc, frame.id, 'Container calls');
      const names = [...calls.keys()];
      assert.strictEqual(names.length, 2, names.join(', '));
      assert.match(names[0]!, /^1\. brand\.createBrands \(create-brand\)$/);
      assert.match(names[1]!, /^2\. file\.createFiles \(upload-logo\)$/);
      const first = await children(dc, calls.get(names[0]!)!.variablesReference);
      assert.ok(first.has('args') && first.has('result'));
      assert.strictEqual(first.get('mocked')?.value, 'true', 'an auto-mocked result says so');
      const out = collectOutput(dc);
      await dc.continueRequest({ threadId: ev.body.threadId });
      await out.waitFor(/Workflow create-brand-with-logo ended: done/);
    });

    it('container calls of parallel steps are attributed to the step that made them', async () => {
      const ev = await launchToStop(
        dc,
        exampleArgs(file.createOrder, 'create-order', { container: 'auto' }),
        { functions: ['allocate-to-warehouse'] },
      );
      const frame = (await topFrames(dc, ev.body.threadId))[0]!;
      const names = [...(await scopeVars(dc, frame.id, 'Container calls')).keys()];
      const by = (method: string): string | undefined =>
        names.find((n) => n.includes(`.${method} `))?.replace(/^.* \((.*)\)$/, '$1');
      // Both steps of the parallelize have begun before either handler runs.
      assert.strictEqual(by('createReservationItems'), 'reserve-inventory', names.join('\n'));
      assert.strictEqual(by('capturePayment'), 'capture-payment', names.join('\n'));
    });

    it('scopes and values of an earlier stop answer empty, without an error, after the run moved on', async () => {
      const ev = await launchToStop(dc, exampleArgs(file.brandWithLogo, 'create-brand-with-logo'), {
        functions: ['create-brand', 'update-brand'],
      });
      const stale = (await topFrames(dc, ev.body.threadId))[0]!;
      const input = await variableAt(dc, stale.id, 'Step', ['input']);
      assert.ok(input.variablesReference > 0, 'the input has children while stopped');
      const next = dc.waitForEvent('stopped');
      await dc.continueRequest({ threadId: ev.body.threadId });
      await next;
      const r = await dc.scopesRequest({ frameId: stale.id });
      assert.strictEqual(r.success, true);
      assert.deepStrictEqual(r.body.scopes, []);
      const v = await dc.variablesRequest({ variablesReference: input.variablesReference });
      assert.strictEqual(v.success, true);
      assert.deepStrictEqual(v.body.variables, []);
      const out = collectOutput(dc);
      const terminated = dc.waitForEvent('terminated');
      await dc.continueRequest({ threadId: ev.body.threadId });
      await out.waitFor(/Workflow create-brand-with-logo ended: done/);
      await terminated;
      const after = await dc.scopesRequest({ frameId: stale.id });
      assert.deepStrictEqual(after.body.scopes, []);
    });

    it('"container": "auto" with mocks: the mocks override their keys', async () => {
      const ev = await launchToStop(
        dc,
        exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { container: 'auto' }),
        {
          functions: ['update-brand'],
        },
      );
      const frame = (await topFrames(dc, ev.body.threadId))[0]!;
      const output = await scopeVars(dc, frame.id, 'Workflow');
      const steps = await children(dc, output.get('steps')!.variablesReference);
      const brand = await children(dc, steps.get('create-brand')!.variablesReference);
      const invoke = await children(dc, brand.get('invoke')!.variablesReference);
      const created = await children(dc, invoke.get('output')!.variablesReference);
      assert.strictEqual(
        created.get('id')?.value,
        '"brand_01"',
        'the in-memory brand service of the mocks module answered',
      );
    });
  });
});
