import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { READABLE_ZOOM, stickyLabelX } from '../../client/webview/fit';
import {
  api,
  clickNode,
  dom,
  hasBrowser,
  hoverNode,
  openFile,
  pressInGraph,
  screenshot,
  showGraph,
  waitFor,
  wsPath,
} from './helpers';

const ORDER = 'src/workflows/create-order.ts';

describe('graph view', function () {
  this.timeout(90_000);

  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await openFile(ORDER);
  });

  it('draws the workflow: nodes, groups, order and data edges', async () => {
    const a = await api();
    a.graphPanel()?.dispose();
    const snap = await showGraph(a, 'create-order', wsPath(ORDER));
    const { timing } = a.graphPanel()!;
    assert.ok(
      timing.ready > 0 &&
        timing.firstLayout > 0 &&
        (timing.firstLayout < timing.ready || timing.firstGraph >= timing.ready),
      `a new view is laid out while its webview boots (unless the graph came after): ${JSON.stringify(timing)}`,
    );
    const ids = snap.nodes.map((n) => n.id);
    for (const step of [
      'validate-inventory',
      'create-order',
      'reserve-inventory',
      'capture-payment',
      'send-order-confirmation',
      'allocate-to-warehouse',
    ]) {
      assert.ok(ids.includes(step), `node ${step} drawn; got ${ids.join(', ')}`);
    }
    const kinds = new Map(snap.nodes.map((n) => [n.id, n.kind]));
    assert.strictEqual(kinds.get('create-order'), 'step');
    assert.ok(
      snap.nodes.some((n) => n.kind === 'hook'),
      'the orderCreated hook is drawn as a hook',
    );
    const transforms = snap.nodes.filter((n) => n.kind === 'transform');
    assert.ok(transforms.length > 0, 'transforms are drawn');
    assert.ok(
      transforms.every((t) => t.label !== 'transform' && !t.label.startsWith('transform:')),
      `transforms named after their variable: ${transforms.map((t) => t.label).join(', ')}`,
    );
    const parallel = snap.groups.find((g) => g.kind === 'parallel');
    assert.ok(parallel, 'parallelize is a compound group');
    const inParallel = snap.nodes
      .filter((n) => n.parent === parallel.id)
      .map((n) => n.id)
      .sort();
    assert.deepStrictEqual(inParallel, ['capture-payment', 'reserve-inventory']);
    assert.ok(
      snap.groups.some((g) => g.kind === 'when'),
      'when() is a compound group',
    );
    const inWhen = snap.nodes.filter((n) => n.parent?.includes('when:')).map((n) => n.id);
    assert.deepStrictEqual(inWhen, ['send-order-confirmation']);
    const order = snap.edges.filter((e) => e.kind === 'order');
    const has = (from: string, to: string, kind: 'order' | 'data') =>
      snap.edges.some((e) => e.from === from && e.to === to && e.kind === kind);
    assert.ok(
      has('validate-inventory', 'create-order', 'order'),
      `order edge validate -> create; got ${JSON.stringify(order)}`,
    );
    assert.ok(
      has('create-order', 'reserve-inventory', 'order') &&
        has('create-order', 'capture-payment', 'order'),
    );
    assert.ok(has('create-order', 'capture-payment', 'data'), 'capture-payment reads the order');
    const comp = snap.nodes.find((n) => n.id === 'create-order');
    assert.ok(
      comp?.classes.includes('has-compensation'),
      'create-order shows its compensation badge',
    );
    // Layered top to bottom: a step is drawn below the step it runs after.
    const y = (id: string) => snap.nodes.find((n) => n.id === id)!.y;
    assert.ok(
      y('validate-inventory') < y('create-order') && y('create-order') < y('capture-payment'),
    );
    assert.deepStrictEqual(
      a.graphPanel()!.webviewErrors,
      [],
      'no script errors or CSP violations in the webview',
    );
    await screenshot('graph-light');
  });

  it('a new view boots from its HTML alone: script and style inline, nothing fetched', async () => {
    const a = await api();
    const panel = a.graphPanel()!;
    const html = panel.panel.webview.html;
    assert.ok(!/<link\b/i.test(html), 'no stylesheet link: graph.css is inline');
    assert.ok(!/<script[^>]*\bsrc=/i.test(html), 'no script src: webview.js is inline');
    const snap = await dom(a);
    const step = snap.nodes.find((n) => n.id === 'create-order');
    assert.ok(
      step && step.stroke !== '' && step.stroke !== 'none',
      `graph.css applies (a step's outline: ${step?.stroke})`,
    );
    assert.deepStrictEqual(panel.webviewErrors, [], 'no CSP violation for the inline style');
  });

  it('follows the theme (dark screenshot)', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('workbench');
    await config.update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    try {
      await waitFor(
        async () => (await dom(a)).theme.includes('vscode-dark'),
        'dark theme in the webview',
      );
      await screenshot('graph-dark');
      await config.update('colorTheme', 'Default High Contrast', vscode.ConfigurationTarget.Global);
      await waitFor(
        async () => (await dom(a)).theme.includes('vscode-high-contrast'),
        'high contrast in the webview',
      );
      await screenshot('graph-high-contrast');
    } finally {
      await config.update('colorTheme', 'Default Light Modern', vscode.ConfigurationTarget.Global);
    }
    await waitFor(async () => (await dom(a)).theme.includes('vscode-light'), 'light theme back');
  });

  it('a click on a node moves the cursor to the step call; a double-click to its definition', async () => {
    const a = await api();
    const node = a.graphPanel()!.findNode('capture-payment')!;
    await clickNode(a, 'capture-payment');
    const line = node.callSite.span.start.line;
    await waitFor(
      () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.fsPath === node.callSite.file && e.selection.active.line === line;
      },
      `cursor on line ${line + 1} of create-order.ts`,
    );
    assert.strictEqual((await dom(a)).selected, 'capture-payment');
    await clickNode(a, 'capture-payment', true);
    const def = node.definition!;
    await waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.fsPath === def.file && e.selection.active.line === def.span.start.line;
    }, 'cursor at the createStep of capture-payment');
  });

  it('hovering a node shows its name, kind, config and compensation', async function () {
    if (!hasBrowser) this.skip(); // a real hover needs the browser driver
    const a = await api();
    await hoverNode('capture-payment');
    const tip = await waitFor(async () => (await dom(a)).tooltip, 'the hover card');
    assert.match(tip, /^capture-payment\n/);
    assert.match(tip, /kind: step/);
    assert.match(tip, /compensation: yes/);
    assert.match(tip, /parallel group: 1/);
    assert.match(tip, /defined in: capture-payment\.ts:\d+/);
    await hoverNode('validate-inventory');
    await waitFor(
      async () => (await dom(a)).tooltip?.includes('compensation: no'),
      'validate-inventory has none',
    );
    await hoverNode(undefined);
    await waitFor(
      async () => (await dom(a)).tooltip === undefined,
      'the card gone when the mouse leaves',
    );
  });

  it('zooms with the keyboard and keeps zoom and selection across updates', async function () {
    if (!hasBrowser) this.skip(); // real key presses need the browser driver
    const a = await api();
    const before = (await dom(a)).zoom;
    await pressInGraph('+');
    await pressInGraph('+');
    const zoomed = await waitFor(async () => {
      const s = await dom(a);
      return Math.abs(s.zoom - before * 1.44) < 0.01 ? s : undefined;
    }, 'two zoom steps of 1.2');
    await a.graphPanel()!.update();
    const after = await dom(a);
    assert.ok(after.drawnAt > zoomed.drawnAt, 'redrawn');
    assert.strictEqual(after.zoom, zoomed.zoom, 'zoom kept');
    assert.strictEqual(after.selected, 'capture-payment', 'selection kept');
    await pressInGraph('0');
    await waitFor(async () => (await dom(a)).zoom !== zoomed.zoom, 'fit changes the zoom');
  });

  it('keeps zoom, pan and selection across a webview reload (Developer: Reload Webviews)', async function () {
    if (!hasBrowser) this.skip(); // real clicks and key presses need the browser driver
    const a = await api();
    const start = await showGraph(a, 'create-order', wsPath(ORDER));
    await clickNode(a, 'reserve-inventory');
    await pressInGraph('+');
    await pressInGraph('ArrowLeft');
    await pressInGraph('ArrowDown');
    const before = await waitFor(async () => {
      const s = await dom(a);
      const moved = s.zoom !== start.zoom && s.pan.y !== start.pan.y;
      return s.selected === 'reserve-inventory' && moved ? s : undefined;
    }, 'the node selected, the view zoomed and moved');
    let redrawn = false;
    const sub = a.onDidDrawGraph(() => (redrawn = true));
    try {
      await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
      await waitFor(() => redrawn, 'the reloaded webview to draw the graph again');
    } finally {
      sub.dispose();
    }
    const after = await waitFor(async () => {
      const s = await dom(a);
      return s.drawnAt > before.drawnAt && s.nodes.length > 0 ? s : undefined;
    }, 'the reloaded view drawn');
    assert.strictEqual(after.workflow, 'create-order');
    assert.deepStrictEqual(
      after.nodes.map((n) => n.id).sort(),
      before.nodes.map((n) => n.id).sort(),
    );
    assert.strictEqual(after.zoom, before.zoom, 'zoom kept');
    assert.deepStrictEqual(after.pan, before.pan, 'pan kept');
    assert.strictEqual(after.selected, 'reserve-inventory', 'selection kept');
  });

  it('an edit updates the graph', async () => {
    const a = await api();
    const editor = await openFile(ORDER);
    const text = editor.document.getText();
    const at = text.indexOf('validateInventoryStep({ items: input.items });');
    assert.ok(at >= 0);
    const pos = editor.document.positionAt(at);
    const before = (await dom(a)).drawnAt;
    await editor.edit((e) =>
      e.insert(
        pos,
        "validateInventoryStep({ items: input.items }).config({ name: 'validate-again' });\n  ",
      ),
    );
    const edited = Date.now();
    const snap = await waitFor(async () => {
      const s = await dom(a);
      return s.drawnAt > before && s.nodes.some((n) => n.id === 'validate-again') ? s : undefined;
    }, 'the new step in the graph');
    const ms = snap.drawnAt - edited;
    console.log(`      graph updated ${ms} ms after the edit`);
    const all = new vscode.Range(
      editor.document.positionAt(0),
      editor.document.positionAt(editor.document.getText().length),
    );
    await editor.edit((e) => e.replace(all, text));
    await waitFor(
      async () => !(await dom(a)).nodes.some((n) => n.id === 'validate-again'),
      'the graph back to the file',
    );
  });
});

describe('graph view: a file without a workflow', function () {
  this.timeout(60_000);

  it('Preview Workflow Graph says the file has none instead of showing an empty panel', async () => {
    const a = await api();
    await showGraph(a, 'create-order', wsPath(ORDER));
    await openFile('src/workflows/steps/create-order.ts');
    const shown = await vscode.commands.executeCommand<boolean>('medusaWorkflows.previewGraph');
    assert.strictEqual(shown, false);
    const snap = await waitFor(async () => {
      const s = await dom(a);
      return s.message ? s : undefined;
    }, 'the message in the graph view');
    assert.match(snap.message!, /^No Medusa workflow in create-order\.ts: /);
    assert.deepStrictEqual(snap.nodes, [], 'no stale graph beside the message');
  });
});

describe('graph view: nested workflows', function () {
  this.timeout(60_000);

  it('follows the active editor to the workflow under the cursor', async () => {
    const a = await api();
    await showGraph(a, 'create-order', wsPath(ORDER));
    await openFile('src/workflows/create-brand-with-logo.ts');
    await waitFor(
      async () => (await dom(a)).workflow === 'create-brand-with-logo',
      'the graph to follow',
    );
  });

  it('draws a runAsStep workflow as a compound node holding its own steps', async () => {
    const a = await api();
    await openFile('src/workflows/launch-brand.ts');
    const snap = await showGraph(a, 'launch-brand', wsPath('src/workflows/launch-brand.ts'));
    const nested = snap.groups.find((g) => g.kind === 'nested');
    assert.ok(nested, `a nested group: ${JSON.stringify(snap.groups)}`);
    assert.match(nested.label, /create-brand-with-logo/);
    const inside = snap.nodes
      .filter((n) => n.parent === nested.id)
      .map((n) => n.id.split('::').pop());
    for (const step of ['create-brand', 'upload-logo', 'update-brand'])
      assert.ok(inside.includes(step), `${step} inside: ${inside.join(', ')}`);
    const header = snap.nodes.find((n) => n.id === nested.id);
    assert.strictEqual(header?.kind, 'nested-workflow', 'the compound is itself a clickable node');
    assert.ok(
      snap.edges.some(
        (e) => e.from === nested.id && e.to === 'create-brand-products' && e.kind === 'order',
      ),
    );
    await screenshot('graph-nested');
  });
});

describe('graph view: a large core-flows workflow (complete-cart)', function () {
  this.timeout(120_000);

  it('fits at a readable scale, wraps long names inside nodes and sizes when boxes to their text', async () => {
    const a = await api();
    const all = await a.workflows.list(undefined, true);
    const cart = all.find((w) => w.id === 'complete-cart');
    assert.ok(cart, 'core-flows complete-cart is indexed');
    const snap = await waitFor(
      async () => {
        await vscode.commands.executeCommand('medusaWorkflows.previewGraph', {
          workflow: cart.id,
          file: cart.file,
        });
        const s = await dom(a);
        return s.workflow === 'complete-cart' && s.nodes.length > 20 ? s : undefined;
      },
      'the complete-cart graph drawn',
      60_000,
    );
    await vscode.commands.executeCommand('medusaWorkflows.graph.fit');
    const fitted = await waitFor(async () => {
      const s = await dom(a);
      return s.drawnAt === snap.drawnAt ? s : undefined;
    }, 'fit applied');
    assert.ok(
      fitted.zoom >= READABLE_ZOOM,
      `Fit keeps a readable scale: zoom ${fitted.zoom} >= ${READABLE_ZOOM}`,
    );
    // A long name breaks inside its box (the box grows in height, never past its width).
    const long = snap.nodes.find((n) => n.label.length > 26 && n.kind === 'step');
    assert.ok(long, 'complete-cart has a long step name');
    assert.ok(long.height > 48, `${long.label} wraps onto several lines (height ${long.height})`);
    assert.ok(long.width <= 320, `${long.label} stays inside a bounded box (${long.width})`);
    // (That each when box is as wide as its wrapped condition is the pipeline's unit test.)
    const whens = snap.groups.filter((g) => g.kind === 'when');
    assert.ok(whens.length > 0, 'complete-cart has when blocks');
    const transforms = snap.nodes.filter((n) => n.kind === 'transform');
    assert.ok(
      transforms.some((t) => t.label !== 'transform'),
      'transforms carry the variable they are assigned to',
    );
    await screenshot('graph-complete-cart');
  });

  it("keeps a group's name in sight when the view pans past the group's left edge", async function () {
    if (!hasBrowser) this.skip(); // key presses need the browser driver
    const a = await api();
    const cart = (await a.workflows.list(undefined, true)).find((w) => w.id === 'complete-cart');
    assert.ok(cart, 'core-flows complete-cart is indexed');
    await vscode.commands.executeCommand('medusaWorkflows.previewGraph', {
      workflow: cart.id,
      file: cart.file,
    });
    const start = await waitFor(async () => {
      const s = await dom(a);
      return s.workflow === 'complete-cart' && s.groups.length > 0 ? s : undefined;
    }, 'the complete-cart graph drawn');
    // The group with the most room for its label to move along.
    const room = (g: (typeof start.groups)[number]): number => g.width - g.labelWidth - 36;
    const group = [...start.groups].sort((x, y) => room(y) - room(x))[0]!;
    assert.ok(room(group) > 100, `a group with room: ${JSON.stringify(start.groups)}`);
    const shift = -Math.min(200, room(group) / 2); // where its left edge goes, on screen
    const panned = await waitFor(async () => {
      const s = await dom(a);
      const left = s.pan.x + group.x * s.zoom;
      if (left < shift && left > shift - 150) return s;
      await pressInGraph(left >= shift ? 'ArrowRight' : 'ArrowLeft');
      return undefined;
    }, 'the group panned past the view left edge');
    const after = panned.groups.find((g) => g.id === group.id)!;
    const expected = stickyLabelX(group, group.labelWidth, -panned.pan.x / panned.zoom);
    assert.ok(expected > 12, `it can move: ${expected}`);
    assert.ok(Math.abs(after.labelX - expected) < 0.5, JSON.stringify({ after, expected }));
    const onScreen = panned.pan.x + (group.x + after.labelX) * panned.zoom;
    assert.ok(onScreen >= 0 && onScreen < 40, `at the view's left edge: ${onScreen}`);
    await screenshot('graph-group-label-panned');
    await pressInGraph('0'); // Fit again, for the tests after
  });
});
