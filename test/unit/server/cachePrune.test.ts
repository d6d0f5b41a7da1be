// Unit tests (mocha, Node) of the index cache folder's pruning (server/src/features/diskCache.ts):
// what no window will read again goes, anything recently used or not ours stays, and a read
// counts as a use.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CACHE_UNUSED_MS,
  pruneCacheDir,
  touchCacheFile,
} from '../../../server/src/features/diskCache';

const DAY = 24 * 3600 * 1000;

describe('language server: index cache folder pruning', () => {
  let dir: string;
  const now = Date.now();

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mw-cache-prune-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A file whose last use was `ageMs` before `now`. */
  function file(name: string, ageMs: number): void {
    writeFileSync(join(dir, name), '{}');
    const at = new Date(now - ageMs);
    utimesSync(join(dir, name), at, at);
  }

  it('deletes the old single-file formats, stray writes and files unused for 30 days', () => {
    const log: string[] = [];
    file('index-0123abcd.json', 0); // the format before one file per app: never read again
    file('external-89ef.json', 0);
    file('app-aaaaaaaaaaaaaaaaaaaa.json', CACHE_UNUSED_MS + DAY); // a project long gone
    file('packages-bbbbbbbbbbbbbbbbbbbb.json', CACHE_UNUSED_MS + DAY);
    file('app-cccccccccccccccccccc.json.4242.tmp', 2 * 3600 * 1000); // a window stopped mid-write
    file('app-dddddddddddddddddddd.json', DAY); // used yesterday
    file('packages-eeeeeeeeeeeeeeeeeeee.json', CACHE_UNUSED_MS - DAY);
    file('app-ffffffffffffffffffff.json.4343.tmp', 60 * 1000); // another window writing now
    file('notes.json', CACHE_UNUSED_MS * 3); // not ours
    const deleted = pruneCacheDir(dir, (m) => log.push(m), now);
    assert.deepEqual(deleted.sort(), [
      'app-aaaaaaaaaaaaaaaaaaaa.json',
      'app-cccccccccccccccccccc.json.4242.tmp',
      'external-89ef.json',
      'index-0123abcd.json',
      'packages-bbbbbbbbbbbbbbbbbbbb.json',
    ]);
    assert.deepEqual(readdirSync(dir).sort(), [
      'app-dddddddddddddddddddd.json',
      'app-ffffffffffffffffffff.json.4343.tmp',
      'notes.json',
      'packages-eeeeeeeeeeeeeeeeeeee.json',
    ]);
    assert.deepEqual(log, [`index cache: deleted 5 stale file(s) in ${dir}`]);
  });

  it('keeps a file that was read recently, however old its last write', () => {
    file('app-aaaaaaaaaaaaaaaaaaaa.json', CACHE_UNUSED_MS + DAY);
    touchCacheFile(join(dir, 'app-aaaaaaaaaaaaaaaaaaaa.json'));
    assert.ok(now - statSync(join(dir, 'app-aaaaaaaaaaaaaaaaaaaa.json')).mtimeMs < DAY);
    assert.deepEqual(
      pruneCacheDir(dir, () => undefined, now),
      [],
    );
    assert.deepEqual(readdirSync(dir), ['app-aaaaaaaaaaaaaaaaaaaa.json']);
  });

  it('does nothing, quietly, when there is no cache folder yet', () => {
    const log: string[] = [];
    assert.deepEqual(
      pruneCacheDir(join(dir, 'none'), (m) => log.push(m), now),
      [],
    );
    assert.deepEqual(log, []);
  });
});
