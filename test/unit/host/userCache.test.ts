// Unit tests (mocha, Node): engine/src/host/userCache.ts, the one check that a cache folder of
// code to run is the user's own, shared by the transpile cache and the compiler's V8 code cache,
// and the pruning that keeps such a folder from growing with each compiler and each edit.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompiler } from '../../../engine/src/host/compilerLoader';
import { Transpiler } from '../../../engine/src/host/transpile';
import {
  isPrivateDir,
  markUsed,
  pruneCacheFolder,
  UNUSED_MS,
  userCacheDir,
} from '../../../engine/src/host/userCache';
import { tempProject, type TempProject } from './tempProject';

const DAY = 24 * 3600 * 1000;
const key = (c: string): string => c.repeat(64);
/** Sets a file's time `ms` before `now`. */
function age(file: string, ms: number, now = Date.now()): void {
  const t = new Date(now - ms);
  utimesSync(file, t, t);
}

describe('host/userCache', () => {
  let project: TempProject;
  afterEach(() => project?.remove());

  it('creates a missing folder readable and writable by its user only, and accepts it', () => {
    project = tempProject();
    const dir = project.path('a/b/cache');
    assert.equal(isPrivateDir(dir), true);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  });

  it('refuses a folder that its group or others can write to', () => {
    project = tempProject();
    for (const mode of [0o777, 0o770, 0o702]) {
      const dir = project.path(`shared-${mode.toString(8)}`);
      mkdirSync(dir);
      chmodSync(dir, mode);
      assert.equal(isPrivateDir(dir), false, mode.toString(8));
    }
    const readable = project.path('readable');
    mkdirSync(readable);
    chmodSync(readable, 0o755);
    assert.equal(isPrivateDir(readable), true);
  });

  it('refuses a path that cannot be a folder', () => {
    project = tempProject({ file: 'x' });
    assert.equal(isPrivateDir(join(project.path('file'), 'cache')), false);
  });

  it('keeps each cache under XDG_CACHE_HOME/medusa-workflows when it is set', () => {
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = '/tmp/xdg';
    try {
      assert.equal(userCacheDir('v8'), join('/tmp/xdg', 'medusa-workflows', 'v8'));
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });

  describe('pruning', () => {
    it('deletes cache files unused for a month and stray temporaries, and nothing else', () => {
      project = tempProject();
      const now = Date.now();
      const files = {
        oldCode: `${key('a')}-v20.20.2-x64.bin`,
        oldTranspiled: `${key('b')}.js`,
        recentCode: `${key('c')}-v22.1.0-arm64.bin`,
        recentTranspiled: `${key('d')}.js`,
        strayTmp: `${key('e')}.js.4242.tmp`,
        writingTmp: `${key('f')}.bin.4243.tmp`,
        notOurs: 'notes.txt',
        oldNotOurs: 'abc.js',
      };
      for (const name of Object.values(files)) project.write(`cache/${name}`, 'x');
      const dir = project.path('cache');
      age(join(dir, files.oldCode), UNUSED_MS + DAY, now);
      age(join(dir, files.oldTranspiled), UNUSED_MS + 1000, now);
      age(join(dir, files.recentCode), UNUSED_MS - DAY, now);
      age(join(dir, files.strayTmp), 2 * 3600 * 1000, now);
      age(join(dir, files.writingTmp), 60 * 1000, now);
      age(join(dir, files.oldNotOurs), 400 * DAY, now);
      const deleted = pruneCacheFolder(dir, now);
      assert.deepEqual(deleted.sort(), [files.oldCode, files.oldTranspiled, files.strayTmp].sort());
      assert.deepEqual(
        readdirSync(dir).sort(),
        [
          '.pruned',
          files.recentCode,
          files.recentTranspiled,
          files.writingTmp,
          files.notOurs,
          files.oldNotOurs,
        ].sort(),
      );
    });

    it('prunes a folder at most once a day', () => {
      project = tempProject();
      const dir = project.path('cache');
      const now = Date.now();
      const first = project.write(`cache/${key('a')}.js`, 'x');
      age(first, UNUSED_MS + DAY, now);
      assert.equal(pruneCacheFolder(dir, now).length, 1);
      const second = project.write(`cache/${key('b')}.js`, 'x');
      age(second, UNUSED_MS + DAY, now);
      assert.deepEqual(pruneCacheFolder(dir, now + 3600 * 1000), [], 'pruned an hour ago');
      assert.deepEqual(pruneCacheFolder(dir, now + DAY + 1000), [`${key('b')}.js`]);
    });

    it('is quiet about a folder that does not exist', () => {
      project = tempProject();
      assert.deepEqual(pruneCacheFolder(project.path('missing')), []);
    });

    it('marks a file used once a day at most', () => {
      project = tempProject();
      const file = project.write('cache/f.js', 'x');
      const now = Date.now();
      age(file, 10 * DAY, now);
      markUsed(file, now);
      assert.ok(Math.abs(statSync(file).mtimeMs - now) < 1000, 'an old file is marked');
      age(file, 3600 * 1000, now);
      markUsed(file, now);
      assert.ok(now - statSync(file).mtimeMs >= 3600 * 1000 - 1000, 'a recent one is left');
    });

    it('a code cache read marks its file used, and a new one written prunes the folder', async () => {
      project = tempProject({ 'compiler.js': `exports.answer = 42;\n` });
      const file = project.path('compiler.js');
      const cache = project.path('v8');
      const stale = project.write(`v8/${key('0')}-v18.0.0-x64.bin`, 'x');
      age(stale, UNUSED_MS + DAY);
      delete require.cache[file];
      loadCompiler(file, cache);
      await new Promise((r) => setImmediate(r));
      const [written] = readdirSync(cache).filter((n) => n.endsWith('.bin'));
      assert.ok(written, 'a code cache was written');
      assert.deepEqual(
        readdirSync(cache).sort(),
        ['.pruned', written].sort(),
        'the stale one went',
      );
      age(join(cache, written), 40 * DAY);
      delete require.cache[file];
      loadCompiler(file, cache);
      assert.ok(Date.now() - statSync(join(cache, written)).mtimeMs < DAY, 'read: marked used');
      delete require.cache[file];
    });

    it('a transpile cache read marks its file used, and the first write prunes the folder', () => {
      project = tempProject();
      const cache = project.path('transpile');
      const stale = project.write(`transpile/${key('0')}.js`, 'x');
      age(stale, UNUSED_MS + DAY);
      new Transpiler(cache).transpile('/w/a.ts', 'export const a: number = 1;\n');
      const [entry, ...rest] = readdirSync(cache).filter((n) => n.endsWith('.js'));
      assert.ok(entry && rest.length === 0, `one entry: ${readdirSync(cache).join(', ')}`);
      age(join(cache, entry), 40 * DAY);
      new Transpiler(cache).transpile('/w/a.ts', 'export const a: number = 1;\n');
      assert.ok(Date.now() - statSync(join(cache, entry)).mtimeMs < DAY, 'read: marked used');
    });
  });
});
