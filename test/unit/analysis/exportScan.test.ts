// Looking a name up through `export *` barrels reads each file's text first and parses only the
// files that may export the name (modules/exportScan.ts); the ones ruled out are still watched.
import assert from 'node:assert/strict';
import { createAnalyzer, type AnalyzerHost } from '../../../server/src/analysis/index';
import { mayExport } from '../../../server/src/analysis/modules/exportScan';

describe('export scan', () => {
  it('keeps every way of exporting a name as "may export"', () => {
    for (const text of [
      'exports.fooStep = (0, sdk_1.createStep)("foo");',
      'module.exports.fooStep = x;',
      'exports["fooStep"] = x;',
      'Object.defineProperty(exports, "fooStep", { get: function () { return a_1.fooStep; } });',
      'export const fooStep = createStep("foo");',
      'export { bar as fooStep };',
      'export * as fooStep from "./a";',
      'export * from "./a";',
      'export /* all */ * from "./a";',
      '__exportStar(require("./a"), exports);',
      'export const \\u0066ooStep = 1;',
    ]) {
      assert.equal(mayExport(text, 'fooStep'), true, text);
    }
    assert.equal(mayExport('module.exports = x;', 'default'), true);
  });

  it("rules out a file that only uses the name as another object's property, or not at all", () => {
    for (const text of [
      'const steps_1 = require("../steps");\n(0, steps_1.fooStep)(input);',
      'steps . fooStep(input);',
      'exports.fooStepId = "foo"; exports.myFooStep = 1;',
      '"use strict";\nexports.other = 1;',
    ]) {
      assert.equal(mayExport(text, 'fooStep'), false, text);
    }
  });

  it('sees a barrel file that starts exporting the name after it was ruled out', () => {
    const sdk = "import { createStep, createWorkflow } from '@medusajs/framework/workflows-sdk';\n";
    const files: Record<string, string> = {
      '/ws/lib/index.ts': "export * from './a';\nexport * from './b';\n",
      '/ws/lib/a.ts': `${sdk}export const other = 1;\n`,
      '/ws/lib/b.ts': `${sdk}export const barStep = createStep('bar-from-b', async () => 1);\n`,
      '/ws/wf.ts': `${sdk}import { barStep } from './lib';\nexport const w = createWorkflow('w', () => { barStep(); });\n`,
    };
    const host: AnalyzerHost = { readFile: (p) => files[p], fileExists: (p) => p in files };
    const analyzer = createAnalyzer(host);
    assert.equal(analyzer.analyze(['/ws/wf.ts']).workflows[0]?.nodes[0]?.id, 'bar-from-b');
    analyzer.setFile(
      '/ws/lib/a.ts',
      `${sdk}export const barStep = createStep('bar-from-a', async () => 1);\n`,
    );
    assert.equal(analyzer.analyze(['/ws/wf.ts']).workflows[0]?.nodes[0]?.id, 'bar-from-a');
  });
});
