// The analyzer's caches: overlays win over the disk, edits are seen at once, and a change in an
// imported file reaches every file that depends on it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAnalyzer, type AnalyzerHost } from '../../../server/src/analysis/index';

const golden = resolve(__dirname, '../../../../test/fixtures/analysis/golden');

function memoryHost(files: Record<string, string>): AnalyzerHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: (p) => {
      reads.push(p);
      return files[p];
    },
    fileExists: (p) => p in files,
  };
}

describe('analyzer caching', () => {
  it('follows an edit of an imported constant into the workflows that use it', () => {
    const entry = join(golden, 'cross-file/entry.ts');
    const constants = join(golden, 'cross-file/constants.ts');
    const analyzer = createAnalyzer();
    const first = analyzer.analyze([entry]);
    assert.equal(first.workflows[0]?.nodes[0]?.id, 'reserve-stock');
    analyzer.setFile(
      constants,
      readFileSync(constants, 'utf8').replace("'reserve-stock'", "'hold-stock'"),
    );
    const second = analyzer.analyze([entry]);
    assert.equal(second.workflows[0]?.nodes[0]?.id, 'hold-stock');
    assert.equal(second.workflows[0]?.id, 'orders-place');
    analyzer.setFile(constants, undefined);
    assert.equal(analyzer.analyze([entry]).workflows[0]?.nodes[0]?.id, 'reserve-stock');
  });

  it('re-analyzes an edited file and reuses unchanged ones without reading them again', () => {
    const a = '/ws/a.ts';
    const b = '/ws/b.ts';
    const sdk = "import { createStep, createWorkflow } from '@medusajs/framework/workflows-sdk';\n";
    const host = memoryHost({
      [a]: `${sdk}const s = createStep('one', async () => 1);\nexport const w = createWorkflow('wa', () => { s(); });\n`,
      [b]: `${sdk}const t = createStep('two', async () => 1);\nexport const w = createWorkflow('wb', () => { t(); t(); });\n`,
    });
    const analyzer = createAnalyzer(host);
    const r1 = analyzer.analyze([a, b]);
    assert.deepEqual(
      r1.workflows.map((w) => w.id),
      ['wa', 'wb'],
    );
    assert.deepEqual(
      r1.diagnostics.map((d) => d.code),
      ['MW005'],
    );
    const readsBefore = host.reads.length;
    analyzer.setFile(
      b,
      `${sdk}const t = createStep('two', async () => 1);\nexport const w = createWorkflow('wb', () => { t(); t().config({ name: 'again' }); });\n`,
    );
    const r2 = analyzer.analyze([a, b]);
    assert.deepEqual(r2.diagnostics, []);
    assert.deepEqual(
      r2.workflows[1]?.nodes.map((n) => n.id),
      ['two', 'again'],
    );
    assert.equal(host.reads.length, readsBefore, 'unchanged files are not read again');
  });

  it('sees a file created on disk once told, and forgets a deleted one', () => {
    const entry = '/ws/flow.ts';
    const steps = '/ws/steps.ts';
    const files: Record<string, string> = {
      [entry]:
        "import { createWorkflow } from '@medusajs/framework/workflows-sdk';\nimport { shipStep } from './steps';\nexport const w = createWorkflow('ship', () => { shipStep(); });\n",
    };
    const analyzer = createAnalyzer({ readFile: (p) => files[p], fileExists: (p) => p in files });
    const nodes = (): [string, boolean][] =>
      (analyzer.analyze([entry]).workflows[0]?.nodes ?? []).map((n) => [n.id, n.dynamic === true]);
    // Unresolved: the call still shows, under its function's name, marked dynamic.
    assert.deepEqual(nodes(), [['shipStep', true]]);
    files[steps] =
      "import { createStep } from '@medusajs/framework/workflows-sdk';\nexport const shipStep = createStep('ship-order', async () => 1);\n";
    analyzer.invalidate(steps);
    assert.deepEqual(nodes(), [['ship-order', false]]);
    delete files[steps];
    analyzer.invalidate(steps);
    assert.deepEqual(nodes(), [['shipStep', true]]);
  });

  it('returns a partial result for a file that does not parse, and nothing for a missing one', () => {
    const analyzer = createAnalyzer(memoryHost({}));
    analyzer.setFile(
      '/ws/broken.ts',
      "import { createWorkflow } from '@medusajs/framework/workflows-sdk';\ncreateWorkflow('half', (input) => { const x = ",
    );
    const r = analyzer.analyze(['/ws/broken.ts', '/ws/missing.ts']);
    assert.deepEqual(
      r.workflows.map((w) => w.id),
      ['half'],
    );
    assert.equal(r.internalErrors, undefined);
  });
});
