import * as assert from 'node:assert';
import * as vscode from 'vscode';
import {
  api,
  clickInGraph,
  dapLog,
  dom,
  failedRequests,
  hasBrowser,
  openFile,
  pressInGraph,
  screenshot,
  showGraph,
  variablesShown,
  waitFor,
  wsPath,
} from './helpers';

const ORDER = 'src/workflows/create-order.ts';

interface Stop {
  session: vscode.DebugSession;
  threadId: number;
  reason: string;
}

/** Records `stopped` events of medusa-workflow sessions as the adapter sends them. */
function stopRecorder(): { stops: Stop[]; ended: Set<string>; dispose(): void } {
  const stops: Stop[] = [];
  const ended = new Set<string>();
  const subs = [
    vscode.debug.registerDebugAdapterTrackerFactory('medusa-workflow', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: {
          type?: string;
          event?: string;
          body?: { threadId?: number; reason?: string };
        }) => {
          if (m.type === 'event' && m.event === 'stopped') {
            stops.push({ session, threadId: m.body?.threadId ?? 1, reason: m.body?.reason ?? '' });
          }
        },
      }),
    }),
    vscode.debug.onDidTerminateDebugSession((s) => ended.add(s.id)),
  ];
  return { stops, ended, dispose: () => subs.forEach((s) => void s.dispose()) };
}

describe('debugging from the code lens', function () {
  // A hang bound (no timing is asserted): the first test walks a whole session, its rollback,
  // the last-run toggle and an edit, on a machine that may be loaded.
  this.timeout(240_000);
  // Recorded from here on: describe bodies run when mocha loads the files, before other suites.
  let rec: ReturnType<typeof stopRecorder>;
  let log: ReturnType<typeof dapLog>;
  before(() => {
    rec = stopRecorder();
    log = dapLog();
  });

  after(() => {
    rec.dispose();
    log.dispose();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  });

  it('stops on a step breakpoint and on a compensation breakpoint after a forced failure; the graph shows the run', async () => {
    const a = await api();
    const editor = await openFile(ORDER);
    await showGraph(a, 'create-order', wsPath(ORDER));
    const panel = a.graphPanel()!;
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);

    // A step breakpoint from the graph's context menu command: a real VS Code breakpoint.
    await vscode.commands.executeCommand('medusaWorkflows.graph.toggleStepBreakpoint', {
      node: 'create-order',
    });
    const call = panel.findNode('create-order')!.callSite;
    const bp = vscode.debug.breakpoints.find(
      (b) => b instanceof vscode.SourceBreakpoint,
    ) as vscode.SourceBreakpoint;
    assert.ok(bp, 'a source breakpoint was added');
    assert.strictEqual(bp.location.uri.fsPath, call.file);
    assert.strictEqual(bp.location.range.start.line, call.span.start.line);
    await waitFor(
      async () =>
        (await dom(a)).nodes.find((n) => n.id === 'create-order')?.classes.includes('bp-on-step'),
      'breakpoint mark on the node',
    );

    // Start from the code lens exactly as a user would.
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      editor.document.uri,
    );
    const lens = lenses.find((l) => l.command?.command === 'medusaWorkflows.debugWorkflow');
    assert.ok(lens?.command, 'a Debug workflow lens');
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));

    const first = await waitFor(() => rec.stops[0], 'the first stop', 60_000);
    assert.strictEqual(first.reason, 'breakpoint');
    const trace = (await first.session.customRequest('stackTrace', {
      threadId: first.threadId,
    })) as {
      stackFrames: { name: string; line: number; source?: { path?: string } }[];
    };
    assert.match(trace.stackFrames[0]!.name, /create-order/);
    const paused = await waitFor(async () => {
      const s = await dom(a);
      return s.pausedNode === 'create-order' ? s : undefined;
    }, 'the paused step highlighted in the graph');
    const cls = (id: string) => paused.nodes.find((n) => n.id === id)?.classes ?? [];
    assert.ok(
      cls('validate-inventory').includes('inv-done'),
      `validate-inventory done: ${cls('validate-inventory').join(' ')}`,
    );
    assert.ok(cls('capture-payment').includes('inv-pending'), 'capture-payment not run yet');
    assert.ok(
      paused.nodes.every((n) => !n.classes.includes('inv-running')),
      'stopped in the debugger, no step reads "running"',
    );
    assert.match(paused.banner, /^Paused at create-order/);
    await screenshot('debug-paused-step');

    // A compensation breakpoint and a forced failure of a later step, both from the graph.
    await vscode.commands.executeCommand('medusaWorkflows.graph.toggleCompensationBreakpoint', {
      node: 'create-order',
    });
    await vscode.commands.executeCommand('medusaWorkflows.graph.toggleStepBreakpoint', {
      node: 'create-order',
    });
    assert.strictEqual(
      vscode.debug.breakpoints.length,
      1,
      'only the compensation breakpoint is left',
    );
    await waitFor(async () => {
      const n = (await dom(a)).nodes.find((x) => x.id === 'create-order');
      return n?.classes.includes('bp-on-compensate') && !n.classes.includes('bp-on-step');
    }, 'breakpoint marks updated');
    assert.strictEqual(
      await vscode.commands.executeCommand('medusaWorkflows.graph.failStep', {
        node: 'capture-payment',
      }),
      true,
    );
    await waitFor(() => variablesShown(log, first.session.id), 'the Variables view filled');
    if (hasBrowser) {
      // Zoom in and move away from create-order: the view must come back to it when it pauses.
      for (const key of ['+', '+', '+', '+', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp'])
        await pressInGraph(key);
    }
    await vscode.commands.executeCommand('workbench.action.debug.continue');

    const second = await waitFor(() => rec.stops[1], 'the stop in the compensation', 60_000);
    const t2 = (await second.session.customRequest('stackTrace', {
      threadId: second.threadId,
    })) as {
      stackFrames: { name: string }[];
    };
    assert.match(t2.stackFrames[0]!.name, /create-order/);
    const rolling = await waitFor(async () => {
      const s = await dom(a);
      const n = s.nodes.find((x) => x.id === 'create-order');
      return n?.classes.includes('paused-compensate') ? s : undefined;
    }, 'the graph paused in the compensation of create-order');
    const cls2 = (id: string) => rolling.nodes.find((n) => n.id === id)?.classes ?? [];
    const node = rolling.nodes.find((n) => n.id === 'create-order')!;
    const left = rolling.pan.x + node.x * rolling.zoom;
    const top = rolling.pan.y + node.y * rolling.zoom;
    assert.ok(
      left >= 0 &&
        top >= 0 &&
        left + node.width * rolling.zoom <= rolling.viewport.width &&
        top + node.height * rolling.zoom <= rolling.viewport.height,
      `the view follows the paused step: ${JSON.stringify({ left, top, zoom: rolling.zoom, viewport: rolling.viewport })}`,
    );
    assert.ok(
      cls2('capture-payment').includes('inv-failed'),
      `capture-payment failed: ${cls2('capture-payment').join(' ')}`,
    );
    assert.ok(
      cls2('allocate-to-warehouse').includes('inv-not-run'),
      `a step the rollback skipped past says "not run": ${cls2('allocate-to-warehouse').join(' ')}`,
    );
    assert.ok(!cls2('create-order').includes('inv-running'), 'the paused step is not "running"');
    assert.match(rolling.banner, /^Paused at the compensation of create-order/);
    assert.ok(rolling.legend.includes('not run') && rolling.legend.includes('failed'), 'a legend');
    // reserve-inventory and capture-payment ran in parallel: they compensate together, one wave.
    assert.deepStrictEqual(
      rolling.rollbackWaves.slice(0, 1).map((w) => [...w].sort()),
      [['capture-payment', 'reserve-inventory']],
    );
    await screenshot('debug-paused-compensation');

    await waitFor(() => variablesShown(log, second.session.id), 'the Variables view filled');
    await vscode.commands.executeCommand('workbench.action.debug.continue');
    await waitFor(() => rec.ended.has(second.session.id), 'the session to end', 30_000);
    // The session's end clears the graph; the banner keeps a way back to the last run.
    const cleared = await waitFor(async () => {
      const s = await dom(a);
      return s.banner.startsWith('Last run:') ? s : undefined;
    }, 'the banner of the ended run');
    assert.ok(
      cleared.nodes.every((n) => !n.classes.includes('in-run')),
      'no run states once the session has ended',
    );
    assert.deepStrictEqual(cleared.rollbackPath, []);
    assert.match(
      cleared.banner,
      /^Last run: Rolled back: capture-payment failed; 3 compensations in 2 waves/,
    );
    await clickInGraph(a, '#last-run');
    const done = await waitFor(async () => {
      const s = await dom(a);
      return s.rollbackPath.includes('create-order') ? s : undefined;
    }, 'the last run shown again');
    const cls3 = (id: string) => done.nodes.find((n) => n.id === id)?.classes ?? [];
    assert.ok(
      cls3('create-order').includes('comp-compensated'),
      `create-order compensated: ${cls3('create-order').join(' ')}`,
    );
    assert.ok(
      cls3('capture-payment').includes('inv-failed') &&
        cls3('capture-payment').includes('first-failure'),
      `the failed step stays marked failed: ${cls3('capture-payment').join(' ')}`,
    );
    const stroke = (id: string) => done.nodes.find((n) => n.id === id)?.stroke;
    assert.notStrictEqual(
      stroke('capture-payment'),
      stroke('reserve-inventory'),
      'the failed (and compensated) step is not drawn like the compensated ones',
    );
    assert.deepStrictEqual(
      done.rollbackWaves.map((w) => [...w].sort()),
      [['capture-payment', 'reserve-inventory'], ['create-order']],
      'compensations that ran together share a wave',
    );
    assert.ok(
      cls3('allocate-to-warehouse').includes('inv-not-run'),
      'steps after the failure say "not run"',
    );
    if (hasBrowser) {
      await pressInGraph('0'); // the whole graph again, for the picture
      await waitFor(async () => (await dom(a)).zoom !== done.zoom, 'fitted');
    }
    await screenshot('debug-rollback-done');
    // An edit of the workflow clears the shown run again.
    const edited = await openFile(ORDER);
    const original = edited.document.getText();
    await edited.edit((e) => e.insert(new vscode.Position(0, 0), '// edited\n'));
    await waitFor(async () => {
      const s = await dom(a);
      return (
        s.nodes.every((n) => !n.classes.includes('in-run')) && s.banner.startsWith('Last run:')
      );
    }, 'the run states cleared by the edit');
    const all = new vscode.Range(
      edited.document.positionAt(0),
      edited.document.positionAt(edited.document.getText().length),
    );
    await edited.edit((e) => e.replace(all, original));
    // Nothing (the workbench or this extension) asked the adapter for something that failed.
    assert.deepStrictEqual(failedRequests(log), [], 'no DAP request failed during the session');
  });

  it('Run Workflow with Failure... rolls the run back and the graph shows it', async () => {
    const a = await api();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    const file = wsPath(ORDER);
    const started = new Promise<vscode.DebugSession>((resolve) => {
      const sub = vscode.debug.onDidStartDebugSession((s) => {
        if (s.type !== 'medusa-workflow') return; // not the JavaScript child session
        sub.dispose();
        resolve(s);
      });
    });
    const ok = await vscode.commands.executeCommand('medusaWorkflows.runWithFailure', {
      workflow: 'create-order',
      file,
      step: 'allocate-to-warehouse',
    });
    assert.strictEqual(ok, true);
    const session = await started;
    assert.deepStrictEqual(session.configuration.failSteps, ['allocate-to-warehouse']);
    assert.strictEqual(
      session.configuration.inputFile,
      wsPath('inputs/create-order.json'),
      'launch.json input reused',
    );
    await waitFor(() => rec.ended.has(session.id), 'the run to end', 60_000);
    await waitFor(async () => (await dom(a)).banner.startsWith('Last run:'), 'the run over');
    await clickInGraph(a, '#last-run');
    const snap = await waitFor(async () => {
      const s = await dom(a);
      return s.rollbackPath.length > 0 && s.nodes.some((n) => n.classes.includes('inv-failed'))
        ? s
        : undefined;
    }, 'the rollback drawn');
    const cls = (id: string) => snap.nodes.find((n) => n.id === id)?.classes ?? [];
    assert.ok(cls('allocate-to-warehouse').includes('inv-failed'));
    assert.ok(cls('capture-payment').includes('comp-compensated'));
    assert.ok(
      snap.rollbackPath.includes('create-order') && snap.rollbackPath.includes('capture-payment'),
    );
  });
});
