// Host entry (Node only): loads a user's workflow file in this process, with the workflows SDK
// imports bound to our engine. Used by the CLI and the debug adapter's runner.
import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { LoadError, userFrame } from './loadError';
import { ModuleSystem, SOURCE_EXTENSIONS } from './moduleSystem';
import { bindSdkInPackages } from './packageBinding';
import { Transpiler } from './transpile';

export { LoadError } from './loadError';
export type { LoadErrorCode } from './loadError';

export interface LoaderOptions<W> {
  /** The exports object user code receives for `@medusajs/framework/workflows-sdk` and friends. */
  sdk: object;
  /** The engine's registry of defined workflows, read before and after loading. */
  workflows: () => Iterable<readonly [string, W]>;
  /** Directory for the transpile cache; memory only when absent. */
  cacheDir?: string;
  /**
   * Also give the SDK to packages that require it (core-flows' steps, plugins), process-wide
   * until `close()`. Without it, a core-flows step called in a user's workflow would belong to
   * the real SDK and fail there.
   */
  bindPackages?: boolean;
}

export interface LoadedFile<W> {
  /** Absolute path of the loaded file. */
  file: string;
  /** The workflows defined while loading it (including by files it imports), by id. */
  workflows: Map<string, W>;
  exports: unknown;
}

/** Set once a loader (of any bundle in this process) turned source maps on itself. */
const ENABLED_BY_LOADER = Symbol.for('medusa-workflows.sourceMapsEnabledByLoader');
type Flagged = { [ENABLED_BY_LOADER]?: boolean };

export class WorkflowLoader<W> {
  private readonly modules: ModuleSystem;
  private readonly loaded = new Map<string, LoadedFile<W>>();
  private readonly unbind: () => void;

  constructor(private readonly options: LoaderOptions<W>) {
    // Stack traces of user code then point at the user's TypeScript lines. When the process did
    // not already map everything (--enable-source-maps), only our own files are mapped.
    const flags = globalThis as Flagged;
    if (!process.sourceMapsEnabled) {
      process.setSourceMapsEnabled(true);
      flags[ENABLED_BY_LOADER] = true;
    }
    const transpiler = new Transpiler(options.cacheDir);
    this.modules = new ModuleSystem(options.sdk, transpiler, flags[ENABLED_BY_LOADER] === true);
    this.unbind = options.bindPackages ? bindSdkInPackages(options.sdk) : () => undefined;
  }

  /** Loads `file` (relative to the working directory) once. Throws LoadError. */
  load(file: string): LoadedFile<W> {
    const filename = resolve(file);
    const previous = this.loaded.get(filename);
    if (previous) return previous;
    checkFile(file, filename);
    // By identity, so a workflow defined again under a known id (a reload) counts as defined.
    const before = new Map(this.options.workflows());
    let exports: unknown;
    try {
      exports = this.modules.load(filename);
    } catch (error) {
      throw asLoadError(error, this.modules.files, filename);
    }
    const workflows = new Map(
      [...this.options.workflows()].filter(([id, workflow]) => before.get(id) !== workflow),
    );
    const result = { file: filename, workflows, exports };
    this.loaded.set(filename, result);
    return result;
  }

  /** Stops binding the SDK for packages (see `bindPackages`). Loaded modules stay loaded. */
  close(): void {
    this.unbind();
  }

  /** Loads a module of the user's project (e.g. a mocks module) through the same module system. */
  loadModule(file: string): unknown {
    const filename = resolve(file);
    checkFile(file, filename);
    try {
      return this.modules.load(filename);
    } catch (error) {
      throw asLoadError(error, this.modules.files, filename);
    }
  }
}

function checkFile(given: string, filename: string): void {
  let isFile = false;
  try {
    isFile = statSync(filename).isFile();
  } catch {
    throw new LoadError('not-found', `file not found: ${given}`);
  }
  if (!isFile) throw new LoadError('not-found', `not a file: ${given}`);
  if (!SOURCE_EXTENSIONS.includes(extname(filename))) {
    throw new LoadError(
      'not-found',
      `unsupported file type: ${given} (expected one of ${SOURCE_EXTENSIONS.join(' ')})`,
    );
  }
}

function asLoadError(error: unknown, files: ReadonlySet<string>, filename: string): LoadError {
  if (error instanceof LoadError) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  const where = userFrame(err.stack, new Set([...files, filename]));
  const prefix = where ? `${where.file}:${where.line}:${where.column}: ` : `${filename}: `;
  if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
    const firstLine = err.message.split('\n')[0] ?? err.message;
    return new LoadError('module-not-found', prefix + firstLine, where, { cause: err });
  }
  const name = err.name && err.name !== 'Error' ? `${err.name}: ` : '';
  return new LoadError('evaluation', `${prefix}${name}${err.message}`, where, { cause: err });
}
