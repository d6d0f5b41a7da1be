// Unit tests of the graph pipeline (payload -> view -> layout -> message), the rollback waves,
// label wrapping and the viewport's Fit and follow arithmetic. elkjs runs for real here.
import * as assert from 'node:assert';
import type { WorkflowModel } from '../../server/src/analysis/model';
import { groupHeader } from '../../client/src/graph/layout';
import { graphMessage, presentGraph } from '../../client/src/graph/pipeline';
import { rollbackWaves } from '../../client/src/graph/rollback';
import { wrapText } from '../../client/src/graph/wrapText';
import { fitView, followBox, READABLE_ZOOM, stickyLabelX } from '../../client/webview/fit';
import { model, node, payload } from './graphView.test';

describe('graph pipeline: payload to view to layout', function () {
  this.timeout(20_000);

  it('lays out every node and group of the view, nested workflows included, in one call', async () => {
    const parent: WorkflowModel = {
      ...model(),
      nodes: [node('child', { kind: 'nested-workflow', name: 'child-wf' }), node('after')],
      edges: [],
      parallelGroups: [],
      whenBlocks: [],
      result: undefined,
      flow: {
        action: 'child',
        noCompensation: false,
        next: { action: 'after', noCompensation: false },
      },
    };
    const p = payload(parent, { child: { ...model(), id: 'child-wf' } });
    const out = await presentGraph(p);
    for (const n of out.view.nodes) assert.ok(out.laid.nodes[n.id], `a box for ${n.id}`);
    for (const g of out.view.groups) assert.ok(out.laid.groups[g.id], `a box for ${g.id}`);
    assert.ok(out.laid.nodes['child::a'], 'nested steps are laid out inside');
    assert.strictEqual(out.reused, false);
  });

  it('reuses the layout when an edit leaves the structure as it was, and only then', async () => {
    const first = await presentGraph(payload());
    const m = model();
    m.nodes[0]!.callSite = { ...m.nodes[0]!.callSite, span: { ...m.nodes[0]!.callSite.span } };
    m.nodes[0]!.callSite.span.start = { line: 7, character: 2 };
    const same = await presentGraph(payload(m), first);
    assert.strictEqual(same.reused, true);
    assert.strictEqual(same.laid, first.laid);
    m.nodes.push(node('z', { order: 9 }));
    const changed = await presentGraph(payload(m), first);
    assert.strictEqual(changed.reused, false);
    assert.ok(changed.laid.nodes.z);
  });

  it('wraps a long step name inside a bounded box and sizes when boxes to their condition', async () => {
    const m = model();
    const long = 'associate-products-with-sales-channels-and-inventory-levels';
    m.nodes.push(node(long, { order: 6 }));
    m.whenBlocks[0]!.condition =
      '({ input, cart }) => input.notify_customer !== false && cart.items.length > 0 && !!cart.email';
    const out = await presentGraph(payload(m));
    const lines = out.laid.labels[long]!;
    assert.ok(lines.length >= 3, `wrapped: ${JSON.stringify(lines)}`);
    assert.strictEqual(lines.join(''), long, 'nothing lost when wrapping');
    const box = out.laid.nodes[long]!;
    assert.ok(box.width <= 320 && box.height >= lines.length * 16, JSON.stringify(box));
    const when = out.view.groups.find((g) => g.kind === 'when')!;
    const header = groupHeader(when.label);
    assert.ok(header.lines.length >= 2, 'the condition wraps too');
    assert.ok(
      out.laid.groups[when.id]!.width >= header.minWidth,
      `the when box (${out.laid.groups[when.id]!.width}) holds its text (${header.minWidth})`,
    );
    const inner = out.laid.nodes.d!;
    assert.ok(
      inner.y >= out.laid.groups[when.id]!.y + header.top - 1,
      'its steps sit below the text',
    );
  });

  it('sends each model node once per graph message', async () => {
    const p = payload();
    const msg = graphMessage(p, await presentGraph(p), { trusted: true, edited: false });
    const json = JSON.stringify(msg);
    const callSites = json.split('"callSite"').length - 1;
    assert.strictEqual(callSites, p.workflow.nodes.length);
    assert.deepStrictEqual(msg.workflow, { id: 'wf', file: '/w/wf.ts' });
  });
});

describe('graph overlay: rollback waves', () => {
  // a -> [b, c] (parallel), c -> h -> d
  const order = [
    { from: 'a', to: 'b' },
    { from: 'a', to: 'c' },
    { from: 'c', to: 'h' },
    { from: 'h', to: 'd' },
  ];

  it('numbers compensations that ran together as one wave', () => {
    assert.deepStrictEqual(rollbackWaves(['c', 'b', 'a'], order), [['c', 'b'], ['a']]);
  });

  it('counts steps without a compensation as nothing to wait for', () => {
    // d and b are leaves; h had nothing to undo, so c waits only for d.
    assert.deepStrictEqual(rollbackWaves(['d', 'b', 'c', 'a'], order), [['d', 'b'], ['c'], ['a']]);
  });

  it("puts a nested workflow's compensations inside its own wave, before it", () => {
    const nested = [...order, { from: 'b::x', to: 'b::y' }];
    assert.deepStrictEqual(rollbackWaves(['b::y', 'b::x', 'b', 'a'], nested), [
      ['b::y'],
      ['b::x'],
      ['b'],
      ['a'],
    ]);
  });
});

describe('graph view: labels and viewport', () => {
  it('wraps names at separators and camelCase, never losing a character', () => {
    assert.deepStrictEqual(wrapText('associate-products-with-channels', 26), [
      'associate-products-with-',
      'channels',
    ]);
    assert.deepStrictEqual(wrapText('validate-inventory', 26), ['validate-inventory']);
    assert.deepStrictEqual(wrapText('getVariantPriceSetsStepWithAName', 16), [
      'getVariantPrice',
      'SetsStepWith',
      'AName',
    ]);
    const cut = wrapText('x'.repeat(200), 26, 2);
    assert.strictEqual(cut.length, 2);
    assert.ok(cut[1]!.endsWith('…'));
  });

  it('Fit never shrinks below a readable scale: a large graph starts at its top', () => {
    const view = fitView({ width: 3000, height: 6000 }, { width: 800, height: 600 });
    assert.strictEqual(view.zoom, READABLE_ZOOM);
    assert.ok(view.x > 0 && view.y > 0 && view.y < 40, JSON.stringify(view));
    const first = { x: 2000, width: 200 };
    const wide = fitView({ width: 3000, height: 6000 }, { width: 800, height: 600 }, first);
    assert.strictEqual(wide.x + (first.x + first.width / 2) * wide.zoom, 400, 'entry centred');
    const small = fitView({ width: 400, height: 300 }, { width: 800, height: 600 });
    assert.ok(small.zoom > 1, 'a small graph is enlarged to fill the view');
  });

  it('follows a node outside the view and leaves the view alone when it is inside', () => {
    const view = { zoom: 1, x: 0, y: 0 };
    const port = { width: 800, height: 600 };
    assert.strictEqual(followBox(view, { x: 10, y: 10, width: 100, height: 40 }, port), view);
    const moved = followBox(view, { x: 100, y: 2000, width: 100, height: 40 }, port);
    assert.strictEqual(moved.zoom, 1);
    assert.strictEqual(moved.y + 2020, 300, 'the node is centred');
  });

  it("keeps a group's label in sight when the group reaches left of the view", () => {
    const group = { x: 100, width: 3000 };
    const label = 150;
    // Its left edge visible: the label stays there.
    assert.strictEqual(stickyLabelX(group, label, 0), 12);
    assert.strictEqual(stickyLabelX(group, label, 100), 12);
    // Panned into the group: the label follows the view's left edge.
    assert.strictEqual(stickyLabelX(group, label, 1100), 1012);
    // Panned to its right end: the label stops short of the header's badge.
    assert.strictEqual(stickyLabelX(group, label, 3000), 3000 - 150 - 24);
    // A narrow group: the label goes no further than its right end either.
    const narrow = { x: 100, width: 300 };
    assert.strictEqual(stickyLabelX(narrow, label, 150), 62);
    assert.strictEqual(stickyLabelX(narrow, label, 300), 126);
    // A label wider than its group stays at the left edge.
    assert.strictEqual(stickyLabelX({ x: 0, width: 100 }, label, 50), 12);
  });
});
