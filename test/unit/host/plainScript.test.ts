// Unit tests (mocha, Node): JavaScript files that Node runs as they are skip the TypeScript
// compiler (engine/src/host/plainScript.ts through the module system); everything else is still
// transpiled, with the same results and the same syntax errors as before.
import * as assert from 'node:assert/strict';
import { LoadError } from '../../../engine/src/host/loader';
import { ModuleSystem } from '../../../engine/src/host/moduleSystem';
import { runsAsIs } from '../../../engine/src/host/plainScript';
import { Transpiler } from '../../../engine/src/host/transpile';
import { tempProject, type TempProject } from './tempProject';

/** A transpiler that records which files it was asked for. */
function countingTranspiler(): { transpiler: Transpiler; files: string[] } {
  const real = new Transpiler();
  const files: string[] = [];
  const transpiler = Object.assign(Object.create(real) as Transpiler, {
    transpile(filename: string, source: string) {
      files.push(filename);
      return real.transpile(filename, source);
    },
  });
  return { transpiler, files };
}

describe('host/plainScript', () => {
  let project: TempProject;
  afterEach(() => project?.remove());
  const sdk = { name: 'our-engine' };

  it('runs a plain CommonJS .js/.cjs file as it is, with the SDK bound, without transpiling', () => {
    project = tempProject({
      'a.js': `const sdk = require('@medusajs/workflows-sdk');\nmodule.exports = { engine: sdk.name, b: require('./b.cjs') };\n`,
      'b.cjs': `exports.twice = (n) => n * 2;\n`,
    });
    const { transpiler, files } = countingTranspiler();
    const exports = new ModuleSystem(sdk, transpiler).load(project.path('a.js')) as {
      engine: string;
      b: { twice(n: number): number };
    };
    assert.equal(exports.engine, 'our-engine');
    assert.equal(exports.b.twice(21), 42);
    assert.deepEqual(files, []);
  });

  it('still transpiles TypeScript, ESM, import(), classes, JSX, .mjs and files with source maps', () => {
    const cases: Record<string, string> = {
      'a.ts': `export const x: number = 1;\n`,
      'esm.js': `export const x = 1;\n`,
      'dynamic.js': `module.exports = () => import('@medusajs/workflows-sdk');\n`,
      'fields.js': `class A { x = 1 }\nmodule.exports = A;\n`,
      'view.js': `module.exports = () => <div />;\n`,
      'm.mjs': `export default 1;\n`,
      'built.js': `exports.a = 1;\n//# sourceMappingURL=built.js.map\n`,
    };
    for (const [name, source] of Object.entries(cases)) {
      assert.equal(runsAsIs(`/p/${name}`, source), false, name);
    }
    assert.equal(runsAsIs('/p/plain.js', `module.exports = 1;\n`), true);
    assert.equal(runsAsIs('/p/plain.cjs', `exports.a = async () => 1;\n`), true);
  });

  it('keeps class fields assigned in the constructor (ES2021), as before', () => {
    project = tempProject({
      'fields.js': [
        `class Base { set x(v) { this.seen = v; } }`,
        `class A extends Base { x = 1 }`,
        `module.exports = new A().seen;`,
      ].join('\n'),
    });
    const { transpiler, files } = countingTranspiler();
    assert.equal(new ModuleSystem(sdk, transpiler).load(project.path('fields.js')), 1);
    assert.equal(files.length, 1);
  });

  it('reports a syntax error in a .js file at its line and column, through the compiler', () => {
    project = tempProject({ 'bad.js': `const a = 1;\nconst = 2;\n` });
    const { transpiler } = countingTranspiler();
    assert.throws(
      () => new ModuleSystem(sdk, transpiler).load(project.path('bad.js')),
      (error: unknown) =>
        error instanceof LoadError &&
        error.code === 'syntax' &&
        /bad\.js:2:\d+:/.test(error.message),
    );
  });
});
