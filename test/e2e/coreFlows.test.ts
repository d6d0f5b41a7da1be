// One of Medusa's own workflows debugged from the examples' launch.json: core-flows'
// `create-products` with the auto-mocked container, started by configuration name as F5 does.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, dapLog, failedRequests, screenshot, variablesShown, waitFor } from './helpers';

const CONFIG = 'core-flows: create-products (auto-mocked container)';
const STEP = 'associate-products-with-channels';

interface Variable {
  name: string;
  value: string;
  variablesReference: number;
}

async function children(s: vscode.DebugSession, ref: number): Promise<Variable[]> {
  const r = (await s.customRequest('variables', { variablesReference: ref })) as {
    variables: Variable[];
  };
  return r.variables;
}

describe('debugging a core-flows workflow from launch.json', function () {
  // Loading core-flows (and the real @medusajs/framework/utils it requires) takes a while.
  this.timeout(180_000);
  let log: ReturnType<typeof dapLog>;
  before(() => (log = dapLog()));

  after(() => {
    log.dispose();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  });

  it('create-products with the auto-mocked container: stops on a step, shows the container calls, runs to the end', async () => {
    await api();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    vscode.debug.addBreakpoints([new vscode.FunctionBreakpoint(STEP)]);
    const folder = vscode.workspace.workspaceFolders![0]!;
    let session: vscode.DebugSession | undefined;
    let ended = false;
    const subs = [
      vscode.debug.onDidStartDebugSession((s) => {
        // Not the JavaScript child session ("debugStepCode").
        if (s.type === 'medusa-workflow') session ??= s;
      }),
      vscode.debug.onDidTerminateDebugSession((s) => (ended ||= s.id === session?.id)),
    ];
    try {
      assert.strictEqual(await vscode.debug.startDebugging(folder, CONFIG), true);
      const s = await waitFor(() => session, 'the session to start');
      assert.strictEqual(s.name, CONFIG);
      assert.strictEqual(s.configuration.container, 'auto');
      const stop = await waitFor(
        () => log.messages.find((x) => x.m.event === 'stopped')?.m,
        'the stop on the function breakpoint',
        120_000,
      );
      assert.strictEqual(stop.body?.reason, 'breakpoint');
      const trace = (await s.customRequest('stackTrace', { threadId: stop.body?.threadId })) as {
        stackFrames: { id: number; name: string; source?: { path?: string } }[];
      };
      const [top, workflow] = trace.stackFrames;
      assert.strictEqual(top?.name, `${STEP} (invoke)`);
      assert.match(
        // Under code-server the path comes back as a vscode-remote URI.
        decodeURIComponent(workflow?.source?.path ?? ''),
        /@medusajs[\\/]core-flows[\\/]dist[\\/]product[\\/]workflows[\\/]create-products\.js$/,
      );

      const { scopes } = (await s.customRequest('scopes', { frameId: top.id })) as {
        scopes: { name: string; variablesReference: number }[];
      };
      const callsScope = scopes.find((x) => x.name === 'Container calls');
      assert.ok(callsScope, `a Container calls scope: ${scopes.map((x) => x.name).join(', ')}`);
      const calls = await children(s, callsScope.variablesReference);
      const names = calls.map((c) => c.name);
      const created = calls.find((c) =>
        /^\d+\. product\.createProducts \(create-products\)$/.test(c.name),
      );
      assert.ok(created, `product.createProducts recorded:\n${names.join('\n')}`);
      // The recorded call carries the launch.json input the step passed on.
      const call = new Map((await children(s, created.variablesReference)).map((v) => [v.name, v]));
      const [firstArg] = await children(s, call.get('args')!.variablesReference);
      const [product] = await children(s, firstArg!.variablesReference);
      const fields = new Map(
        (await children(s, product!.variablesReference)).map((v) => [v.name, v]),
      );
      assert.strictEqual(fields.get('title')?.value, '"Medusa T-Shirt"');
      assert.ok(
        call.has('result'),
        `the call's result is recorded: ${[...call.keys()].join(', ')}`,
      );
      await screenshot('debug-core-flows-paused');

      await waitFor(() => variablesShown(log, s.id), 'the Variables view filled');
      await vscode.commands.executeCommand('workbench.action.debug.continue');
      await waitFor(() => ended, 'the session to end', 60_000);
      const output = log.messages
        .filter((x) => x.m.event === 'output')
        .map((x) => x.m.body?.output ?? '')
        .join('');
      assert.match(output, /Workflow create-products ended: done/);
      // Nothing (the workbench or this extension) asked the adapter for something that failed.
      assert.deepStrictEqual(failedRequests(log), [], 'no DAP request failed during the session');
    } finally {
      subs.forEach((d) => void d.dispose());
    }
  });
});
