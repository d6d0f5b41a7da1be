// The analyzer's one entry (pure library: no LSP, no VS Code, never executes workspace code).
// The server, the CLI and the debug adapter import the analyzer only through this file. Rooms:
// modules/ (files, parsing, module resolution), interpreter/ (the abstract interpreter over the
// AST), medusa/ (what Medusa's composer records: steps, flow tree, renderings), rules/ (MW codes).
import { AnalyzerImpl } from './analyzer';
import { nodeHost, type AnalyzerHost } from './modules/host';
import type { AnalysisResult } from './model';

export * from './model';
export { nodeHost, type AnalyzerHost } from './modules/host';
export { toMedusaFlow, toMermaid } from './medusa/render';
export { rules as ruleDocs } from './rules/index';

export interface Analyzer {
  /** Overlay a file's text (an open, possibly unsaved document); `undefined` drops the overlay. */
  setFile(path: string, text: string | undefined): void;
  /** Analyze these entry files (absolute paths), following their imports. Never throws. */
  analyze(paths: string[]): AnalysisResult;
  /** Forget what was read from the host for `path` (or everything): call when files change on disk. */
  invalidate(path?: string): void;
}

export function createAnalyzer(host?: AnalyzerHost): Analyzer {
  const impl = new AnalyzerImpl(host ?? nodeHost);
  return {
    setFile: (path, text) => impl.setFile(path, text),
    analyze: (paths) => impl.analyze(paths),
    invalidate: (path) => impl.invalidate(path),
  };
}

/** One-shot convenience over createAnalyzer with the real file system. */
export function analyze(paths: string[], host?: AnalyzerHost): AnalysisResult {
  return createAnalyzer(host).analyze(paths);
}
