// The fast way to CommonJS for the usual workflow, step and mock files: sucrase strips the types
// and rewrites imports (line for line, so its source map is simple), without loading the 4 MB
// TypeScript compiler. Used by transpile.ts, which falls back to TypeScript for anything else.
import type * as Sucrase from 'sucrase';
import { version } from 'sucrase/package.json';

/** Part of the disk cache key; read from the package file, so a warm cache never loads sucrase. */
export const QUICK_VERSION = version;

let sucraseModule: typeof Sucrase | undefined;
function sucrase(): typeof Sucrase {
  // Loaded on first transpile: parsing it is a good part of a cold start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sucraseModule ??= require('sucrase') as typeof Sucrase;
  return sucraseModule;
}

// Decorators (Medusa services use them) need TypeScript's emit: a line starting with one, or one
// in a parameter list. A false alarm only costs speed.
const DECORATOR = /^\s*@[A-Za-z_$]|[(,]\s*@[A-Za-z_$]/m;

/** CommonJS with an inline source map (sources included), or undefined when TypeScript should
 * compile `source`: JSX, decorators, or anything sucrase does not take. */
export function quickTranspile(filename: string, source: string): string | undefined {
  const transforms = transformsFor(filename);
  if (!transforms || DECORATOR.test(source)) return undefined;
  try {
    const out = sucrase().transform(source, {
      transforms,
      filePath: filename,
      sourceMapOptions: { compiledFilename: filename },
    });
    if (!out.sourceMap) return undefined;
    const map = { ...out.sourceMap, sources: [filename], sourcesContent: [source] };
    const encoded = Buffer.from(JSON.stringify(map)).toString('base64');
    return `${out.code}\n//# sourceMappingURL=data:application/json;base64,${encoded}\n`;
  } catch {
    // TypeScript says what is wrong, with its own wording and position.
    return undefined;
  }
}

function transformsFor(filename: string): Sucrase.Transform[] | undefined {
  if (/\.[mc]?ts$/.test(filename) && !filename.endsWith('.d.ts')) return ['typescript', 'imports'];
  if (/\.[mc]?js$/.test(filename)) return ['imports'];
  return undefined;
}
