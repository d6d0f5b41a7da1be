import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, openFile, wsPath } from './helpers';

/** A small XML well-formedness check: every tag closes in order, one root element. */
function assertWellFormedXml(text: string): void {
  const body = text.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const stack: string[] = [];
  let roots = 0;
  for (const m of body.matchAll(
    /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g,
  )) {
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      assert.strictEqual(stack.pop(), name, `</${name}> closes the open element`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name!);
    }
  }
  assert.deepStrictEqual(stack, [], 'every element is closed');
  assert.strictEqual(roots, 1, 'one root element');
  assert.ok(!/<(?![\/?!A-Za-z])/.test(body), 'no stray <');
}

describe('export', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-export-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a valid SVG with the graph (theme colours resolved)', async () => {
    await api();
    await openFile('src/workflows/create-order.ts');
    const out = path.join(dir, 'create-order.svg');
    const args = {
      workflow: 'create-order',
      file: wsPath('src/workflows/create-order.ts'),
      format: 'svg',
      path: out,
    };
    const written = await vscode.commands.executeCommand<string>(
      'medusaWorkflows.exportGraph',
      args,
    );
    assert.strictEqual(written, out);
    const svg = fs.readFileSync(out, 'utf8');
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    assert.match(svg, /xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /viewBox="0 0 \d+ \d+"/);
    assertWellFormedXml(svg);
    for (const label of [
      'validate-inventory',
      'create-order',
      'capture-payment',
      'allocate-to-warehouse',
    ]) {
      assert.ok(svg.includes(`>${label}</tspan>`), `${label} is in the SVG`);
    }
    assert.ok(!svg.includes('var(--'), 'colours are resolved, not CSS variables');
    assert.ok(!/class="/.test(svg), 'self-contained: no classes left that need the stylesheet');
  });

  it('writes PNG and Mermaid too', async () => {
    const file = wsPath('src/workflows/create-order.ts');
    const png = path.join(dir, 'g.png');
    await vscode.commands.executeCommand('medusaWorkflows.exportGraph', {
      workflow: 'create-order',
      file,
      format: 'png',
      path: png,
    });
    const bytes = fs.readFileSync(png);
    assert.deepStrictEqual(
      [...bytes.subarray(0, 8)],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    );
    assert.ok(bytes.length > 5000, `a real image (${bytes.length} bytes)`);
    const mmd = path.join(dir, 'g.mmd');
    await vscode.commands.executeCommand('medusaWorkflows.exportGraph', {
      workflow: 'create-order',
      file,
      format: 'mermaid',
      path: mmd,
    });
    const text = fs.readFileSync(mmd, 'utf8');
    assert.match(text, /^flowchart TD\n/);
    assert.match(text, /subgraph \w+\["parallelize"\]/);
    assert.match(text, /\["create-order ↺"\]/);
    assert.match(text, / --> /);
    assert.match(text, / -\.-> | -\. /);
    assert.match(
      text,
      /subgraph \w+\["when: /,
      'the when block is a subgraph labelled with its condition',
    );
    assert.match(text, / -\. "else" \.-> /, 'and it can be bypassed');
  });
});
