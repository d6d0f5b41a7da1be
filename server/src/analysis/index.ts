// The analyzer's one entry (pure library: no LSP, no VS Code, never executes workspace code).
// The server, the CLI and the debug adapter import the analyzer only through this file.
import type { AnalysisResult } from './model';

export * from './model';

/** Where the analyzer reads files that are not overlaid (open editor buffers). */
export interface AnalyzerHost {
  readFile(path: string): string | undefined;
  fileExists(path: string): boolean;
}

export interface Analyzer {
  /** Overlay a file's text (an open, possibly unsaved document); `undefined` drops the overlay. */
  setFile(path: string, text: string | undefined): void;
  /** Analyze these entry files (absolute paths), following their imports. Never throws. */
  analyze(paths: string[]): AnalysisResult;
}

export function createAnalyzer(_host?: AnalyzerHost): Analyzer {
  throw new Error('analyzer not implemented yet');
}

/** One-shot convenience over createAnalyzer with the real file system. */
export function analyze(paths: string[], host?: AnalyzerHost): AnalysisResult {
  return createAnalyzer(host).analyze(paths);
}
