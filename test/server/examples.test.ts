// Server suite (mocha, Node): the built dist/server.js over stdio on the examples/ project (read
// only): workflows across files, a hook handled in another file, a nested workflow, parallel steps.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, repoRoot, uriOf, type Range } from './lspClient';

const examples = join(repoRoot, 'examples');
const workflows = join(examples, 'src', 'workflows');
const createOrder = join(workflows, 'create-order.ts');
const launchBrand = join(workflows, 'launch-brand.ts');
const orderCreatedHook = join(workflows, 'hooks', 'order-created.ts');

function position(file: string, needle: string, offset = 1): { line: number; character: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.notEqual(line, -1, `${needle} not in ${file}`);
  return { line, character: lines[line]!.indexOf(needle) + offset };
}

type Graph = {
  workflow: { id: string; hooks: { name: string; handlers: { file: string }[] }[] };
} | null;

describe('language server on the examples project', function () {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ folders: [examples] });
  });

  after(() => client?.kill());

  it('lists the example workflows (the project may grow: these three at least)', async () => {
    const all = await client.request<{ id: string; file: string; external: boolean }[]>(
      'medusaWorkflows/listWorkflows',
      {},
    );
    const expected = [
      ['create-brand-with-logo', join(workflows, 'create-brand-with-logo.ts'), false],
      ['create-order', createOrder, false],
      ['launch-brand', launchBrand, false],
    ];
    const got = all.map((w) => [w.id, w.file, w.external]);
    for (const e of expected)
      assert.ok(
        got.some((g) => JSON.stringify(g) === JSON.stringify(e)),
        JSON.stringify(e),
      );
    assert.ok(all.every((w) => !w.external && w.file.startsWith(examples)));
  });

  it('links a hook handler registered in another file, also after the workflow file is edited', async () => {
    const handlers = async (): Promise<string[]> => {
      const graph = await client.request<Graph>('medusaWorkflows/graph', {
        workflow: 'create-order',
      });
      const hook = graph?.workflow.hooks.find((h) => h.name === 'orderCreated');
      assert.ok(hook, 'the orderCreated hook is in the graph');
      return hook.handlers.map((h) => h.file);
    };
    assert.deepEqual(await handlers(), [orderCreatedHook]);
    const uri = await client.open(createOrder);
    const text = readFileSync(createOrder, 'utf8');
    const version = await client.change(uri, `${text}\n// edited\n`);
    await client.waitForDiagnostics(uri, version);
    assert.deepEqual(await handlers(), [orderCreatedHook]);
  });

  it('answers a graph with its nested workflows in the same request', async () => {
    type Nested = {
      workflow: { id: string; nodes: { id: string; kind: string }[] };
      nested: Record<string, { id: string; nodes: { id: string }[] }>;
    };
    const graph = await client.request<Nested>('medusaWorkflows/graph', {
      workflow: 'launch-brand',
      uri: uriOf(launchBrand),
    });
    const call = graph.workflow.nodes.find((n) => n.kind === 'nested-workflow');
    assert.ok(call, 'launch-brand runs a workflow as a step');
    const child = graph.nested[call.id];
    assert.equal(child?.id, 'create-brand-with-logo');
    assert.ok(child.nodes.some((n) => n.id === 'upload-logo'));
    const flat = await client.request<Nested>('medusaWorkflows/graph', {
      workflow: 'launch-brand',
      uri: uriOf(launchBrand),
      nestedDepth: 0,
    });
    assert.deepEqual(flat.nested, {}, 'nestedDepth 0 leaves them out');
  });

  it('shows the parallel group of reserve-inventory and capture-payment in inlay hints', async () => {
    const uri = uriOf(createOrder);
    const hints = await client.request<{ position: Range['start']; label: string }[]>(
      'textDocument/inlayHint',
      {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } },
      },
    );
    const on = (needle: string): string[] =>
      hints
        .filter((h) => h.position.line === position(createOrder, needle).line)
        .map((h) => h.label);
    assert.deepEqual(on('validateInventoryStep({'), ['#1']);
    const reserve = on('reserveInventoryStep({');
    assert.equal(reserve.length, 1);
    assert.match(reserve[0]!, /^#(\d+) ∥1$/);
    // Both parallel steps share the position in the execution order; the next step comes after.
    const capture = hints.find(
      (h) => h.position.line > position(createOrder, 'capturePaymentStep({').line,
    );
    assert.ok(capture);
    assert.equal(capture.label, reserve[0]);
    const allocate = on('allocateToWarehouseStep({');
    assert.equal(allocate.length, 1);
    assert.ok(Number(/^#(\d+)/.exec(allocate[0]!)![1]) > Number(/^#(\d+)/.exec(reserve[0]!)![1]));
  });

  it('hovers a hook and goes from a nested workflow call to its createWorkflow', async () => {
    const hover = await client.request<{ contents: { value: string } } | null>(
      'textDocument/hover',
      {
        textDocument: { uri: uriOf(createOrder) },
        position: position(createOrder, "createHook('orderCreated'"),
      },
    );
    assert.match(hover!.contents.value, /\*\*hook\*\* `orderCreated`/);
    const defs = await client.request<{ uri: string; range: Range }[]>('textDocument/definition', {
      textDocument: { uri: uriOf(launchBrand) },
      position: position(launchBrand, 'createBrandWithLogoWorkflow.runAsStep'),
    });
    assert.deepEqual(
      defs.map((d) => [d.uri, d.range.start.line]),
      [
        [
          uriOf(join(workflows, 'create-brand-with-logo.ts')),
          position(join(workflows, 'create-brand-with-logo.ts'), 'createWorkflow(').line,
        ],
      ],
    );
  });

  it('exits with code 0 after shutdown and exit', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});
