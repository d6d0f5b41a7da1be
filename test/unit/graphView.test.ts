// Unit tests of the graph view's pure parts: the model -> view graph mapping, the Mermaid export
// and the validation of messages crossing the webview boundary. The pipeline, rollback waves and
// viewport arithmetic are in graphPipeline.test.ts.
import * as assert from 'node:assert';
import type { GraphNode, WorkflowModel } from '../../server/src/analysis/model';
import type { GraphPayload } from '../../client/src/graph/messages';
import { parseHostMessage, parseWebviewMessage } from '../../client/src/graph/messages';
import { toMermaid } from '../../client/src/graph/mermaid';
import { buildViewGraph, INPUT_ID, RESULT_ID } from '../../client/src/graph/viewGraph';

const span = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const loc = { file: '/w/wf.ts', span };

export function node(id: string, extra: Partial<GraphNode> = {}): GraphNode {
  return {
    id,
    kind: 'step',
    name: id,
    callSite: loc,
    hasCompensation: false,
    config: {},
    ...extra,
  };
}

/** a -> parallelize(b, c) -> when(d) -> e, with a transform t between a and b, and a hook h. */
export function model(): WorkflowModel {
  return {
    id: 'wf',
    location: loc,
    inputName: 'input',
    nodes: [
      node('a', { hasCompensation: true, order: 1 }),
      node('transform:1', { kind: 'transform', name: 'transform', variable: 'totals' }),
      node('b', { parallelGroup: 0, order: 2 }),
      node('c', { parallelGroup: 0, order: 2, config: { async: true, maxRetries: 3 } }),
      node('h', { kind: 'hook', order: 3 }),
      node('d', { whenBlock: 0, order: 4 }),
      node('e', { order: 5 }),
    ],
    edges: [
      { from: 'input', path: ['id'], to: 'a' },
      { from: 'a', path: ['id'], to: 'transform:1' },
      { from: 'transform:1', path: [], to: 'b' },
      { from: 'a', path: ['total'], to: 'c' },
      { from: 'a', path: ['id'], to: 'c' },
    ],
    parallelGroups: [{ nodes: ['b', 'c'], location: loc }],
    whenBlocks: [{ condition: '({ input }) => input.ok', location: loc, nodes: ['d'] }],
    hooks: [],
    result: { location: loc, reads: ['e'] },
    flow: {
      action: 'a',
      noCompensation: false,
      next: [
        { action: 'b', noCompensation: true },
        {
          action: 'c',
          noCompensation: true,
          next: {
            action: 'h',
            noCompensation: true,
            next: {
              action: 'when-then-x',
              noCompensation: true,
              next: {
                action: 'd',
                noCompensation: true,
                next: { action: 'e', noCompensation: true },
              },
            },
          },
        },
      ],
    },
  };
}

export function payload(m = model(), nested: GraphPayload['nested'] = {}): GraphPayload {
  return { workflow: m, steps: [], diagnostics: [], nested };
}

describe('graph view: model to view graph', () => {
  it('puts parallelize and when members in compound groups', () => {
    const view = buildViewGraph(payload());
    assert.deepStrictEqual(
      view.groups.map((g) => [g.id, g.kind]),
      [
        ['when:0', 'when'],
        ['parallel:0', 'parallel'],
      ],
    );
    const parent = (id: string) => view.nodes.find((n) => n.id === id)?.parent;
    assert.strictEqual(parent('b'), 'parallel:0');
    assert.strictEqual(parent('c'), 'parallel:0');
    assert.strictEqual(parent('d'), 'when:0');
    assert.strictEqual(parent('a'), undefined);
    assert.match(view.groups[0]!.label, /^when: \(\{ input \}\) => input\.ok$/);
  });

  it('draws order edges from the flow tree, bridging generated actions', () => {
    const view = buildViewGraph(payload());
    const order = view.edges.filter((e) => e.kind === 'order').map((e) => `${e.from}>${e.to}`);
    assert.deepStrictEqual(order, ['a>b', 'a>c', 'c>h', 'h>d', 'd>e']);
  });

  it('merges data edges per pair, keeps the paths, adds input and result', () => {
    const view = buildViewGraph(payload());
    const data = view.edges.filter((e) => e.kind === 'data');
    assert.deepStrictEqual(
      data.map((e) => [e.from, e.to, e.label]),
      [
        [INPUT_ID, 'a', 'id'],
        ['a', 'transform:1', 'id'],
        ['transform:1', 'b', ''],
        ['a', 'c', 'total, id'],
        ['e', RESULT_ID, ''],
      ],
    );
    assert.ok(view.nodes.some((n) => n.id === INPUT_ID && n.label === 'input'));
  });

  it('describes config and kind in the subtitle', () => {
    const view = buildViewGraph(payload());
    assert.strictEqual(view.nodes.find((n) => n.id === 'c')?.sub, 'async · retries 3');
    assert.strictEqual(view.nodes.find((n) => n.id === 'h')?.sub, 'hook');
  });

  it('names a transform after the variable it is assigned to', () => {
    const m = model();
    m.nodes.push(node('transform:2', { kind: 'transform', name: 'transform' }));
    const view = buildViewGraph(payload(m));
    assert.strictEqual(view.nodes.find((n) => n.id === 'transform:1')?.label, 'totals');
    assert.strictEqual(view.nodes.find((n) => n.id === 'transform:1')?.sub, 'transform');
    assert.strictEqual(view.nodes.find((n) => n.id === 'transform:2')?.label, 'transform');
  });

  it('falls back to execution waves without a flow tree', () => {
    const m = model();
    delete m.flow;
    const order = buildViewGraph(payload(m))
      .edges.filter((e) => e.kind === 'order')
      .map((e) => `${e.from}>${e.to}`);
    assert.deepStrictEqual(order, ['a>b', 'a>c', 'b>h', 'c>h', 'h>d', 'd>e']);
  });

  it('draws a nested workflow as a group holding its nodes, with prefixed ids', () => {
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
    const child: WorkflowModel = { ...model(), id: 'child-wf' };
    const view = buildViewGraph(payload(parent, { child }));
    const group = view.groups.find((g) => g.id === 'child');
    assert.strictEqual(group?.kind, 'nested');
    assert.ok(view.nodes.some((n) => n.id === 'child::a' && n.parent === 'child'));
    assert.ok(view.groups.some((g) => g.id === 'child::parallel:0' && g.parent === 'child'));
    assert.ok(view.edges.some((e) => e.from === 'child' && e.to === 'after' && e.kind === 'order'));
    assert.ok(view.edges.some((e) => e.from === 'child::a' && e.to === 'child::b'));
  });
});

/** a -> when(x: b) -> when(y: c) -> d: two when blocks, at most one of them runs. */
function twoWhens(): WorkflowModel {
  const flow = (ids: string[]): WorkflowModel['flow'] =>
    ids.reduceRight<WorkflowModel['flow']>(
      (next, action) => ({ action, noCompensation: false, ...(next ? { next } : {}) }),
      undefined,
    );
  return {
    ...model(),
    nodes: [
      node('a', { order: 1 }),
      node('b', { whenBlock: 0, order: 2 }),
      node('c', { whenBlock: 1, order: 3 }),
      node('d', { order: 4 }),
    ],
    edges: [],
    parallelGroups: [],
    whenBlocks: [
      { condition: '({ input }) => input.kind === "x"', location: loc, nodes: ['b'] },
      { condition: '({ input }) => input.kind === "y"', location: loc, nodes: ['c'] },
    ],
    result: undefined,
    flow: flow(['a', 'when-then-1', 'b', 'when-then-2', 'c', 'd']),
  };
}

/** Mermaid node ids by their label text, and the edges as `from arrow to` with labels. */
function parseMermaid(text: string): { id: (label: string) => string; edges: string[] } {
  const ids = new Map<string, string>();
  for (const m of text.matchAll(/^\s*(n\d+)[[(/{]+"([^"<]+)/gm))
    ids.set(m[2]!.replace(' ↺', ''), m[1]!);
  for (const m of text.matchAll(/subgraph (n\d+)\["([^"]+)"\]/g)) ids.set(m[2]!, m[1]!);
  const edges = [...text.matchAll(/^ {2}(n\d+ .+ n\d+)$/gm)].map((m) => m[1]!);
  return {
    id: (label) => {
      const found = [...ids].find(([k]) => k.startsWith(label))?.[1];
      assert.ok(found, `a node or subgraph labelled ${label} in\n${text}`);
      return found;
    },
    edges,
  };
}

describe('graph view: Mermaid export', () => {
  it('writes subgraphs, shapes, order and data arrows', () => {
    const text = toMermaid(payload());
    assert.match(text, /^flowchart TD\n {2}%% workflow wf\n/);
    assert.match(text, /subgraph n\d+\["parallelize"\]/);
    assert.match(text, /n\d+\["a ↺"\]/, 'compensation marked');
    assert.match(text, /n\d+\(\["h<br\/><small>hook<\/small>"\]\)/, 'hooks are stadiums');
    assert.match(text, /n\d+\[\/"totals<br\/><small>transform<\/small>"\/\]/, 'named transform');
    assert.match(text, / -\. "total, id" \.-> /);
  });

  it('draws a when block as a subgraph entered under its condition and bypassed by else', () => {
    const text = toMermaid(payload());
    const m = parseMermaid(text);
    const when = m.id('when: ({ input }) =#gt; input.ok');
    assert.ok(
      m.edges.includes(`${m.id('h')} -- "when: ({ input }) =#gt; input.ok" --> ${when}`),
      `the edge into the block carries the condition:\n${text}`,
    );
    assert.ok(m.edges.includes(`${when} --> ${m.id('e')}`), 'the block goes on to e');
    assert.ok(m.edges.includes(`${m.id('h')} -. "else" .-> ${m.id('e')}`), 'else bypasses it');
    assert.ok(!m.edges.includes(`${m.id('h')} --> ${m.id('d')}`), 'no unconditional edge into d');
  });

  it('never draws two exclusive when blocks as one straight chain', () => {
    const text = toMermaid(payload(twoWhens()));
    const m = parseMermaid(text);
    const x = m.id('when: ({ input }) =#gt; input.kind === #quot;x');
    const y = m.id('when: ({ input }) =#gt; input.kind === #quot;y');
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((l) => m.id(l));
    assert.ok(!m.edges.includes(`${b} --> ${c}`), `b does not lead straight to c:\n${text}`);
    assert.ok(m.edges.some((e) => e.startsWith(`${a} -- "when:`) && e.endsWith(x)));
    assert.ok(m.edges.includes(`${a} -. "else" .-> ${y}`), 'y is reached without x');
    assert.ok(m.edges.includes(`${x} -. "else" .-> ${d}`), 'd is reached without y');
    assert.match(text, new RegExp(`subgraph ${x}\\["when: [^\\n]*\\n\\s+${b}\\["b"\\]\\n\\s+end`));
  });

  it('keeps a nested workflow as a subgraph holding its steps', () => {
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
    const text = toMermaid(payload(parent, { child: { ...model(), id: 'child-wf' } }));
    const m = parseMermaid(text);
    const sub = m.id('workflow child-wf');
    assert.match(
      text,
      new RegExp(
        `subgraph ${sub}\\["workflow child-wf"\\]\\n(\\s{4}.*\\n)*?\\s{4}subgraph n\\d+\\["parallelize"\\]`,
      ),
    );
    assert.ok(
      m.edges.includes(`${sub} --> ${m.id('after')}`),
      'the nested workflow runs before after',
    );
  });
});

describe('graph view: message validation', () => {
  it('accepts the webview messages it knows, well-formed', () => {
    assert.deepStrictEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepStrictEqual(
      parseWebviewMessage({ type: 'reveal', node: 'a', target: 'definition', extra: 1 }),
      {
        type: 'reveal',
        node: 'a',
        target: 'definition',
      },
    );
  });

  it('drops anything else from the webview', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'nope' },
      { type: 'reveal', node: 'a', target: 'file:///etc/passwd' },
      { type: 'reveal', node: 42, target: 'callSite' },
      { type: 'reveal', node: 'x'.repeat(2000), target: 'callSite' },
      { type: 'exportResult', requestId: 1.5, data: '' },
      { type: 'drawn', workflow: 'w', nodes: '3', ms: 1 },
      { type: 'test.result', requestId: 1, dom: { nodes: 'x' } },
    ];
    for (const m of bad) assert.strictEqual(parseWebviewMessage(m), undefined, JSON.stringify(m));
  });

  it('checks host messages in the webview too', () => {
    assert.strictEqual(parseHostMessage({ type: 'graph', payload: {}, trusted: true }), undefined);
    const graph = {
      type: 'graph',
      workflow: { id: 'wf', file: '/w/wf.ts' },
      errors: 0,
      view: buildViewGraph(payload()),
      laid: { nodes: {}, groups: {}, edges: {}, labels: {}, width: 0, height: 0, ms: 0 },
      trusted: true,
      edited: false,
    };
    assert.strictEqual(parseHostMessage(graph)?.type, 'graph');
    assert.strictEqual(parseHostMessage({ ...graph, errors: '1' }), undefined);
    assert.strictEqual(parseHostMessage({ ...graph, edited: undefined }), undefined);
    assert.strictEqual(
      parseHostMessage({ type: 'export', requestId: 1, format: 'pdf' }),
      undefined,
    );
    assert.deepStrictEqual(parseHostMessage({ type: 'export', requestId: 1, format: 'svg' }), {
      type: 'export',
      requestId: 1,
      format: 'svg',
    });
  });
});
