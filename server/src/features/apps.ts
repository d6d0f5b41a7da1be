// Language-server process: which app (the "world" of every cross-file rule) a file belongs to.
// An app is the nearest folder whose package.json depends on a @medusajs package, else the
// nearest folder with a tsconfig.json. Imported by workspaceIndex.ts and indexing.ts.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The key of the files that belong to no app (loose files, or none of the above above them). */
export const LOOSE = '';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function dependsOnMedusa(pkgJson: string): boolean {
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
  } catch {
    return false;
  }
  if (typeof pkg !== 'object' || pkg === null) return false;
  const p = pkg as Record<string, unknown>;
  return [p.dependencies, p.devDependencies, p.peerDependencies].some(
    (deps) =>
      typeof deps === 'object' &&
      deps !== null &&
      Object.keys(deps).some((name) => name.startsWith('@medusajs/')),
  );
}

/** Finds app roots, caching per folder; `clear()` after package.json/tsconfig.json changes. */
export class AppRoots {
  private readonly medusaDir = new Map<string, string | undefined>();
  private readonly tsconfigDir = new Map<string, string | undefined>();

  clear(): void {
    this.medusaDir.clear();
    this.tsconfigDir.clear();
  }

  /** The app root of a file, or LOOSE. */
  of(file: string): string {
    const dir = dirname(file);
    return (
      this.nearest(dir, this.medusaDir, (d) => dependsOnMedusa(join(d, 'package.json'))) ??
      this.nearest(dir, this.tsconfigDir, (d) => isFile(join(d, 'tsconfig.json'))) ??
      LOOSE
    );
  }

  private nearest(
    dir: string,
    cache: Map<string, string | undefined>,
    test: (dir: string) => boolean,
  ): string | undefined {
    const walked: string[] = [];
    let found: string | undefined;
    for (let d = dir; ;) {
      if (cache.has(d)) {
        found = cache.get(d);
        break;
      }
      walked.push(d);
      if (test(d)) {
        found = d;
        break;
      }
      const parent = dirname(d);
      if (parent === d) break;
      d = parent;
    }
    for (const d of walked) cache.set(d, found);
    return found;
  }
}
