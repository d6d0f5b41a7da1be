// Language-server process: the index kept on disk across sessions, so that a second window answers
// at once. Per set of workspace folders, in a folder the client passes (its global storage), one
// JSON file for the apps and one for node_modules (core-flows: most of the bytes, read only when
// asked for). Keyed by the extension version and server build; each world (app) holds only while
// every file read for it (and every file outside all apps: node_modules) is unchanged, by mtime and
// size, or by content hash for workspace files. A corrupt, foreign or stale file is ignored.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { AnalyzerHost } from '../analysis/index';
import type { FileFacts } from './workspaceIndex';

const FORMAT = 1;

/** What a read found: [mtimeMs, size, sha1 of the text or ''] or 0 when the file was missing. */
type Stamp = [number, number, string] | 0;

interface CacheFile {
  format: number;
  key: string;
  deps: Record<string, Stamp>;
  worlds: Record<string, Record<string, FileFacts>>;
}

export const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

/** Wraps the analyzer's host to remember what every file looked like when it was read. */
export class ReadRecorder {
  readonly stamps = new Map<string, Stamp>();

  constructor(private readonly inner: AnalyzerHost) {}

  readonly host: AnalyzerHost = {
    readFile: (path) => {
      const stamp = this.stat(path);
      const text = this.inner.readFile(path);
      if (stamp !== 0 && text !== undefined && !/[\\/]node_modules[\\/]/.test(path)) {
        stamp[2] = sha1(text);
      }
      this.stamps.set(path, text === undefined ? 0 : stamp);
      return text;
    },
    fileExists: (path) => {
      const exists = this.inner.fileExists(path);
      if (!this.stamps.has(path)) this.stamps.set(path, exists ? this.stat(path) : 0);
      return exists;
    },
  };

  private stat(path: string): Stamp {
    try {
      const s = statSync(path);
      return [s.mtimeMs, s.size, ''];
    } catch {
      return 0;
    }
  }
}

function unchanged(path: string, stamp: Stamp): boolean {
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

/** The world (app root key) a read file is attributed to, or undefined (shared by all). */
function ownerOf(path: string, roots: Set<string>): string | undefined {
  for (let d = dirname(path); ;) {
    if (roots.has(d)) return d;
    const parent = dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

export class DiskCache {
  private readonly file: string;

  /** `dir`: where to keep it; `key`: extension version, server build, anything that must match;
   * `part`: which file of the set ('index' for the apps, 'external' for node_modules). */
  constructor(
    private readonly dir: string,
    folders: string[],
    private readonly key: string,
    private readonly log: (message: string) => void,
    part = 'index',
  ) {
    const folderKey = sha1(JSON.stringify([...folders].sort())).slice(0, 16);
    this.file = join(dir, `${part}-${folderKey}.json`);
  }

  /** The worlds whose every dependency is unchanged, with their files' facts. */
  load(): Map<string, Record<string, FileFacts>> {
    const out = new Map<string, Record<string, FileFacts>>();
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return out; // none yet: start cold
    }
    let data: CacheFile;
    try {
      data = JSON.parse(text) as CacheFile;
      if (typeof data !== 'object' || data === null) throw new Error('not an object');
      if (data.format === FORMAT && (typeof data.deps !== 'object' || data.deps === null))
        throw new Error('no dependency stamps');
      if (data.format === FORMAT && (typeof data.worlds !== 'object' || data.worlds === null))
        throw new Error('no worlds');
    } catch (error) {
      this.log(`index cache ${this.file} is corrupt, ignored (it is rewritten): ${String(error)}`);
      return out;
    }
    if (data.format !== FORMAT || data.key !== this.key) return out; // another version's
    const roots = new Set(Object.keys(data.worlds).filter((w) => isAbsolute(w)));
    const stale = new Set<string | undefined>();
    for (const [path, stamp] of Object.entries(data.deps)) {
      if (!unchanged(path, stamp)) stale.add(ownerOf(path, roots));
    }
    if (stale.has(undefined)) return out; // a shared file (node_modules) changed: all worlds
    for (const [world, files] of Object.entries(data.worlds)) {
      if (stale.has(world) || typeof files !== 'object' || files === null) continue;
      if (Object.values(files).every(isFacts)) out.set(world, files);
    }
    return out;
  }

  /** Writes the worlds given (atomically: a half-written file is never read). */
  save(worlds: Map<string, Record<string, FileFacts>>, stamps: Map<string, Stamp>): void {
    const data: CacheFile = {
      format: FORMAT,
      key: this.key,
      deps: Object.fromEntries(stamps),
      worlds: Object.fromEntries(worlds),
    };
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.file);
    } catch (error) {
      this.log(`could not write the index cache ${this.file}: ${String(error)}`);
    }
  }
}

function isFacts(f: unknown): f is FileFacts {
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
