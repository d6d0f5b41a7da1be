// Parsed files, cached by content: open buffers overlay the host's files; a file is re-parsed only
// when its text changes. Purely syntactic data derived from a file hangs off its SourceFile.
import ts from 'typescript';
import type { AnalyzerHost } from './host';

const EXTENSIONS = /\.(?:[cm]?[jt]sx?)$/;

export class SourceStore {
  private readonly overlays = new Map<string, string>();
  private readonly diskText = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, { text: string; sf: ts.SourceFile }>();
  private readonly existsCache = new Map<string, boolean>();

  constructor(private readonly host: AnalyzerHost) {}

  setOverlay(path: string, text: string | undefined): void {
    if (text === undefined) this.overlays.delete(path);
    else this.overlays.set(path, text);
  }

  invalidate(path?: string): void {
    if (path === undefined) {
      this.diskText.clear();
      this.existsCache.clear();
    } else {
      this.diskText.delete(path);
      this.existsCache.delete(path);
    }
  }

  text(path: string): string | undefined {
    const overlay = this.overlays.get(path);
    if (overlay !== undefined) return overlay;
    if (this.diskText.has(path)) return this.diskText.get(path);
    let text: string | undefined;
    try {
      text = this.host.readFile(path);
    } catch {
      text = undefined;
    }
    this.diskText.set(path, text);
    return text;
  }

  exists(path: string): boolean {
    if (this.overlays.has(path)) return true;
    let known = this.existsCache.get(path);
    if (known === undefined) {
      try {
        known = this.host.fileExists(path);
      } catch {
        known = false;
      }
      this.existsCache.set(path, known);
    }
    return known;
  }

  /** The parsed file, or undefined when it cannot be read or is not a script. */
  sourceFile(path: string): ts.SourceFile | undefined {
    if (!EXTENSIONS.test(path) || path.endsWith('.d.ts')) return undefined;
    const text = this.text(path);
    if (text === undefined) return undefined;
    const cached = this.parsed.get(path);
    if (cached && cached.text === text) return cached.sf;
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKind(path));
    setParents(sf);
    this.parsed.set(path, { text, sf });
    return sf;
  }
}

/** Parent pointers (for getText/getSourceFile): one iterative walk with a single callback is
 * cheaper than TypeScript's own, which also visits JSDoc nodes the analyzer never looks at. */
function setParents(root: ts.Node): void {
  const stack: ts.Node[] = [root];
  let current: ts.Node = root;
  const visit = (child: ts.Node): void => {
    (child as { parent: ts.Node }).parent = current;
    stack.push(child);
  };
  while (stack.length > 0) {
    current = stack.pop()!;
    current.forEachChild(visit);
  }
}

function scriptKind(path: string): ts.ScriptKind {
  if (/\.[cm]?tsx$/.test(path) || path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(path)) return ts.ScriptKind.TS;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}
