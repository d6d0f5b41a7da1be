// A long-running workflow in the debugger, in the workbench: the run stops where its async step
// waits, the debug toolbar (and the graph node's menu) offer "Respond to Async Step", and
// answering through the quick pick and the input box (as setStepSuccess would) runs it to its end.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  answerInputBox,
  failedRequests,
  api,
  clickInWorkbench,
  dapLog,
  dom,
  hasBrowser,
  pickInQuickPick,
  screenshot,
  showGraph,
  waitFor,
  wsPath,
} from './helpers';

// Written into the test's copy of examples/ for this suite only.
const FILE = 'src/workflows/approve-order.ts';
const SOURCE = `import {
  createStep,
  createWorkflow,
  StepResponse,
  WorkflowResponse,
} from '@medusajs/framework/workflows-sdk';

const reserve = createStep('reserve-stock', async (sku: string) => new StepResponse(sku));
const awaitApproval = createStep({ name: 'await-approval', async: true }, async () => {});
const recordApproval = createStep('record-approval', async (approval: { by: string }) => {
  return new StepResponse(\`approved by \${approval.by}\`);
});
const awaitCapture = createStep({ name: 'await-capture', async: true }, async () => {});

export const approveOrder = createWorkflow('approve-order', (input: { sku: string }) => {
  reserve(input.sku);
  const answer = awaitApproval();
  const recorded = recordApproval(answer);
  awaitCapture();
  return new WorkflowResponse(recorded);
});
`;

describe('async steps in the debugger', function () {
  this.timeout(120_000);

  it('stops where the async step waits; the toolbar button answers it and the run ends done', async function () {
    if (!hasBrowser) this.skip(); // the toolbar, quick pick and input box are driven in the browser
    await api();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    const file = wsPath(FILE);
    fs.writeFileSync(file, SOURCE);
    const log = dapLog();
    try {
      const folder = vscode.workspace.workspaceFolders![0]!;
      assert.ok(
        await vscode.debug.startDebugging(folder, {
          type: 'medusa-workflow',
          request: 'launch',
          name: 'approve',
          program: file,
          workflow: 'approve-order',
          input: { sku: 'sku_1' },
        }),
      );
      const stop = await waitFor(
        () => log.messages.find((x) => x.m.event === 'stopped'),
        'the run to stop where it waits',
      );
      assert.strictEqual(stop.m.body?.reason, 'pause');
      // The graph marks the step waiting, its state line clear of its "async" subtitle.
      const a = await api();
      await showGraph(a, 'approve-order', file);
      const node = await waitFor(async () => {
        const n = (await dom(a)).nodes.find((x) => x.id === 'await-approval');
        return n?.state === 'paused: awaiting response' ? n : undefined;
      }, 'the graph to mark the step awaiting its response');
      assert.ok(!node.stateOverSub, 'the state line is drawn below the subtitle, not over it');
      assert.strictEqual(
        (await dom(a)).banner,
        'Waiting for a response to await-approval (async step)',
      );
      await screenshot('async-step-waiting');
      // The debug toolbar's button shows only while the run waits (context key).
      await clickInWorkbench('.debug-toolbar .action-label[aria-label^="Respond to Async Step"]');
      const shown = await pickInQuickPick('Succeed await-approval', 'Succeed');
      assert.deepStrictEqual(
        shown.items.map((l) => l.split(', ')[0]),
        ['Succeed await-approval', 'Fail await-approval'],
      );
      const { prompt } = await answerInputBox('{"by": "ops"}');
      assert.match(prompt, /The step's response, as JSON/);
      const answered = await waitFor(
        () =>
          log.messages.find(
            (x) => x.m.type === 'response' && x.m.command === 'medusaWorkflows.respondToStep',
          )?.m,
        'the adapter to answer the response',
      );
      assert.ok(answered.success, answered.message);
      // The next async step, answered from its graph node's menu (the command with the node).
      await waitFor(
        () => log.messages.filter((x) => x.m.event === 'stopped').length === 2,
        'the run to stop at the second async step',
      );
      const fromNode = vscode.commands.executeCommand('medusaWorkflows.respondToAsyncStep', {
        node: 'await-capture',
      });
      const offered = await pickInQuickPick('Succeed await-capture', 'Succeed');
      assert.deepStrictEqual(
        offered.items.map((l) => l.split(', ')[0]),
        ['Succeed await-capture', 'Fail await-capture'],
      );
      await answerInputBox('');
      await fromNode;
      const output = await waitFor(
        () => {
          const text = log.messages
            .filter((x) => x.session === stop.session && x.m.event === 'output')
            .map((x) => x.m.body?.output ?? '')
            .join('');
          return /ended: done/.test(text) ? text : undefined;
        },
        `the run to end (failed requests: ${failedRequests(log).join('; ') || 'none'})`,
      );
      assert.match(output, /Workflow approve-order ended: done/);
      const responds = log.messages.filter(
        (x) => x.dir === 'in' && x.m.command === 'medusaWorkflows.respondToStep',
      );
      assert.deepStrictEqual(
        responds.map((x) => x.m.arguments),
        [
          { step: 'await-approval', outcome: 'success', response: { by: 'ops' } },
          { step: 'await-capture', outcome: 'success' },
        ],
      );
    } finally {
      log.dispose();
      fs.rmSync(file, { force: true });
    }
  });
});
