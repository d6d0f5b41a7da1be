// Node host, and the compiler loader bundled into every bundle: where a process keeps code it
// will run later (transpiled workflow files, V8 code caches) and the check that nobody else can
// write there. Imported by transpile.ts and compilerLoader.ts.
import { mkdirSync, statSync } from 'node:fs';
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
