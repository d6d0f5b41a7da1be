// Host (Node only), used by moduleSystem.ts: recognizes a user's JavaScript file that Node runs
// as it is, so loading it needs neither the TypeScript compiler nor a transpile cache entry.
import { extname } from 'node:path';
import { compileFunction } from 'node:vm';

/** The parameters Node's CommonJS loader gives a module's code. */
const CJS_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname'];

/**
 * true when transpiling `source` would only reformat it: a .js/.cjs file that compiles as a
 * CommonJS module body as it is (so no ESM syntax, no JSX), with no `import` at all (TypeScript
 * turns `import()` into a require, which binds the SDK), no `class` (class fields are lowered
 * for ES2021 as Medusa's builds do, and decorators need a class), and no source map of its own
 * (built files: their frames name the file itself, and maps are slow to parse). Anything else
 * is transpiled.
 */
export function runsAsIs(filename: string, source: string): boolean {
  const ext = extname(filename);
  if (ext !== '.js' && ext !== '.cjs') return false;
  if (/\bimport\b|\bclass\b|sourceMappingURL/.test(source)) return false;
  try {
    compileFunction(source, CJS_PARAMS, { filename });
    return true;
  } catch {
    // Let the compiler report it: its syntax errors name the line and column.
    return false;
  }
}
