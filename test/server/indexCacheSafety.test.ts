// Server suite (mocha, Node): the disk index cache is never trusted beyond what it was made from:
// a package changed in node_modules invalidates what was derived from it, a corrupt cache file is
// ignored with a log line, and two windows on the same folders saving at once leave good files.
import * as assert from 'node:assert/strict';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowSummary } from '../../shared/protocol/lspProtocol';
import { LspClient, repoRoot } from './lspClient';

const fixture = join(repoRoot, 'test', 'fixtures', 'server', 'multi-app');

/** A package outside the apps that defines a step, as tsc emits it for CommonJS. */
function writePackage(dir: string, stepId: string): void {
  const pkg = join(dir, 'node_modules', 'acme-steps');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'acme-steps',
      version: '1.0.0',
      main: 'index.js',
      dependencies: { '@medusajs/framework': '2.21.2' },
    }),
  );
  writeFileSync(
    join(pkg, 'index.js'),
    [
      '"use strict";',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      'exports.shipStep = void 0;',
      'const workflows_sdk_1 = require("@medusajs/framework/workflows-sdk");',
      `exports.shipStep = (0, workflows_sdk_1.createStep)("${stepId}", async () => new workflows_sdk_1.StepResponse(1));`,
      '',
    ].join('\n'),
  );
}

describe('language server index cache: what it may not be trusted for', function () {
  let dir: string;
  let cacheDir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-server-cache-safety-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'mw-server-cache-safety-dir-'));
    cpSync(fixture, dir, { recursive: true });
    writePackage(dir, 'ship-v1');
    writeFileSync(
      join(dir, 'app-a', 'src', 'workflows', 'ship.ts'),
      [
        "import { createWorkflow, WorkflowResponse } from '@medusajs/framework/workflows-sdk';",
        "import { shipStep } from 'acme-steps';",
        '',
        "export const shipWorkflow = createWorkflow('ship', () => {",
        '  return new WorkflowResponse(shipStep());',
        '});',
        '',
      ].join('\n'),
    );
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const session = (): Promise<LspClient> =>
    LspClient.start({
      folders: [dir],
      initializationOptions: { cacheDir, extensionVersion: '1.0.0' },
    });

  /** Indexes the workspace; returns the cache log line and the ship workflow's step ids. */
  async function fullSession(
    client?: LspClient,
  ): Promise<{ restored: string; shipSteps: string[] }> {
    client ??= await session();
    try {
      const all = await client.request<WorkflowSummary[]>('medusaWorkflows/listWorkflows', {});
      const restored = await client.logs.wait((m) => m.startsWith('index cache:'), 'cache log');
      const ship = all.find((w) => w.id === 'ship');
      return { restored, shipSteps: ship?.steps.map((s) => s.id) ?? [] };
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
  }

  const cacheFiles = (): string[] => readdirSync(cacheDir).filter((f) => f.endsWith('.json'));

  it('re-analyzes what used a package in node_modules once that package changed', async () => {
    assert.deepEqual((await fullSession()).shipSteps, ['ship-v1']);
    const warm = await fullSession();
    assert.match(warm.restored, /restored 5 file\(s\) of 2 world\(s\)/);
    assert.deepEqual(warm.shipSteps, ['ship-v1']);
    writePackage(dir, 'ship-v2-renamed');
    const changed = await fullSession();
    assert.match(changed.restored, /restored 0 file\(s\)/);
    assert.deepEqual(changed.shipSteps, ['ship-v2-renamed']);
  });

  /** The cache file of an app (each names the app it holds). */
  const appCacheFile = (app: string): string => {
    const file = cacheFiles().find((f) => {
      const data = JSON.parse(readFileSync(join(cacheDir, f), 'utf8')) as { world?: string };
      return data.world === join(dir, app);
    });
    assert.ok(file, `no cache file for ${app} in ${cacheFiles().join(', ')}`);
    return file;
  };

  it("ignores a corrupt app's cache file with a log line naming it, not the other apps'", async () => {
    const file = appCacheFile('app-a');
    writeFileSync(join(cacheDir, file), '{"format":2,"key":"1.0.0|x","deps":');
    const client = await session();
    const log = await client.logs.wait((m) => m.includes('is corrupt, ignored'), 'corrupt log');
    assert.ok(log.includes(file), log);
    const { restored, shipSteps } = await fullSession(client);
    assert.match(restored, /restored 2 file\(s\) of 1 world\(s\)/, 'app-b only');
    assert.deepEqual(shipSteps, ['ship-v2-renamed']);
    assert.doesNotThrow(() => JSON.parse(readFileSync(join(cacheDir, file), 'utf8')) as unknown);
  });

  it('is left whole by two windows on the same folders indexing and closing at once', async () => {
    rmSync(cacheDir, { recursive: true, force: true });
    const runs = await Promise.all([fullSession(), fullSession()]);
    for (const r of runs) assert.deepEqual(r.shipSteps, ['ship-v2-renamed']);
    assert.equal(cacheFiles().length, 2, 'one per app');
    for (const f of cacheFiles())
      assert.doesNotThrow(() => JSON.parse(readFileSync(join(cacheDir, f), 'utf8')) as unknown);
    assert.deepEqual(
      readdirSync(cacheDir).filter((f) => !f.endsWith('.json')),
      [],
      'no temporary file left',
    );
    const next = await fullSession();
    assert.match(next.restored, /restored 5 file\(s\) of 2 world\(s\)/);
  });

  it("keeps node_modules' index in a file of its own, read only once its workflows are asked for", async () => {
    const dist = join(dir, 'node_modules', '@medusajs', 'core-flows', 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(
      join(dist, 'ship-all.js'),
      [
        '"use strict";',
        'const workflows_sdk_1 = require("@medusajs/framework/workflows-sdk");',
        'const packStep = (0, workflows_sdk_1.createStep)("pack", async () => new workflows_sdk_1.StepResponse(1));',
        'exports.shipAllWorkflow = (0, workflows_sdk_1.createWorkflow)("ship-all", () => new workflows_sdk_1.WorkflowResponse(packStep()));',
        '',
      ].join('\n'),
    );
    const first = await session();
    await first.request('medusaWorkflows/listWorkflows', { includeExternal: true });
    await fullSession(first);
    assert.deepEqual(
      cacheFiles()
        .map((f) => f.split('-')[0])
        .sort(),
      ['app', 'app', 'packages'],
    );
    const client = await session();
    try {
      await client.request('medusaWorkflows/listWorkflows', {});
      await client.logs.wait((m) => m.startsWith('index cache:'), 'cache log');
      assert.ok(!client.logs.received.some((m) => m.startsWith('node_modules index cache')));
      const all = await client.request<WorkflowSummary[]>('medusaWorkflows/listWorkflows', {
        includeExternal: true,
      });
      const log = await client.logs.wait(
        (m) => m.startsWith('node_modules index cache:'),
        'node_modules cache log',
      );
      assert.match(log, /restored 1 file\(s\) of 1 world\(s\)/);
      assert.deepEqual(
        all.filter((w) => w.external).map((w) => [w.id, w.steps.map((st) => st.id)]),
        [['ship-all', ['pack']]],
      );
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
  });
});
