// The analyzer's one entry (pure library: no LSP, no VS Code, never executes workspace code).
// The server, the CLI and the debug adapter import the analyzer only through this file. Rooms:
// modules/ (files, parsing, module resolution), interpreter/ (the abstract interpreter over the
// AST), medusa/ (what Medusa's composer records: steps, flow tree, renderings), rules/ (MW codes).
import { AnalyzerImpl } from './analyzer';
import { nodeHost, type AnalyzerHost } from './modules/host';
import type { AnalysisResult, FieldCheck } from './model';
import { workflowFieldChecks } from './medusa/fieldChecks';

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

/**
 * The field checks the user's own steps of workflow `workflowId` (in `file`) make before throwing,
 * for the auto-mocked container of a CLI or debug run. Never throws: [] when nothing is read.
 */
export function stepFieldChecks(
  file: string,
  workflowId: string,
  host?: AnalyzerHost,
): FieldCheck[] {
  const h = host ?? nodeHost;
  try {
    return workflowFieldChecks(analyze([file], h), workflowId, (p) => h.readFile(p));
  } catch {
    return [];
  }
}
