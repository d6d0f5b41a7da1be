import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { LoadError, WorkflowLoader } from '../../../engine/src/host/loader';
import { Transpiler } from '../../../engine/src/host/transpile';
import { tempProject, type TempProject } from './tempProject';

/** A stand-in for the engine: records workflows by id, like the real registry. */
function fakeEngine() {
  const registry = new Map<string, { id: string; sdk: string }>();
  const sdk = {
    name: 'our-engine',
    createWorkflow(id: string) {
      const wf = { id, sdk: 'our-engine' };
      registry.set(id, wf);
      return wf;
    },
  };
  return { sdk, registry, workflows: () => registry.entries() };
}

describe('host/loader', () => {
  let project: TempProject;
  afterEach(() => project?.remove());

  function loader(engine = fakeEngine(), cacheDir?: string) {
    return new WorkflowLoader({ sdk: engine.sdk, workflows: engine.workflows, cacheDir });
  }

  it('loads a TypeScript file and its relative .ts imports, with the SDK bound to our engine', () => {
    project = tempProject({
      'src/steps/names.ts': `export const PREFIX: string = 'shop';\n`,
      'src/workflows/a.ts': [
        `import { createWorkflow } from '@medusajs/framework/workflows-sdk';`,
        `import * as composer from '@medusajs/framework/workflows-sdk/composer';`,
        `import { PREFIX } from '../steps/names';`,
        `interface Input { id: string }`,
        `export const wf = createWorkflow(PREFIX + '-a');`,
        `export const same = composer.createWorkflow === createWorkflow;`,
        `export const input: Input = { id: 'x' };`,
      ].join('\n'),
    });
    const engine = fakeEngine();
    engine.registry.set('existing', { id: 'existing', sdk: 'our-engine' });
    const loaded = loader(engine).load(project.path('src/workflows/a.ts'));
    assert.deepEqual([...loaded.workflows.keys()], ['shop-a']);
    assert.equal(loaded.workflows.get('shop-a')?.sdk, 'our-engine');
    assert.equal((loaded.exports as { same: boolean }).same, true);
  });

  it('binds require() of @medusajs/workflows-sdk in CommonJS and ESM JavaScript files', () => {
    project = tempProject({
      'a.js': `const { createWorkflow } = require('@medusajs/workflows-sdk');\ncreateWorkflow('from-cjs');\nrequire('./b.mjs');\n`,
      'b.mjs': `import { createWorkflow } from '@medusajs/workflows-sdk/composer';\ncreateWorkflow('from-esm');\n`,
      'c.cjs': `module.exports = require('@medusajs/workflows-sdk').name;\n`,
    });
    const l = loader();
    assert.deepEqual([...l.load(project.path('a.js')).workflows.keys()], ['from-cjs', 'from-esm']);
    assert.equal(l.loadModule(project.path('c.cjs')), 'our-engine');
  });

  it('resolves every other import from the user project, not from the SDK binding', () => {
    project = tempProject({
      'node_modules/@medusajs/framework/package.json': JSON.stringify({
        name: '@medusajs/framework',
        exports: { './utils': './utils.js', './workflows-sdk': './sdk.js' },
      }),
      'node_modules/@medusajs/framework/utils.js': `exports.where = 'project-utils';\n`,
      'node_modules/@medusajs/framework/sdk.js': `exports.name = 'real-sdk';\n`,
      'node_modules/local-lib/index.js': `exports.where = 'project-lib';\n`,
      'data.json': `{ "where": "project-json" }`,
      'wf.ts': [
        `import { where as utils } from '@medusajs/framework/utils';`,
        `import { where as lib } from 'local-lib';`,
        `import data from './data.json';`,
        `import * as sdk from '@medusajs/framework/workflows-sdk';`,
        `import { join } from 'node:path';`,
        `export const seen = [utils, lib, data.where, sdk.name, typeof join];`,
      ].join('\n'),
    });
    const loaded = loader().load(project.path('wf.ts'));
    assert.deepEqual((loaded.exports as { seen: string[] }).seen, [
      'project-utils',
      'project-lib',
      'project-json',
      'our-engine',
      'function',
    ]);
  });

  it('binds the SDK for packages too with bindPackages, until close()', () => {
    project = tempProject({
      'node_modules/@medusajs/framework/package.json': JSON.stringify({
        name: '@medusajs/framework',
        exports: { './workflows-sdk': './sdk.js' },
      }),
      'node_modules/@medusajs/framework/sdk.js': `exports.name = 'real-sdk';\n`,
      'node_modules/steps-pkg/index.js': `exports.sdkName = () => require('@medusajs/framework/workflows-sdk').name;\n`,
      'wf.ts': `export { sdkName } from 'steps-pkg';\n`,
    });
    const unbound = loader().load(project.path('wf.ts')).exports as { sdkName: () => string };
    assert.equal(unbound.sdkName(), 'real-sdk');
    const engine = fakeEngine();
    const bound = new WorkflowLoader({
      sdk: engine.sdk,
      workflows: engine.workflows,
      bindPackages: true,
    });
    try {
      project.write('wf2.ts', `export { sdkName } from 'steps-pkg';\n`);
      const exports = bound.load(project.path('wf2.ts')).exports as { sdkName: () => string };
      assert.equal(exports.sdkName(), 'our-engine');
    } finally {
      bound.close();
    }
    assert.equal(unbound.sdkName(), 'real-sdk');
  });

  it('resolves Node16-style ./x.js specifiers to x.ts and directories to index.ts', () => {
    project = tempProject({
      'lib/value.ts': `export const value = 41;\n`,
      'lib/index.ts': `export { value } from './value.js';\n`,
      'wf.mts': `import { value } from './lib';\nexport const answer = value + 1;\n`,
    });
    const loaded = loader().load(project.path('wf.mts'));
    assert.equal((loaded.exports as { answer: number }).answer, 42);
  });

  it('evaluates a file once per loader and returns the same workflows again', () => {
    project = tempProject({
      'wf.ts': `import { createWorkflow } from '@medusajs/framework/workflows-sdk';\n(globalThis as any).__mwLoads = ((globalThis as any).__mwLoads ?? 0) + 1;\ncreateWorkflow('once');\n`,
    });
    const l = loader();
    const g = globalThis as { __mwLoads?: number };
    delete g.__mwLoads;
    const first = l.load(project.path('wf.ts'));
    const second = l.load(project.path('wf.ts'));
    assert.equal(g.__mwLoads, 1);
    assert.equal(second, first);
    assert.deepEqual([...second.workflows.keys()], ['once']);
  });

  it('counts a workflow defined again under a known id (a reload) as defined by the file', () => {
    project = tempProject({
      'wf.ts': `import { createWorkflow } from '@medusajs/framework/workflows-sdk';\ncreateWorkflow('again');\n`,
    });
    const engine = fakeEngine();
    const first = loader(engine).load(project.path('wf.ts'));
    const second = loader(engine).load(project.path('wf.ts'));
    assert.deepEqual([...second.workflows.keys()], ['again']);
    assert.notEqual(second.workflows.get('again'), first.workflows.get('again'));
  });

  it('maps stack traces of user code back to the TypeScript lines', () => {
    const source = [
      `import { createWorkflow } from '@medusajs/framework/workflows-sdk';`,
      `interface Brand {`,
      `  id: string;`,
      `  name: string;`,
      `}`,
      `type Handle = string;`,
      `export function explode(brand: Brand): Handle {`,
      `  const handle: Handle = brand.name.toLowerCase(); throw new Error('boom ' + handle);`,
      `}`,
    ].join('\n');
    project = tempProject({ 'src/explode.ts': source });
    const file = project.path('src/explode.ts');
    const loaded = loader().load(file);
    /** 1-based line:column of the `new Error` in `text`. */
    const position = (text: string): string => {
      const lines = text.split('\n');
      const i = lines.findIndex((l) => l.includes("new Error('boom '"));
      return `${i + 1}:${(lines[i] ?? '').indexOf('new Error') + 1}`;
    };
    const written = position(source);
    assert.notEqual(
      position(new Transpiler().transpile(file, source)),
      written,
      'the transpiled throw must sit elsewhere for this test',
    );
    try {
      (loaded.exports as { explode(b: object): void }).explode({ id: '1', name: 'ACME' });
      assert.fail('explode() should throw');
    } catch (error) {
      const stack = (error as Error).stack ?? '';
      assert.match(stack, /boom acme/);
      assert.ok(
        stack.includes(`${file}:${written}`),
        `stack should point at ${file}:${written}:\n${stack}`,
      );
    }
  });

  it('leaves source maps of normally required packages unread', () => {
    const map = {
      version: 3,
      sources: ['../src/original.ts'],
      names: [],
      mappings: 'AAAA;AACA',
    };
    project = tempProject({
      'node_modules/mapped-pkg/index.js': `exports.fail = () => {\n  throw new Error('pkg boom');\n};\n//# sourceMappingURL=index.js.map\n`,
      'node_modules/mapped-pkg/index.js.map': JSON.stringify(map),
      'wf.ts': `import { fail } from 'mapped-pkg';\ntype N = number;\nexport const own = (): N => {\n  throw new Error('own boom');\n};\nexport { fail };\n`,
    });
    const file = project.path('wf.ts');
    const exports = loader().load(file).exports as { fail: () => void; own: () => void };
    const stackOf = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return (error as Error).stack ?? '';
      }
      return '';
    };
    assert.ok(
      stackOf(exports.fail).includes(`${project.path('node_modules/mapped-pkg/index.js')}:2:`),
    );
    assert.doesNotMatch(stackOf(exports.fail), /original\.ts/);
    assert.ok(stackOf(exports.own).includes(`${file}:4:`));
  });

  it('reports a syntax error as file:line:col with the message', () => {
    project = tempProject({
      'ok.ts': `export const ok = 1;\n`,
      'broken.ts': `import { ok } from './ok';\nconst x = {\n  a: 1,\n  b: ok +\n};\n`,
    });
    const file = project.path('broken.ts');
    assert.throws(
      () => loader().load(file),
      (error: unknown) => {
        assert.ok(error instanceof LoadError);
        assert.equal(error.code, 'syntax');
        assert.equal(error.message, `${file}:5:1: Expression expected.`);
        assert.deepEqual(error.location, { file, line: 5, column: 1 });
        return true;
      },
    );
  });

  it('reports a syntax error inside an imported file at that file', () => {
    project = tempProject({
      'wf.ts': `import './steps';\n`,
      'steps.ts': `export const = 3;\n`,
    });
    assert.throws(
      () => loader().load(project.path('wf.ts')),
      (error: unknown) =>
        error instanceof LoadError &&
        error.code === 'syntax' &&
        error.message.startsWith(`${project.path('steps.ts')}:1:`),
    );
  });

  it('reports a missing file, a directory and an unsupported file type', () => {
    project = tempProject({ 'data.json': '{}' });
    const l = loader();
    for (const [file, message] of [
      ['does/not/exist.ts', 'file not found: does/not/exist.ts'],
      [project.dir, `not a file: ${project.dir}`],
    ]) {
      assert.throws(
        () => l.load(file!),
        (e: unknown) => e instanceof LoadError && e.code === 'not-found' && e.message === message,
      );
    }
    assert.throws(() => l.load(project.path('data.json')), /unsupported file type/);
  });

  it('reports an error thrown while defining workflows at the user line', () => {
    project = tempProject({
      'wf.ts': `import { createWorkflow } from '@medusajs/framework/workflows-sdk';\n\ntype T = number;\nconst n: T = 1;\nthrow new TypeError('Step x is already defined in workflow.');\n`,
    });
    const file = project.path('wf.ts');
    assert.throws(
      () => loader().load(file),
      (e: unknown) =>
        e instanceof LoadError &&
        e.code === 'evaluation' &&
        e.message === `${file}:5:7: TypeError: Step x is already defined in workflow.`,
    );
  });

  it('reports an unresolvable import with the importing line', () => {
    project = tempProject({
      'wf.ts': `import { createWorkflow } from '@medusajs/framework/workflows-sdk';\nimport { helper } from './missing-helper';\nexport const x = helper;\n`,
    });
    const file = project.path('wf.ts');
    assert.throws(
      () => loader().load(file),
      (e: unknown) =>
        e instanceof LoadError &&
        e.code === 'module-not-found' &&
        e.message.startsWith(`${file}:2:`) &&
        e.message.endsWith(`Cannot find module './missing-helper'`),
    );
  });

  it('caches transpiled code on disk by content hash', () => {
    project = tempProject({ 'wf.ts': `export const v: number = 1;\n` });
    const cacheDir = project.path('.cache');
    const first = loader(fakeEngine(), cacheDir).load(project.path('wf.ts'));
    assert.equal((first.exports as { v: number }).v, 1);
    assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.js')).length, 1);
    project.write('wf.ts', `export const v: number = 2;\n`);
    const second = loader(fakeEngine(), cacheDir).load(project.path('wf.ts'));
    assert.equal((second.exports as { v: number }).v, 2);
    assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.js')).length, 2);
    assert.ok(existsSync(cacheDir));
  });

  it('does not use a cache directory that others can write to', () => {
    project = tempProject({ 'wf.ts': `export const v: number = 1;\n` });
    const cacheDir = project.path('shared-cache');
    mkdirSync(cacheDir);
    chmodSync(cacheDir, 0o777);
    loader(fakeEngine(), cacheDir).load(project.path('wf.ts'));
    assert.deepEqual(readdirSync(cacheDir), []);
  });
});
