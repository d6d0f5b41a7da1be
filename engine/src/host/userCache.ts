// Node host, and the compiler loader bundled into every bundle: where a process keeps code it
// will run later (transpiled workflow files, V8 code caches), the check that nobody else can
// write there, and the pruning that keeps such a folder from growing. Imported by transpile.ts
// and compilerLoader.ts.
import { mkdirSync, readdirSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `<XDG_CACHE_HOME or ~/.cache>/medusa-workflows/<name>`: the user's own cache folder. */
export function userCacheDir(name: string): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'medusa-workflows', name);
}

/** Creates `dir` (0700) when missing; true only when it is ours and neither group nor others may
 * write to it: what is cached there gets executed. */
export function isPrivateDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = statSync(dir);
    const uid = process.getuid?.();
    return (uid === undefined || stat.uid === uid) && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

const DAY_MS = 24 * 3600 * 1000;
/** A cache file no process read or wrote for this long is deleted. */
export const UNUSED_MS = 30 * DAY_MS;
/** A temporary file older than this was left by a process that stopped while writing it. */
const STRAY_TMP_MS = 3600 * 1000;
/** Our cache files: a SHA-256 key, then (V8 code caches) the Node version and CPU. */
const CACHED = /^[0-9a-f]{64}(-[\w.]+)*\.(js|bin)$/;
const TEMPORARY = /^[0-9a-f]{64}(-[\w.]+)*\.(js|bin)\.\d+\.tmp$/;
/** Its time is when the folder was last pruned. */
const MARKER = '.pruned';

/** Marks a cache file as used (a read leaves its time alone, and pruning goes by it); at most
 * once a day, so a read costs one stat. */
export function markUsed(file: string, now = Date.now()): void {
  try {
    if (now - statSync(file).mtimeMs < DAY_MS) return;
    const time = new Date(now);
    utimesSync(file, time, time);
  } catch {
    // gone meanwhile: it is written again when next needed
  }
}

/** Deletes from `dir` the cache files unused for UNUSED_MS (an older compiler or extension, an
 * edited workflow file) and the temporary files a stopped process left (after an hour); at most
 * once a day per folder (`.pruned`). Files not named as ours stay. Returns the names deleted. */
export function pruneCacheFolder(dir: string, now = Date.now()): string[] {
  const marker = join(dir, MARKER);
  try {
    if (now - statSync(marker).mtimeMs < DAY_MS) return [];
  } catch {
    // never pruned
  }
  let names: string[];
  try {
    names = readdirSync(dir);
    writeFileSync(marker, '');
    const time = new Date(now);
    utimesSync(marker, time, time);
  } catch {
    return []; // no folder, or not ours to write
  }
  const deleted: string[] = [];
  for (const name of names) {
    const limit = CACHED.test(name) ? UNUSED_MS : TEMPORARY.test(name) ? STRAY_TMP_MS : undefined;
    if (limit === undefined) continue;
    try {
      const file = join(dir, name);
      if (now - statSync(file).mtimeMs <= limit) continue;
      unlinkSync(file);
      deleted.push(name);
    } catch {
      // in use (Windows) or gone meanwhile: next time
    }
  }
  return deleted;
}
