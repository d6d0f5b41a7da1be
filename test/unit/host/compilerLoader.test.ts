// Unit tests (mocha, Node): engine/src/host/compilerLoader.ts loads a module with a V8 code cache
// keyed by its content, writes the cache only into a private directory, and never runs stale code.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtDigest, loadCompiler } from '../../../engine/src/host/compilerLoader';
import { ROOT } from './cli';
import { tempProject, type TempProject } from './tempProject';

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** The code caches in `dir` (beside them, `.pruned` says when the folder was last pruned). */
const cacheFiles = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.bin'));

/** The cache is written on the turn after the load. */
const nextTurn = () => new Promise((r) => setImmediate(r));

describe('host/compilerLoader', () => {
  let project: TempProject;
  afterEach(() => project?.remove());

  function fresh(file: string, cacheDir: string): { answer: number; calls: number } {
    delete require.cache[file];
    return loadCompiler(file, cacheDir) as { answer: number; calls: number };
  }

  it('writes a code cache on first load, reads it on the next, and reloads a changed file', async () => {
    project = tempProject({ 'compiler.js': `exports.answer = 41 + 1;\nexports.calls = 0;\n` });
    const file = project.path('compiler.js');
    const cache = project.path('cache');
    assert.equal(fresh(file, cache).answer, 42);
    await nextTurn();
    const written = cacheFiles(cache);
    assert.equal(written.length, 1);
    assert.match(written[0]!, /^[0-9a-f]{64}\.bin$/);
    assert.equal(fresh(file, cache).answer, 42);
    await nextTurn();
    assert.deepEqual(cacheFiles(cache), written, 'a usable cache is not written again');
    // Same length, other content: the key changes, so the old code is never run.
    writeFileSync(file, `exports.answer = 40 + 3;\nexports.calls = 0;\n`);
    assert.equal(fresh(file, cache).answer, 43);
    await nextTurn();
    assert.equal(cacheFiles(cache).length, 2);
  });

  it('returns the module already loaded, like require', () => {
    project = tempProject({
      'compiler.js': `exports.calls = (global.__mwLoads = (global.__mwLoads ?? 0) + 1);\n`,
    });
    const file = project.path('compiler.js');
    const first = fresh(file, project.path('cache'));
    assert.equal(loadCompiler(file, project.path('cache')), first);
    assert.equal(first.calls, (globalThis as { __mwLoads?: number }).__mwLoads);
  });

  it('does not use a cache directory that others can write to, and still loads', async () => {
    project = tempProject({ 'compiler.js': `exports.answer = 42;\n` });
    const cache = project.path('shared');
    project.write('shared/.keep', '');
    chmodSync(cache, 0o777);
    assert.equal(fresh(project.path('compiler.js'), cache).answer, 42);
    await nextTurn();
    assert.deepEqual(readdirSync(cache), ['.keep']);
  });

  it('loads without any disk cache when none is given', () => {
    project = tempProject({ 'compiler.js': `exports.answer = 42;\n` });
    const file = project.path('compiler.js');
    delete require.cache[file];
    assert.equal((loadCompiler(file, null) as { answer: number }).answer, 42);
  });

  it("keys the cache by the build's digest beside the file, while the file keeps its size", async () => {
    const code = `exports.answer = 42;\n`;
    project = tempProject({ 'compiler.js': code });
    const file = project.path('compiler.js');
    const cache = project.path('cache');
    const digest = sha256(code);
    writeFileSync(`${file}.sha256`, `${digest} ${Buffer.byteLength(code)}\n`);
    assert.equal(builtDigest(file), digest);
    assert.equal(fresh(file, cache).answer, 42);
    await nextTurn();
    assert.deepEqual(cacheFiles(cache), [`${digest}-${process.version}-${process.arch}.bin`]);
    // Rebuilt without its digest (another size): the digest is ignored and the content hashed.
    writeFileSync(file, `exports.answer = 43 + 0;\n`);
    assert.equal(builtDigest(file), undefined);
    assert.equal(fresh(file, cache).answer, 43);
    await nextTurn();
    const names = cacheFiles(cache);
    assert.equal(names.length, 2);
    assert.ok(
      names.some((n) => /^[0-9a-f]{64}\.bin$/.test(n)),
      names.join(', '),
    );
    // A malformed digest file is no digest.
    writeFileSync(`${file}.sha256`, `not-a-digest ${Buffer.byteLength(code)}\n`);
    assert.equal(builtDigest(file), undefined);
  });

  it('reads a file that is not ASCII as UTF-8 (ASCII ones are read as Latin-1, the same text)', () => {
    project = tempProject({
      'ascii.js': `exports.text = 'plain \\u00e9';\n`,
      'utf8.js': `exports.text = 'caf\u00e9 \u2192 \u2713';\n`,
    });
    const ascii = fresh(project.path('ascii.js'), project.path('cache')) as unknown as {
      text: string;
    };
    const utf8 = fresh(project.path('utf8.js'), project.path('cache')) as unknown as {
      text: string;
    };
    assert.equal(ascii.text, 'plain \u00e9');
    assert.equal(utf8.text, 'caf\u00e9 \u2192 \u2713');
  });

  it("has the build's digests right for the bundles it loads (npm run build)", () => {
    for (const name of ['typescript.js', 'cliMain.js']) {
      const file = join(ROOT, 'dist', name);
      const bytes = readFileSync(file);
      assert.equal(builtDigest(file), sha256(bytes), name);
    }
  });
});
