// Debug adapter (main thread or the analysis worker): the analysis a debug session needs, from its
// entry files to every file that defines a step its workflows call. Takes the analyzer as an
// argument, so importing this file does not load the analyzer or the TypeScript compiler.
import type { AnalysisResult, Analyzer } from '../../server/src/analysis/index';

/** Analyzes `entries`, adding the files that define the steps (and nested workflows) the
 * workflows call until nothing new turns up. Returns the result and the entries it grew to. */
export function analyzeSession(
  analyzer: Analyzer,
  entries: readonly string[],
): { result: AnalysisResult; entries: string[] } {
  const all = [...entries];
  let result = analyzer.analyze(all);
  for (let round = 0; round < 4; round++) {
    const more = definitionFiles(result).filter((f) => !all.includes(f));
    if (more.length === 0) break;
    all.push(...more);
    result = analyzer.analyze(all);
  }
  return { result, entries: all };
}

function definitionFiles(result: AnalysisResult): string[] {
  const files = new Set<string>();
  for (const wf of result.workflows) {
    for (const n of wf.nodes) if (n.definition) files.add(n.definition.file);
    for (const h of wf.hooks) for (const l of h.handlers) files.add(l.file);
  }
  return [...files];
}
