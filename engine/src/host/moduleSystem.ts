// A small CommonJS module system for user workflow files: TS/JS files of the user's project are
// transpiled and evaluated here; the workflows SDK resolves to the engine handed in; everything
// else (packages, JSON, builtins) goes through Node's own require from the importing file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { runsAsIs } from './plainScript';
import type { Transpiler } from './transpile';

/** The SDK import paths served by our engine instead of the real package. */
export const SDK_SPECIFIER = /^@medusajs\/(?:framework\/)?workflows-sdk(?:\/.*)?$/;

/** Extensions this module system transpiles and evaluates itself. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.cjs', '.mjs'];

/** How TS sources name their siblings in Node16 style (`./x.js` for `./x.ts`). */
const EMITTED_TO_SOURCE: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** Node's CommonJS internals this module system relies on (stable since Node 12). */
interface InternalModule extends Module {
  _compile(code: string, filename: string): unknown;
}
interface InternalModuleStatic {
  _nodeModulePaths(dir: string): string[];
}

export class ModuleSystem {
  private readonly cache = new Map<string, Module>();
  private readonly attempted = new Set<string>();

  /**
   * @param scopedSourceMaps when true, source maps are on only for our own files: packages
   * required normally load with them off, as parsing their maps slows loading by seconds.
   */
  constructor(
    private readonly sdk: object,
    private readonly transpiler: Transpiler,
    private readonly scopedSourceMaps = false,
  ) {}

  /** Files this module system has started to evaluate (absolute paths), failed ones included. */
  get files(): ReadonlySet<string> {
    return this.attempted;
  }

  /** Evaluates (once) and returns the exports of a source file given by absolute path. */
  load(filename: string): unknown {
    const cached = this.cache.get(filename);
    if (cached) return cached.exports;
    const module = new Module(filename) as InternalModule;
    module.filename = filename;
    module.paths = (Module as unknown as InternalModuleStatic)._nodeModulePaths(dirname(filename));
    module.require = ((request: string) => this.require(module, request)) as NodeJS.Require;
    this.cache.set(filename, module);
    this.attempted.add(filename);
    try {
      const source = readFileSync(filename, 'utf8');
      const code = runsAsIs(filename, source)
        ? source
        : this.transpiler.transpile(filename, source);
      module._compile(code, filename);
    } catch (error) {
      this.cache.delete(filename);
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }

  private require(parent: Module, request: string): unknown {
    if (SDK_SPECIFIER.test(request)) return this.sdk;
    if (isPath(request)) {
      const file = resolveSource(resolve(dirname(parent.filename), request));
      if (file && isOwnSource(file)) return this.load(file);
    }
    const native = createRequire(parent.filename);
    if (!this.scopedSourceMaps || !process.sourceMapsEnabled) return native(request);
    process.setSourceMapsEnabled(false);
    try {
      return native(request);
    } finally {
      process.setSourceMapsEnabled(true);
    }
  }
}

function isPath(request: string): boolean {
  return (
    request.startsWith('./') ||
    request.startsWith('../') ||
    request === '.' ||
    request === '..' ||
    isAbsolute(request)
  );
}

function isOwnSource(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(file)) && !/[\\/]node_modules[\\/]/.test(file);
}

/** Resolves a path the way TS sources mean it: exact file, added extension, TS twin, index file. */
export function resolveSource(base: string): string | undefined {
  if (isFile(base)) return base;
  for (const ext of [...SOURCE_EXTENSIONS, '.json']) {
    if (isFile(base + ext)) return base + ext;
  }
  const ext = extname(base);
  for (const twin of EMITTED_TO_SOURCE[ext] ?? []) {
    const candidate = base.slice(0, -ext.length) + twin;
    if (isFile(candidate)) return candidate;
  }
  if (existsSync(base) && statSync(base).isDirectory()) {
    for (const ext of SOURCE_EXTENSIONS) {
      const index = resolve(base, `index${ext}`);
      if (isFile(index)) return index;
    }
  }
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
