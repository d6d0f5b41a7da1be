// Unit tests (mocha, Node): engine/src/host/userCache.ts, the one check that a cache folder of
// code to run is the user's own, shared by the transpile cache and the compiler's V8 code cache.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isPrivateDir, userCacheDir } from '../../../engine/src/host/userCache';
import { tempProject, type TempProject } from './tempProject';

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
});
