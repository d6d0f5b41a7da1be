// Server suite (mocha, Node): the graph of the file in front of the user is answered without
// waiting for the index: a workflow that runs core-flows' complete-cart as a step gets its nested
// model from the one file that defines it, before node_modules is indexed at all; a hover on a
// core-flows step's call names the workspace's workflows that use it.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { charOf, lineOf } from './fixtureWorkspace';
import { repoRoot, LspClient } from './lspClient';

const folder = join(repoRoot, 'test', 'fixtures', 'server', 'nested-core');
const workflowFile = (name: string): string => join(folder, 'src', 'workflows', name);
const file = workflowFile('checkout.ts');

interface Graph {
  workflow: { id: string; nodes: { id: string; kind: string }[] };
  nested: Record<string, { id: string; location: { file: string }; nodes: unknown[] }>;
}

describe('language server: first graph of an opened file', function () {
  let client: LspClient;

  before(async () => {
    // Progress shows at once, so any indexing of node_modules would be seen.
    client = await LspClient.start({
      folders: [folder],
      initializationOptions: { progressDelayMs: 0 },
    });
  });

  after(() => client?.kill());

  it('draws a nested core-flows workflow from its own file, never indexing node_modules first', async function () {
    this.timeout(60000);
    const uri = await client.open(file);
    const graph = await client.request<Graph | null>('medusaWorkflows/graph', {
      workflow: 'checkout-with-cart',
      uri,
    });
    assert.ok(graph);
    assert.equal(graph.workflow.id, 'checkout-with-cart');
    const asStep = graph.workflow.nodes.find((n) => n.kind === 'nested-workflow');
    assert.ok(asStep, JSON.stringify(graph.workflow.nodes));
    const child = graph.nested[asStep.id];
    assert.ok(child, `nested models: ${Object.keys(graph.nested).join(', ')}`);
    assert.equal(child.id, 'complete-cart');
    assert.match(child.location.file, /node_modules[\\/]@medusajs[\\/]core-flows[\\/]dist[\\/]/);
    assert.ok(child.nodes.length > 5);
    const progress = client.progress.received.map((p) => JSON.stringify(p.value));
    assert.ok(
      progress.every((p) => !p.includes('node_modules')),
      `node_modules was indexed before the answer: ${progress.join('\n')}`,
    );
  });

  it("hovers a core-flows step's call with the workspace's workflows that use it, once indexed", async function () {
    this.timeout(60000);
    const notify = workflowFile('notify.ts');
    const uri = await client.open(notify);
    await client.progress.wait((p) => p.value.kind === 'end', 'indexing ended');
    const line = lineOf(notify, 'emitEventStep({');
    const hover = await client.request<{ contents: { value: string } } | null>(
      'textDocument/hover',
      {
        textDocument: { uri },
        position: { line, character: charOf(notify, line, 'emitEventStep') + 2 },
      },
    );
    assert.match(hover?.contents.value ?? '', /\*\*step\*\* `emit-event-step`/);
    // node_modules is not indexed (the default): the call's own link to core-flows stands in.
    assert.match(hover!.contents.value, /used by `notify-placed`, `notify-shipped`$/);
  });
});
