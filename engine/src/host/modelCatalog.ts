// Host (Node only): the data models the auto-mocked container follows, read from the user's
// project in the process that runs it (user code runs here on purpose): the DML entities of the
// installed and the project's own modules, and @medusajs/utils' enums (when the run loaded it).
// Used by the CLI (`--auto-mock`) and the debug runner (`"container": "auto"`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { addDmlEntities, addNamedEnums, emptyCatalog, type ModelCatalog } from '../mock/models';
import type { ModuleLoader } from './mocksContainer';

const MODEL_EXTENSIONS = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Never throws: a model that cannot be loaded leaves its fields to the name-based guesses. */
export function loadModelCatalog(workflowFile: string, loadModule: ModuleLoader): ModelCatalog {
  const catalog = emptyCatalog();
  const root = projectRoot(workflowFile);
  const need = createRequire(join(root ?? dirname(workflowFile), 'package.json'));
  // Only when the run already loaded it (core-flows does): loading it costs seconds.
  const utils = tryLoad(() => need.cache[need.resolve('@medusajs/utils')]?.exports);
  if (isRecord(utils)) addNamedEnums(catalog, utils);
  if (root === undefined) return catalog;
  for (const dir of subdirs(join(root, 'node_modules', '@medusajs'))) {
    const index = join(dir, 'dist', 'models', 'index.js');
    if (existsSync(index)) addDmlEntities(catalog, valuesOf(tryLoad(() => need(index))));
  }
  for (const module of subdirs(join(root, 'src', 'modules'))) {
    const models = join(module, 'models');
    for (const file of files(models)) {
      addDmlEntities(catalog, valuesOf(tryLoad(() => loadModule(file))));
    }
  }
  return catalog;
}

/** The nearest folder above the workflow file with a package.json, outside node_modules. */
export function projectRoot(file: string): string | undefined {
  let dir = dirname(file);
  for (;;) {
    if (!/[\\/]node_modules([\\/]|$)/.test(dir) && existsSync(join(dir, 'package.json')))
      return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((p) => statSync(p).isDirectory());
  } catch {
    return [];
  }
}

function files(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => MODEL_EXTENSIONS.test(name) && !/\.d\.[cm]?ts$/.test(name))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

function tryLoad(load: () => unknown): unknown {
  try {
    return load();
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** A module's exports, default export included. */
function valuesOf(exports: unknown): unknown[] {
  if (!isRecord(exports)) return [];
  const all = Object.values(exports);
  const fallback = exports.default;
  return isRecord(fallback) ? [...all, ...Object.values(fallback)] : all;
}
