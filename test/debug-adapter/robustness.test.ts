// Stop always ends the workflow process; crashes, process.exit, odd thrown values, circular and
// huge outputs end or display cleanly; user output reaches the Debug Console.
import * as assert from 'node:assert';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import {
  children,
  collectOutput,
  fixtureArgs,
  launch,
  launchToStop,
  scopeVars,
  startClient,
  topFrames,
  variableAt,
  followStates,
} from './helpers';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function runningProcess(
  dc: DebugClient,
  args: Record<string, unknown>,
  step: string,
): Promise<number> {
  const pid = dc
    .waitForEvent('process')
    .then((e) => (e as DebugProtocol.ProcessEvent).body.systemProcessId);
  const invoking = new Promise<void>((resolve) => {
    followStates(dc, (state) => {
      if (state.snapshot.steps.some((s) => s.step === step && s.invoke.state === 'invoking'))
        resolve();
    });
  });
  await launch(dc, args);
  await invoking;
  const id = await pid;
  assert.ok(id !== undefined && alive(id), 'the workflow runs in its own, live process');
  return id;
}

describe('debug adapter: process model and odd values', function () {
  this.timeout(40000);
  let dc: DebugClient;
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await dc.stop();
  });

  it('disconnect ends a step stuck in an endless loop within 2 seconds', async () => {
    const pid = await runningProcess(dc, fixtureArgs('endless.ts'), 'spin');
    const t0 = Date.now();
    await dc.disconnectRequest({});
    const elapsed = Date.now() - t0;
    assert.ok(elapsed < 2000, `disconnect took ${elapsed} ms`);
    assert.strictEqual(alive(pid), false, 'the workflow process is gone');
  });

  it('terminate ends an endless loop too, with a terminated event', async () => {
    const pid = await runningProcess(dc, fixtureArgs('endless.ts'), 'spin');
    const terminated = dc.waitForEvent('terminated');
    const t0 = Date.now();
    await dc.terminateRequest({});
    await terminated;
    assert.ok(Date.now() - t0 < 2000);
    assert.strictEqual(alive(pid), false);
  });

  it('a Next into a step that never yields is still answered, and terminate then ends it', async () => {
    // The response to a Next waits for the stop it causes (issue 14), but not for ever.
    const ev = await launchToStop(dc, fixtureArgs('endless.ts', { stopOnEntry: true }));
    let stopped = false;
    dc.on('stopped', () => (stopped = true));
    await dc.nextRequest({ threadId: ev.body.threadId });
    assert.strictEqual(stopped, false, 'answered while the step spins');
    const terminated = dc.waitForEvent('terminated');
    await dc.terminateRequest({});
    await terminated;
  });

  it('ending the adapter process ends a workflow process stuck in an endless loop', async () => {
    const pid = await runningProcess(dc, fixtureArgs('endless.ts'), 'spin');
    // No disconnect request: the adapter process itself is told to end (as when VS Code quits).
    (dc as unknown as { stopAdapter(): void }).stopAdapter();
    dc = await startClient(); // for afterEach
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const orphan = alive(pid);
    if (orphan) process.kill(pid, 'SIGKILL');
    assert.strictEqual(orphan, false, 'no orphan left spinning');
  });

  it('process.exit in a step ends the session with a clear message', async () => {
    const out = collectOutput(dc);
    const exited = dc.waitForEvent('exited');
    const terminated = dc.waitForEvent('terminated');
    await launch(dc, fixtureArgs('exit.ts'));
    const text = await out.waitFor(
      /The workflow process exited with code 3 while running step "exit-now"\. The debug session has ended\./,
    );
    assert.match(out.byCategory('stdout'), /about to exit/);
    assert.strictEqual(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 3);
    await terminated;
    assert.doesNotMatch(text, /ended: /, 'no summary: the run never ended');
  });

  it('a run the engine refuses (a "." in a step name, as Medusa) shows its error once and ends', async () => {
    const out = collectOutput(dc);
    const states = followStates(dc);
    const exited = dc.waitForEvent('exited');
    const terminated = dc.waitForEvent('terminated');
    await launch(dc, fixtureArgs('dotted-name.ts'));
    await out.waitFor(/Cannot read properties of undefined \(reading 'id'\)/);
    assert.strictEqual(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 1);
    await terminated;
    const stderr = out.byCategory('stderr');
    assert.strictEqual(stderr.match(/Cannot read properties of undefined/g)?.length, 1, stderr);
    assert.match(stderr, /step "cart\.create" has a "\." in its name: .*rule MW019/);
    assert.doesNotMatch(stderr, /exited with code 0/, 'the run error says it all');
    assert.doesNotMatch(out.text(), /ended: /, 'no summary: no step ran');
    // The graph is told why (its banner), not only the Debug Console.
    const told = states.filter((st) => st.error !== undefined);
    assert.ok(told.length > 0, `a state event carries the error: ${JSON.stringify(states)}`);
    assert.match(
      told.at(-1)!.error!,
      /Cannot read properties of undefined[\s\S]*step "cart\.create" has a "\." in its name/,
    );
  });

  it('a thrown string stops on "Step failed", shows the error, and ends with a summary', async () => {
    const out = collectOutput(dc);
    const ev = await launchToStop(
      dc,
      fixtureArgs('odd-values.ts', { workflow: 'throw-string-wf' }),
      { exceptions: ['stepFailed'] },
    );
    assert.strictEqual(ev.body.reason, 'exception');
    // The engine serializes a thrown non-Error like Medusa does (JSON text as the message).
    assert.match(ev.body.text ?? '', /Step "throw-string" failed: "a plain string was thrown"/);
    const frames = await topFrames(dc, ev.body.threadId);
    assert.strictEqual(frames[0]?.name, 'throw-string (invoke)', 'stopped at the failed step');
    const err = await scopeVars(dc, frames[0].id, 'Step');
    assert.match(err.get('error')?.value ?? '', /a plain string was thrown/);
    assert.doesNotMatch(out.byCategory('stdout'), /compensating prepare/, 'no rollback yet');
    await dc.continueRequest({ threadId: ev.body.threadId });
    const text = await out.waitFor(/Errors:[\s\S]*\n/);
    assert.match(text, /Workflow throw-string-wf ended: reverted/);
    assert.match(text, /throw-string \(invoke\): "a plain string was thrown"/);
    assert.match(out.byCategory('stdout'), /compensating prepare/);
  });

  it('a thrown undefined ends with a summary', async () => {
    const out = collectOutput(dc);
    const terminated = dc.waitForEvent('terminated');
    await launch(dc, fixtureArgs('odd-values.ts', { workflow: 'throw-undefined-wf' }));
    await terminated;
    assert.match(out.text(), /Workflow throw-undefined-wf ended: reverted/);
    assert.match(out.text(), /throw-undefined \(invoke\): /);
  });

  it('an undefined output is shown as undefined and the run completes', async () => {
    const out = collectOutput(dc);
    const ev = await launchToStop(dc, fixtureArgs('odd-values.ts', { workflow: 'undefined-wf' }), {
      functions: ['after'],
    });
    const frame = (await topFrames(dc, ev.body.threadId))[0]!;
    const output = await variableAt(dc, frame.id, 'Workflow', [
      'steps',
      'return-undefined',
      'invoke',
    ]);
    const invoke = await children(dc, output.variablesReference);
    assert.strictEqual(invoke.get('state')?.value, '"done"');
    assert.strictEqual(invoke.get('output')?.value ?? 'undefined', 'undefined');
    await dc.continueRequest({ threadId: ev.body.threadId });
    await out.waitFor(/Workflow undefined-wf ended: done/);
  });

  it('a circular output expands safely, level by level', async () => {
    const out = collectOutput(dc);
    const ev = await launchToStop(dc, fixtureArgs('odd-values.ts', { workflow: 'circular-wf' }), {
      functions: ['after'],
      exceptions: ['stepFailed'],
    });
    const frame = (await topFrames(dc, ev.body.threadId))[0]!;
    // Whether the next step manages to read it or not, the circular value itself expands safely.
    if (ev.body.reason === 'exception') assert.match(ev.body.text ?? '', /Step "after" failed/);
    const self = await variableAt(dc, frame.id, 'Workflow', [
      'steps',
      'circular-output',
      'invoke',
      'output',
      'self',
      'self',
      'self',
    ]);
    assert.ok(self.variablesReference > 0);
    assert.match(self.value, /^\{name: "loop", list: Array\(1\), self: \{…\}\}$/);
    const name = await variableAt(dc, frame.id, 'Workflow', [
      'steps',
      'circular-output',
      'invoke',
      'output',
      'list',
      '0',
      'self',
      'name',
    ]);
    assert.strictEqual(name.value, '"loop"');
    await dc.continueRequest({ threadId: ev.body.threadId });
    await out.waitFor(/Workflow circular-wf ended: /);
  });

  it('a 10 MB output is previewed and chunked, never sent whole', async () => {
    const states: string[] = [];
    dc.on('medusaWorkflows.state', (e: DebugProtocol.Event) => states.push(JSON.stringify(e.body)));
    const ev = await launchToStop(dc, fixtureArgs('big.ts'), { functions: ['measure'] });
    const frame = (await topFrames(dc, ev.body.threadId))[0]!;
    const length = await variableAt(dc, frame.id, 'Step', ['input', 'length']);
    assert.match(length.value, /^"x{100,}"… \(5242880 chars\)$/);
    assert.ok(length.value.length < 2000);
    const rows = await variableAt(dc, frame.id, 'Step', ['input', 'count']);
    assert.strictEqual(rows.value, 'Array(50000)');
    assert.strictEqual(rows.indexedVariables, 50000);
    const chunks = (await dc.variablesRequest({ variablesReference: rows.variablesReference })).body
      .variables;
    assert.ok(chunks.length <= 100, `${chunks.length} chunks`);
    assert.strictEqual(chunks[0]?.name, '[0..9999]');
    const firstChunk = (
      await dc.variablesRequest({ variablesReference: chunks[0].variablesReference })
    ).body.variables;
    assert.strictEqual(firstChunk[0]?.name, '[0..99]');
    const page = (
      await dc.variablesRequest({
        variablesReference: rows.variablesReference,
        filter: 'indexed',
        start: 49990,
        count: 10,
      })
    ).body.variables;
    assert.deepStrictEqual(
      page.map((v) => v.name),
      Array.from({ length: 10 }, (_, i) => String(49990 + i)),
    );
    assert.match(page[9]!.value, /id: 49999/);
    assert.ok(
      states.length > 0 && states.every((s) => s.length < 200_000),
      'state events carry bounded previews',
    );
  });

  it('user stdout and stderr reach the Debug Console', async () => {
    const out = collectOutput(dc);
    const terminated = dc.waitForEvent('terminated');
    await launch(
      dc,
      fixtureArgs('two-workflows.ts', { workflow: 'first-workflow', inputFile: 'input.json' }),
    );
    await terminated;
    assert.match(out.byCategory('stdout'), /hello Ada/);
    assert.match(out.byCategory('stderr'), /warn Ada/);
    assert.match(out.byCategory('console'), /Workflow first-workflow ended: done/);
  });
});
