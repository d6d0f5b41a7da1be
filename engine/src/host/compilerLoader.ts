// Bundled into every shipped bundle that uses TypeScript (esbuild.mjs maps `typescript` here):
// loads dist/typescript.js with a V8 code cache in the user's own cache directory, so a process
// that needs the compiler (the debug adapter's analysis, a cold transpile, the language server)
// skips most of parsing and compiling its 4 MB. Falls back to a plain load on any trouble.
// The cache key is the content's SHA-256: written beside the bundle by the build (esbuild.mjs,
// `<file>.sha256`, checked against the file's size), else computed here. Writing a new cache
// prunes the folder of caches no process used for a month (userCache.ts).
import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { isPrivateDir, markUsed, pruneCacheFolder, userCacheDir } from './userCache';

/** The per-user code cache directory (V8 runs what it finds there: never a shared directory). */
export function defaultCodeCacheDir(): string {
  return userCacheDir('v8');
}

type Loaded = { module: Module; fresh: boolean; script: Script };

/** `require(file)`, with the code cache; `cacheDir` null: no disk cache. */
export function loadCompiler(
  file: string,
  cacheDir: string | null = defaultCodeCacheDir(),
): unknown {
  const known = require.cache[file];
  if (known) return known.exports;
  const source = readSource(file);
  const dir = cacheDir !== null && isPrivateDir(cacheDir) ? cacheDir : undefined;
  const cacheFile = dir && join(dir, `${cacheKey(file, source)}.bin`);
  const loaded = evaluate(file, source, cacheFile ? readOrUndefined(cacheFile) : undefined);
  if (cacheFile && !loaded.fresh) markUsed(cacheFile);
  if (dir && cacheFile && loaded.fresh) {
    // After the caller's first use, so the functions it ran are in the cache too; at exit at the
    // latest (a CLI command may end before the next turn).
    let written = false;
    const write = (): void => {
      if (written) return;
      written = true;
      process.off('exit', write);
      writeCache(cacheFile, loaded.script);
      pruneCacheFolder(dir);
    };
    setImmediate(write);
    process.on('exit', write);
  }
  return loaded.module.exports;
}

/** Keyed by content, Node and CPU: V8 itself checks little more than the source length. */
function cacheKey(file: string, source: string): string {
  const digest = builtDigest(file);
  if (digest) return `${digest}-${process.version}-${process.arch}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256')
    .update(`${process.version}\0${process.arch}\0`)
    .update(source)
    .digest('hex');
}

/** The digest the build wrote beside `file` (`<file>.sha256`: its SHA-256 and byte size), if the
 * file still has that size; undefined otherwise, and the caller hashes the content. Hashing the
 * 4 MB compiler, with loading node:crypto, took about 20 ms of every cold start of the server,
 * the adapter's analysis and the CLI. `npm run watch` writes no digests (esbuild.mjs). */
export function builtDigest(file: string): string | undefined {
  try {
    const [hex, size] = readFileSync(`${file}.sha256`, 'utf8').trim().split(' ');
    if (!/^[0-9a-f]{64}$/.test(hex ?? '') || Number(size) !== statSync(file).size) return undefined;
    return hex;
  } catch {
    return undefined;
  }
}

function evaluate(file: string, source: string, cachedData: Buffer | undefined): Loaded {
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const module = new Module(file);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(
    dirname(file),
  );
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  require.cache[file] = module;
  try {
    wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;
  return { module, script, fresh: cachedData === undefined || script.cachedDataRejected === true };
}

/** The file's text. Our bundles are ASCII (esbuild escapes the rest), and reading them as Latin-1
 * skips decoding UTF-8: 4 MB of compiler took 30-40 ms that way, a third of that as bytes. */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, script: Script): void {
  try {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written only costs speed.
  }
}
