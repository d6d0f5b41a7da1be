// Language-server process: the primitives of the index kept on disk (indexCache.ts builds the
// per-app and per-package files on them): what a file looked like when the analyzer read it (a
// stamp), whether it still looks so, cache files read and written whole, and the cache folder
// pruned of files no window will read again. Imported by indexCache.ts and server.ts.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { AnalyzerHost } from '../analysis/index';
import type { FileFacts } from './workspaceIndex';

/** What a read found: [mtimeMs, size, sha1 of the text or ''] or 0 when the file was missing. */
export type Stamp = [number, number, string] | 0;

export const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

export const inNodeModules = (path: string): boolean => /[\\/]node_modules[\\/]/.test(path);

/** Wraps the analyzer's host to remember what every file looked like when it was read. */
export class ReadRecorder {
  readonly stamps = new Map<string, Stamp>();

  constructor(private readonly inner: AnalyzerHost) {}

  readonly host: AnalyzerHost = {
    readFile: (path) => {
      const stamp = statStamp(path);
      const text = this.inner.readFile(path);
      if (stamp !== 0 && text !== undefined && !inNodeModules(path)) stamp[2] = sha1(text);
      this.stamps.set(path, text === undefined ? 0 : stamp);
      return text;
    },
    fileExists: (path) => {
      const exists = this.inner.fileExists(path);
      if (!this.stamps.has(path)) this.stamps.set(path, exists ? statStamp(path) : 0);
      return exists;
    },
  };
}

function statStamp(path: string): Stamp {
  try {
    const s = statSync(path);
    return [s.mtimeMs, s.size, ''];
  } catch {
    return 0;
  }
}

/** Whether `path` still looks as `stamp` says (same mtime and size, or same text when hashed). */
export function unchanged(path: string, stamp: Stamp): boolean {
  let s;
  try {
    s = statSync(path);
  } catch {
    return stamp === 0;
  }
  if (stamp === 0 || !Array.isArray(stamp)) return false;
  if (s.mtimeMs === stamp[0] && s.size === stamp[1]) return true;
  if (!stamp[2] || s.size !== stamp[1]) return false;
  try {
    return sha1(readFileSync(path, 'utf8')) === stamp[2];
  } catch {
    return false;
  }
}

/** `unchanged`, remembered per path for a while (many apps' files name the same packages). */
export class StampChecker {
  private readonly seen = new Map<string, boolean>();

  check(path: string, stamp: Stamp): boolean {
    const key = `${path}\0${JSON.stringify(stamp)}`;
    let ok = this.seen.get(key);
    if (ok === undefined) this.seen.set(key, (ok = unchanged(path, stamp)));
    return ok;
  }

  /** Whether every file of `deps` is unchanged (stops at the first that is not). */
  all(deps: Iterable<[string, Stamp]>): boolean {
    for (const [path, stamp] of deps) if (!this.check(path, stamp)) return false;
    return true;
  }
}

/** Reads and parses a cache file: undefined when there is none, 'corrupt' (logged) when it
 * cannot be parsed or lacks the fields `valid` wants. */
export function readCacheFile<T>(
  file: string,
  valid: (data: Record<string, unknown>) => string | undefined,
  log: (message: string) => void,
): { data: T; text: string } | 'corrupt' | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // none yet: start cold
  }
  try {
    const data = JSON.parse(text) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new Error('not an object');
    const problem = valid(data as Record<string, unknown>);
    if (problem) throw new Error(problem);
    return { data: data as T, text };
  } catch (error) {
    log(`index cache ${file} is corrupt, ignored (it is rewritten): ${String(error)}`);
    return 'corrupt';
  }
}

/** Writes a cache file atomically: another window reading (or writing) it at the same time sees
 * a whole file, the old one or the new one, never half of one. */
export function writeCacheFile(file: string, text: string, log: (message: string) => void): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (error) {
    log(`could not write the index cache ${file}: ${String(error)}`);
  }
}

/** Marks a cache file as used now (a read does not change its time; pruning goes by it). */
export function touchCacheFile(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // gone meanwhile (another window pruned it): it is written again after indexing
  }
}

/** A per-app or per-package file no window read or wrote for this long is deleted. */
export const CACHE_UNUSED_MS = 30 * 24 * 3600 * 1000;
/** A temporary file older than this was left by a window that stopped while writing. */
const STRAY_TMP_MS = 3600 * 1000;

/** Deletes what no window will read again from the cache folder: the single-file formats before
 * one file per app (`index-*.json`, `external-*.json`), temporary files a stopped window left
 * (`*.tmp`, after an hour) and app or package files unused for CACHE_UNUSED_MS (a deleted or
 * long-closed project). Other files are not ours and stay. Returns the names deleted. */
export function pruneCacheDir(
  dir: string,
  log: (message: string) => void,
  now = Date.now(),
): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // no cache folder yet
  }
  const deleted: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let age: number;
    try {
      age = now - statSync(file).mtimeMs;
    } catch {
      continue;
    }
    const stale =
      /^(index|external)-[0-9a-f]+\.json$/.test(name) ||
      (/^(app|packages)-[0-9a-f]+\.json\.\d+\.tmp$/.test(name) && age > STRAY_TMP_MS) ||
      (/^(app|packages)-[0-9a-f]+\.json$/.test(name) && age > CACHE_UNUSED_MS);
    if (!stale) continue;
    try {
      unlinkSync(file);
      deleted.push(name);
    } catch (error) {
      log(`could not delete the stale index cache file ${file}: ${String(error)}`);
    }
  }
  if (deleted.length > 0) log(`index cache: deleted ${deleted.length} stale file(s) in ${dir}`);
  return deleted;
}

export function isFacts(f: unknown): f is FileFacts {
  const x = f as FileFacts;
  return (
    typeof x === 'object' &&
    x !== null &&
    Array.isArray(x.workflows) &&
    Array.isArray(x.steps) &&
    Array.isArray(x.diagnostics) &&
    typeof x.external === 'boolean'
  );
}

/** Whether `files` maps file names to facts. */
export function isFactsRecord(files: unknown): files is Record<string, FileFacts> {
  return (
    typeof files === 'object' &&
    files !== null &&
    !Array.isArray(files) &&
    Object.values(files).every(isFacts)
  );
}
