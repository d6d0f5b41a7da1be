import * as assert from 'node:assert';
import * as vscode from 'vscode';
import {
  api,
  clickInGraph,
  dom,
  screenshot,
  showGraph,
  waitFor,
  wsPath,
  type DapMessage,
} from './helpers';

// Issue 11: inside a step, through VS Code's JavaScript debugger attached as a child session.
const ORDER = 'src/workflows/create-order.ts';
const STEP = 'src/workflows/steps/create-order.ts';
// 0-based lines of src/workflows/steps/create-order.ts (its TypeScript, not the emitted code).
const INVOKE_FIRST = 7; // const order = container.resolve(...).createOrders(input);
const INVOKE_RETURN = 8; // return new StepResponse(order, order.id);
const COMPENSATE_CANCEL = 12; // container.resolve(...).cancelOrder(orderId);

interface Stop {
  session: vscode.DebugSession;
  threadId: number;
  reason: string;
}

interface Frame {
  id: number;
  name: string;
  line: number;
  source?: { path?: string };
}

/** Stops and output of both kinds of sessions, as their adapters send them. The workflow
 * session's "step code" stops (its thread showing where JavaScript is paused) apart. */
function recorder() {
  const js: Stop[] = [];
  const workflow: Stop[] = [];
  const inCode: Stop[] = [];
  const output: string[] = [];
  const ended = new Set<string>();
  const track = (type: string, into: Stop[]) =>
    vscode.debug.registerDebugAdapterTrackerFactory(type, {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: DapMessage) => {
          if (m.type !== 'event') return;
          if (m.event === 'stopped') {
            const stop = { session, threadId: m.body?.threadId ?? 1, reason: m.body?.reason ?? '' };
            (stop.reason === 'step code' ? inCode : into).push(stop);
          }
          if (m.event === 'output' && m.body?.output) output.push(m.body.output);
        },
      }),
    });
  const subs = [
    track('pwa-node', js),
    track('medusa-workflow', workflow),
    vscode.debug.onDidTerminateDebugSession((s) => ended.add(s.id)),
  ];
  return {
    js,
    workflow,
    inCode,
    output,
    ended,
    dispose: () => subs.forEach((s) => void s.dispose()),
  };
}

async function topFrame(stop: Stop): Promise<Frame> {
  const trace = (await stop.session.customRequest('stackTrace', {
    threadId: stop.threadId,
  })) as { stackFrames: Frame[] };
  const top = trace.stackFrames[0];
  assert.ok(top, 'a stack frame');
  return top;
}

/** A variable of a frame's own scopes (Local, Block, Closure: not Global), read through the
 * JavaScript session's DAP. */
async function local(session: vscode.DebugSession, frame: Frame, name: string): Promise<string> {
  const { scopes } = (await session.customRequest('scopes', { frameId: frame.id })) as {
    scopes: { name: string; variablesReference: number }[];
  };
  const seen: string[] = [];
  for (const scope of scopes.filter((s) => !/global/i.test(s.name))) {
    const { variables } = (await session.customRequest('variables', {
      variablesReference: scope.variablesReference,
    })) as { variables: { name: string; value: string }[] };
    const v = variables.find((x) => x.name === name);
    if (v) return v.value;
    seen.push(`${scope.name}: ${variables.map((x) => x.name).join(', ')}`);
  }
  assert.fail(`no variable ${name} in ${seen.join('; ')}`);
}

function lineBreakpoint(rel: string, line: number, logMessage?: string): vscode.SourceBreakpoint {
  const at = new vscode.Location(vscode.Uri.file(wsPath(rel)), new vscode.Position(line, 0));
  return new vscode.SourceBreakpoint(at, true, undefined, undefined, logMessage);
}

function launch(extra: Record<string, unknown> = {}): Thenable<boolean> {
  return vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
    type: 'medusa-workflow',
    request: 'launch',
    name: 'step code',
    program: wsPath(ORDER),
    workflow: 'create-order',
    inputFile: wsPath('inputs/create-order.json'),
    mocks: wsPath('src/mocks.ts'),
    container: 'empty',
    ...extra,
  });
}

describe('debugging inside step code (JavaScript child session)', function () {
  this.timeout(120_000);
  let rec: ReturnType<typeof recorder>;
  before(() => (rec = recorder()));
  after(() => {
    rec.dispose();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  });
  beforeEach(() => {
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    rec.js.length = 0;
    rec.workflow.length = 0;
    rec.inCode.length = 0;
    rec.output.length = 0;
  });

  it('stops on a TypeScript line inside a handler with its locals, steps one line, then reaches a compensation breakpoint', async () => {
    const a = await api();
    await showGraph(a, 'create-order', wsPath(ORDER));
    vscode.debug.addBreakpoints([
      lineBreakpoint(STEP, INVOKE_FIRST),
      new vscode.FunctionBreakpoint('compensate:create-order'),
    ]);
    assert.ok(await launch({ failSteps: ['capture-payment'] }));

    const first = await waitFor(() => rec.js[0], 'the stop inside the handler', 60_000);
    const frame = await topFrame(first);
    assert.ok(frame.source?.path?.endsWith(STEP), `stopped in ${frame.source?.path}`);
    assert.strictEqual(frame.line, INVOKE_FIRST + 1, 'on the TypeScript line of the breakpoint');
    assert.deepStrictEqual(rec.workflow, [], 'not also stopped at the step boundary');
    const paused = await waitFor(async () => {
      const s = await dom(a);
      return s.pausedNode === 'create-order' ? s : undefined;
    }, 'the graph showing the step the paused line belongs to');
    assert.ok(paused);
    assert.match(await local(first.session, frame, 'input'), /jane@example\.com/);
    // The Call Stack: the workflow thread of that step shows its frames above the JavaScript ones.
    const shown = await waitFor(() => rec.inCode[0], "the step's workflow frames");
    assert.match((await topFrame(shown)).name, /^create-order \(invoke\)/);

    await first.session.customRequest('next', { threadId: first.threadId });
    const second = await waitFor(() => rec.js[1], 'the stop after Step Over');
    const next = await topFrame(second);
    assert.strictEqual(next.line, INVOKE_RETURN + 1, 'Step Over moved one line');
    assert.match(await local(second.session, next, 'order'), /jane@example\.com/);
    const id = (await second.session.customRequest('evaluate', {
      expression: 'order.id',
      frameId: next.id,
      context: 'watch',
    })) as { result: string };
    assert.match(id.result, /order_\d+/, 'evaluated in the paused frame');
    await screenshot('debug-step-code-locals');

    await second.session.customRequest('continue', { threadId: second.threadId });
    const comp = await waitFor(() => rec.workflow[0], 'the compensation breakpoint', 60_000);
    const compFrame = await topFrame(comp);
    assert.match(compFrame.name, /create-order/);
    await waitFor(async () => {
      const n = (await dom(a)).nodes.find((x) => x.id === 'create-order');
      return n?.classes.includes('paused-compensate');
    }, 'the graph paused in the compensation of create-order');
    await comp.session.customRequest('continue', { threadId: comp.threadId });
    await waitFor(() => rec.ended.has(comp.session.id), 'the session to end', 30_000);
    // The graph clears run states when the session ends; "Show last run" brings the rollback back.
    await waitFor(async () => (await dom(a)).rollbackPath.length === 0, 'the states cleared');
    // The JavaScript stops opened the step file over the graph: bring the graph to the front.
    a.graphPanel()?.panel.reveal(undefined, false);
    await clickInGraph(a, '#last-run');
    const done = await waitFor(async () => {
      const s = await dom(a);
      return s.rollbackPath.includes('create-order') ? s : undefined;
    }, 'the last run shown with its rollback');
    assert.ok(done.rollbackPath.includes('capture-payment'), done.rollbackPath.join(', '));
  });

  it('Step Into at a boundary enters the handler; Step Out returns to the next boundary', async () => {
    const a = await api();
    await showGraph(a, 'create-order', wsPath(ORDER));
    const call = a.graphPanel()?.findNode('create-order');
    assert.ok(call, 'the create-order node');
    vscode.debug.addBreakpoints([lineBreakpoint(ORDER, call.callSite.span.start.line)]);
    assert.ok(await launch());

    const boundary = await waitFor(() => rec.workflow[0], 'the step breakpoint', 60_000);
    assert.match((await topFrame(boundary)).name, /create-order/);
    await boundary.session.customRequest('stepIn', { threadId: boundary.threadId });
    const inside = await waitFor(() => rec.js[0], 'the stop on the handler', 30_000);
    const frame = await topFrame(inside);
    assert.ok(frame.source?.path?.endsWith(STEP), `stopped in ${frame.source?.path}`);
    assert.strictEqual(frame.line, INVOKE_FIRST + 1, "on the handler's first line");

    await inside.session.customRequest('stepOut', { threadId: inside.threadId });
    const after = await waitFor(() => rec.workflow[1], 'the next boundary', 30_000);
    assert.strictEqual(after.reason, 'step');
    assert.doesNotMatch((await topFrame(after)).name, /^create-order/);
    assert.strictEqual(rec.js.length, 1, 'no other JavaScript stop on the way');
    await vscode.debug.stopDebugging(after.session);
    await waitFor(() => rec.ended.has(after.session.id), 'the session to end');
  });

  it('a logpoint inside a compensation prints in the Debug Console', async () => {
    vscode.debug.addBreakpoints([lineBreakpoint(STEP, COMPENSATE_CANCEL, 'cancelling {orderId}')]);
    assert.ok(await launch({ failSteps: ['capture-payment'] }));
    await waitFor(
      () => rec.output.some((o) => /cancelling order_/.test(o)),
      'the logpoint message',
      60_000,
    );
    assert.deepStrictEqual(rec.js, [], 'a logpoint does not stop');
  });
});
