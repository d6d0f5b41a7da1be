// TypeScript/JavaScript -> CommonJS with an inline source map: sucrase for the usual files
// (quickTranspile.ts), else `typescript`'s transpileModule (no type checking). Cached in memory
// and, optionally, on disk by content hash (pruned of entries unused for a month, userCache.ts).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as TS from 'typescript';
import { version as TS_VERSION } from 'typescript/package.json';
import { LoadError } from './loadError';
import { QUICK_VERSION, quickTranspile } from './quickTranspile';
import { isPrivateDir, markUsed, pruneCacheFolder, userCacheDir } from './userCache';

/** Bumped whenever the compiler options below change, so old disk cache entries are ignored. */
const OPTIONS_VERSION = 3;

let tsModule: typeof TS | undefined;
function typescript(): typeof TS {
  // Loaded on first need: a warm disk cache never pays for parsing the compiler.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tsModule ??= require('typescript') as typeof TS;
  return tsModule;
}

/** The per-user disk cache: code found there is executed, so it must not be a shared dir. */
export function defaultCacheDir(): string {
  return userCacheDir('transpile');
}

export class Transpiler {
  private readonly memory = new Map<string, string>();
  private usable: boolean | undefined;
  private pruned = false;

  constructor(private readonly cacheDir?: string) {}

  /** Returns CommonJS code for `source` (the content of `filename`). Throws LoadError('syntax'). */
  transpile(filename: string, source: string): string {
    // node:crypto on first use: a run of plain CommonJS never transpiles, and never loads it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    const key = createHash('sha256')
      .update(`${OPTIONS_VERSION}\0${TS_VERSION}\0${QUICK_VERSION}\0${filename}\0${source}`)
      .digest('hex');
    const cached = this.memory.get(key) ?? this.readDisk(key);
    if (cached !== undefined) {
      this.memory.set(key, cached);
      return cached;
    }
    const code = quickTranspile(filename, source) ?? compile(filename, source);
    this.memory.set(key, code);
    this.writeDisk(key, code);
    return code;
  }

  private readDisk(key: string): string | undefined {
    if (!this.cacheDir || !this.diskUsable(this.cacheDir)) return undefined;
    try {
      const file = join(this.cacheDir, `${key}.js`);
      const code = readFileSync(file, 'utf8');
      markUsed(file);
      return code;
    } catch {
      return undefined;
    }
  }

  private writeDisk(key: string, code: string): void {
    if (!this.cacheDir || !this.diskUsable(this.cacheDir)) return;
    try {
      const target = join(this.cacheDir, `${key}.js`);
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, code);
      renameSync(temp, target);
    } catch {
      // A cache that cannot be written only costs speed.
    }
    // Each edit of a workflow file adds an entry: the folder is pruned once per process.
    if (!this.pruned) pruneCacheFolder(this.cacheDir);
    this.pruned = true;
  }

  /** Checked once: its files are run as code, so only a directory of ours (userCache.ts). */
  private diskUsable(dir: string): boolean {
    this.usable ??= isPrivateDir(dir);
    return this.usable;
  }
}

function compile(filename: string, source: string): string {
  const ts = typescript();
  // TypeScript always emits ESM for .mts/.mjs; compile them as .ts/.js to get CommonJS.
  const out = ts.transpileModule(source, {
    fileName: filename.replace(/\.m([tj])s$/, '.$1s'),
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      // Medusa projects compile to ES2021 (class fields assigned in the constructor).
      target: ts.ScriptTarget.ES2021,
      esModuleInterop: true,
      allowJs: true,
      experimentalDecorators: true,
      jsx: ts.JsxEmit.ReactJSX,
      inlineSourceMap: true,
      inlineSources: true,
    },
  });
  const first = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (first) throw syntaxError(ts, filename, first);
  return pointMapAt(out.outputText, filename);
}

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

/** Names the real file (absolute) as the map's source, whatever name TypeScript compiled under. */
function pointMapAt(code: string, filename: string): string {
  const match = INLINE_MAP.exec(code);
  if (!match?.[1]) return code;
  const map = JSON.parse(Buffer.from(match[1], 'base64').toString('utf8')) as {
    sources: string[];
    file?: string;
  };
  map.sources = [filename];
  delete map.file;
  const encoded = Buffer.from(JSON.stringify(map)).toString('base64');
  return `${code.slice(0, match.index)}//# sourceMappingURL=data:application/json;base64,${encoded}\n`;
}

function syntaxError(ts: typeof TS, filename: string, d: TS.Diagnostic): LoadError {
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  if (!d.file || d.start === undefined) return new LoadError('syntax', `${filename}: ${message}`);
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const location = { file: filename, line: line + 1, column: character + 1 };
  return new LoadError(
    'syntax',
    `${filename}:${location.line}:${location.column}: ${message}`,
    location,
  );
}
