// Server suite (mocha, Node): the index cache kept per app and per installed package. A second
// window on a workspace of many apps reads the opened file's app's cache file first and answers
// from it before reading any other app's; node_modules' index is shared by every workspace that
// uses the same installed package, and is not trusted once a file of that package changed.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowSummary } from '../../shared/protocol/lspProtocol';
import { LspClient, repoRoot } from './lspClient';

const fixture = join(repoRoot, 'test', 'fixtures', 'server', 'multi-app');
const apps = ['app-a', 'app-b', 'app-c', 'app-d', 'app-e'];

describe('language server index cache per app and per installed package', function () {
  let root: string;
  let cacheDir: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'mw-server-cache-shared-'));
    cacheDir = join(root, 'cache');
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  const session = (folders: string[]): Promise<LspClient> =>
    LspClient.start({ folders, initializationOptions: { cacheDir, extensionVersion: '1.0.0' } });

  /** Indexes every app (and node_modules when `external`), then closes the window. */
  async function fullSession(folders: string[], external = false): Promise<string> {
    const client = await session(folders);
    try {
      await client.request('medusaWorkflows/listWorkflows', { includeExternal: external });
      return await client.logs.wait((m) => m.startsWith('index cache:'), 'cache log');
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
  }

  it("answers the opened file from its app's cache file, read before any other app's", async () => {
    const many = join(root, 'many');
    for (const app of apps)
      cpSync(join(fixture, app === 'app-b' ? 'app-b' : 'app-a'), join(many, app), {
        recursive: true,
      });
    assert.match(await fullSession([many]), /restored 0 file\(s\)/);

    const client = await session([many]);
    const opened = join(many, 'app-d', 'src', 'workflows', 'place-order.ts');
    try {
      const uri = await client.open(opened);
      await client.waitForDiagnostics(uri);
      const lenses = await client.request<unknown[]>('textDocument/codeLens', {
        textDocument: { uri },
      });
      assert.ok(lenses.length > 0, 'lenses from the cached facts');
      await client.request('medusaWorkflows/listWorkflows', {});
      const summary = await client.logs.wait((m) => m.startsWith('index cache:'), 'cache log');
      assert.match(summary, /restored 10 file\(s\) of 5 world\(s\)/);
      const logs = client.logs.received;
      const answered = logs.indexOf(`answered ${opened} from the index cache`);
      assert.ok(answered >= 0, `not answered from the cache: ${logs.join('\n')}`);
      const reads = (upTo: number): string[] =>
        logs.slice(0, upTo).filter((m) => m.startsWith('read index cache of '));
      assert.deepEqual(reads(answered), [`read index cache of ${join(many, 'app-d')}`]);
      assert.deepEqual(
        reads(logs.length).sort(),
        apps.map((a) => `read index cache of ${join(many, a)}`),
        'the other apps are read afterwards, each once',
      );
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
  });

  /** A workspace of one app whose node_modules links to `modules`. */
  function workspace(name: string, modules: string): string {
    const dir = join(root, name);
    cpSync(join(fixture, 'app-a'), dir, { recursive: true });
    symlinkSync(modules, join(dir, 'node_modules'), 'dir');
    return dir;
  }

  function writeCoreFlows(modules: string, stepId: string): void {
    const pkg = join(modules, '@medusajs', 'core-flows');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: '@medusajs/core-flows', version: '2.21.2', main: 'dist/index.js' }),
    );
    writeFileSync(
      join(pkg, 'dist', 'ship-all.js'),
      [
        '"use strict";',
        'const workflows_sdk_1 = require("@medusajs/framework/workflows-sdk");',
        `const packStep = (0, workflows_sdk_1.createStep)("${stepId}", async () => new workflows_sdk_1.StepResponse(1));`,
        'exports.shipAllWorkflow = (0, workflows_sdk_1.createWorkflow)("ship-all", () => new workflows_sdk_1.WorkflowResponse(packStep()));',
        '',
      ].join('\n'),
    );
  }

  /** node_modules' workflows as the window sees them, and its cache log line. */
  async function externalSession(
    folder: string,
  ): Promise<{ log: string; steps: string[]; files: string[] }> {
    const client = await session([folder]);
    try {
      const all = await client.request<WorkflowSummary[]>('medusaWorkflows/listWorkflows', {
        includeExternal: true,
      });
      const log = await client.logs.wait(
        (m) => m.startsWith('node_modules index cache:'),
        'node_modules cache log',
      );
      const external = all.filter((w) => w.external);
      return {
        log,
        steps: external.flatMap((w) => w.steps.map((s) => s.id)),
        files: external.map((w) => w.file),
      };
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
  }

  it("shares node_modules' index with another workspace using the same installed package", async () => {
    const modules = join(root, 'shared-node-modules');
    writeCoreFlows(modules, 'pack');
    const first = workspace('shop-one', modules);
    const second = workspace('shop-two', modules);
    const one = await externalSession(first);
    assert.match(one.log, /restored 0 file\(s\)/);
    assert.deepEqual(one.steps, ['pack']);

    const two = await externalSession(second);
    assert.match(two.log, /restored 1 file\(s\) of 1 world\(s\)/, 'from the first workspace');
    assert.deepEqual(two.steps, ['pack']);
    assert.deepEqual(
      two.files,
      [join(second, 'node_modules', '@medusajs', 'core-flows', 'dist', 'ship-all.js')],
      'file names as this workspace reaches them',
    );
  });

  it("does not trust node_modules' index once a file of the package changed", async () => {
    const modules = join(root, 'shared-node-modules');
    writeCoreFlows(modules, 'pack-renamed');
    const changed = await externalSession(join(root, 'shop-two'));
    assert.match(changed.log, /restored 0 file\(s\)/);
    assert.deepEqual(changed.steps, ['pack-renamed']);
    const again = await externalSession(join(root, 'shop-one'));
    assert.match(again.log, /restored 1 file\(s\) of 1 world\(s\)/);
    assert.deepEqual(again.steps, ['pack-renamed']);
  });
});
