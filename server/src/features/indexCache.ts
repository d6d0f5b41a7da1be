// Language-server process: the index kept on disk across sessions, so that a second window answers
// at once. In a folder the client passes (its global storage): one file per app (world), named by
// the app's path, so that the opened file's app is read and checked alone, before the others; and
// one file per set of installed packages for node_modules' world (core-flows), named by the
// packages' real paths and versions with file names kept relative to their node_modules, so that
// every workspace using the same installed package shares it. Each file is keyed by the extension
// version and server build and holds only while every file read for it is unchanged (by mtime and
// size, or content hash for workspace files). A corrupt, foreign or stale file is ignored.
// Created by cacheLoader.ts.
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import {
  inNodeModules,
  isFactsRecord,
  pruneCacheDir,
  readCacheFile,
  sha1,
  touchCacheFile,
  writeCacheFile,
  type Stamp,
  type StampChecker,
} from './diskCache';
import type { FileFacts } from './workspaceIndex';

const FORMAT = 2;

type Facts = Record<string, FileFacts>;

interface AppFile {
  format: number;
  key: string;
  world: string;
  deps: Record<string, Stamp>;
  files: Facts;
}

interface PackagesFile {
  format: number;
  key: string;
  packages: [string, string][];
  deps: Record<string, Stamp>;
  files: Facts;
}

/** An installed package as the workspace reaches it (`dir`) and as it really is. */
export interface InstalledPackage {
  dir: string;
  real: string;
  version: string;
  /** The node_modules folder holding it: file names are kept relative to it. */
  nodeModules: string;
}

export function installedPackage(dir: string): InstalledPackage {
  let real = dir;
  try {
    real = realpathSync.native(dir);
  } catch {
    // kept as reached
  }
  let version = '';
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    if (typeof pkg.version === 'string') version = pkg.version;
  } catch {
    // no version: the files' stamps still decide
  }
  const at = dir.lastIndexOf(`${sep}node_modules${sep}`);
  const nodeModules = at >= 0 ? dir.slice(0, at + `${sep}node_modules`.length) : dirname(dir);
  return { dir, real, version, nodeModules };
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

/** The node_modules folders a package's imports can reach (its own, then each ancestor's). */
function reachableNodeModules(pkg: InstalledPackage): Set<string> {
  const out = new Set<string>();
  for (let d = pkg.dir; ; d = dirname(d)) {
    out.add(join(d, 'node_modules'));
    if (dirname(d) === d) return out;
  }
}

/** Maps file names to and from a form relative to the packages' node_modules folders. */
class Relocation {
  constructor(private readonly packages: InstalledPackage[]) {}

  /** `outside`: what to do with a name under none of the folders (kept, or made relative to the
   * first: a dependency stamp must name the file the same walk would reach elsewhere). */
  encode(path: string, outside: 'keep' | 'relative' = 'keep'): string {
    for (const [i, p] of this.packages.entries()) {
      if (path.startsWith(p.nodeModules + sep)) return `\0${i}/${relative(p.nodeModules, path)}`;
    }
    const first = this.packages[0];
    return outside === 'relative' && first ? `\0${0}/${relative(first.nodeModules, path)}` : path;
  }

  decode(name: string): string {
    const m = /^\0(\d+)\/(.*)$/s.exec(name);
    const p = m ? this.packages[Number(m[1])] : undefined;
    return m && p ? join(p.nodeModules, m[2]!) : name;
  }

  /** Every file name (key) and every string value that is an absolute file name under a
   * package's node_modules, encoded. */
  encodeFacts(files: Facts): Facts {
    const replacer = (_k: string, v: unknown): unknown =>
      typeof v === 'string' && isAbsolute(v) ? this.encode(v) : v;
    return Object.fromEntries(
      Object.entries(files).map(([k, v]) => [
        this.encode(k),
        JSON.parse(JSON.stringify(v, replacer)) as FileFacts,
      ]),
    );
  }

  decodeFacts(files: Facts): Facts {
    const replacer = (_k: string, v: unknown): unknown =>
      typeof v === 'string' && v.startsWith('\0') ? this.decode(v) : v;
    return Object.fromEntries(
      Object.entries(files).map(([k, v]) => [
        this.decode(k),
        JSON.parse(JSON.stringify(v, replacer)) as FileFacts,
      ]),
    );
  }
}

function validFile(data: Record<string, unknown>): string | undefined {
  if (data.format !== FORMAT) return undefined; // another format: not ours to judge
  if (typeof data.deps !== 'object' || data.deps === null) return 'no dependency stamps';
  if (!isFactsRecord(data.files)) return 'no file facts';
  return undefined;
}

export class IndexCache {
  /** The hash of the text last read or written per cache file: an unchanged world is not
   * written again (the hash, not the text: the index is in memory already). */
  private readonly known = new Map<string, string>();

  /** `dir`: where the files live; `key`: extension version, server build, anything that must
   * match; `folders`: the workspace folders (they name the world of files outside every app). */
  constructor(
    private readonly dir: string,
    private readonly key: string,
    private readonly folders: string[],
    private readonly log: (message: string) => void,
  ) {}

  /** The cache file of an app's world ('' is the files outside every app: per set of folders). */
  appFile(world: string): string {
    const name = isAbsolute(world) ? world : `loose:${JSON.stringify([...this.folders].sort())}`;
    return join(this.dir, `app-${sha1(name).slice(0, 20)}.json`);
  }

  packagesFile(packages: InstalledPackage[]): string {
    const id = JSON.stringify(packages.map((p) => [p.real, p.version]));
    return join(this.dir, `packages-${sha1(id).slice(0, 20)}.json`);
  }

  /** The world's files' facts when its cache file exists and every file read for it is
   * unchanged; undefined otherwise. */
  loadWorld(world: string, checker: StampChecker): Facts | undefined {
    const file = this.appFile(world);
    const read = readCacheFile<AppFile>(file, validFile, this.log);
    if (read === undefined || read === 'corrupt') return undefined;
    const { data, text } = read;
    if (data.format !== FORMAT || data.key !== this.key || data.world !== world) return undefined;
    if (!checker.all(Object.entries(data.deps))) return undefined;
    this.known.set(file, sha1(text));
    touchCacheFile(file);
    return data.files;
  }

  /** Writes each world's file; a world holds the stamps of the files read under its root and of
   * those under no app's root (shared), not those of other apps. */
  saveWorlds(worlds: Map<string, Facts>, allWorlds: string[], stamps: Map<string, Stamp>): void {
    const roots = new Set(allWorlds.filter((w) => isAbsolute(w)));
    const byOwner = new Map<string | undefined, [string, Stamp][]>();
    for (const entry of stamps) {
      const owner = ownerOf(entry[0], roots);
      let list = byOwner.get(owner);
      if (!list) byOwner.set(owner, (list = []));
      list.push(entry);
    }
    const shared = byOwner.get(undefined) ?? [];
    for (const [world, files] of worlds) {
      const own = isAbsolute(world) ? (byOwner.get(world) ?? []) : [];
      const data: AppFile = {
        format: FORMAT,
        key: this.key,
        world,
        deps: Object.fromEntries([...own, ...shared]),
        files,
      };
      this.write(this.appFile(world), JSON.stringify(data));
    }
  }

  /** node_modules' world (facts of these packages' files) when its file exists and every file
   * read under the node_modules folders the packages reach is unchanged. */
  loadPackages(packages: InstalledPackage[], checker: StampChecker): Facts | undefined {
    if (packages.length === 0) return undefined;
    const file = this.packagesFile(packages);
    const read = readCacheFile<PackagesFile>(file, validFile, this.log);
    if (read === undefined || read === 'corrupt') return undefined;
    const { data, text } = read;
    if (data.format !== FORMAT || data.key !== this.key) return undefined;
    const ids = JSON.stringify(packages.map((p) => [p.real, p.version]));
    if (JSON.stringify(data.packages) !== ids) return undefined;
    const at = new Relocation(packages);
    const deps = Object.entries(data.deps).map(([p, s]): [string, Stamp] => [at.decode(p), s]);
    if (!checker.all(deps)) return undefined;
    this.known.set(file, sha1(text));
    touchCacheFile(file);
    return at.decodeFacts(data.files);
  }

  /** Writes node_modules' world with the stamps of every file read under a node_modules folder
   * the packages reach (a superset of what their analysis read: other packages they import). */
  savePackages(packages: InstalledPackage[], files: Facts, stamps: Map<string, Stamp>): void {
    if (packages.length === 0) return;
    const reach = new Set(packages.flatMap((p) => [...reachableNodeModules(p)]));
    const at = new Relocation(packages);
    const deps: Record<string, Stamp> = {};
    for (const [path, stamp] of stamps) {
      if (!inNodeModules(path)) continue;
      const parts = path.split(sep);
      const reached = parts.some(
        (part, i) => part === 'node_modules' && reach.has(parts.slice(0, i + 1).join(sep)),
      );
      if (reached) deps[at.encode(path, 'relative')] = stamp;
    }
    const data: PackagesFile = {
      format: FORMAT,
      key: this.key,
      packages: packages.map((p) => [p.real, p.version]),
      deps,
      files: at.encodeFacts(files),
    };
    this.write(this.packagesFile(packages), JSON.stringify(data));
  }

  /** Deletes the files of the cache folder no window will read again (diskCache.ts). */
  prune(): void {
    pruneCacheDir(this.dir, this.log);
  }

  private write(file: string, text: string): void {
    const hash = sha1(text);
    if (this.known.get(file) === hash) return;
    writeCacheFile(file, text, this.log);
    this.known.set(file, hash);
  }
}
