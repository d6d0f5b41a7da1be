// Small helpers shared by the rules: locations, diagnostics and text edits from syntax nodes.
import ts from 'typescript';
import type { Diagnostic, QuickFix, Severity, TextEdit } from '../model';
import { locationOf, spanAt } from '../spans';

export function diagnostic(
  code: string,
  severity: Severity,
  message: string,
  node: ts.Node,
  fixes?: QuickFix[],
): Diagnostic {
  const d: Diagnostic = {
    code,
    severity,
    message,
    location: locationOf(node, node.getSourceFile()),
  };
  if (fixes && fixes.length > 0) d.fixes = fixes;
  return d;
}

export function insertAt(node: ts.Node, pos: number, newText: string): TextEdit {
  const sf = node.getSourceFile();
  return { file: sf.fileName, span: spanAt(sf, pos, pos), newText };
}

export function replaceRange(node: ts.Node, start: number, end: number, newText: string): TextEdit {
  const sf = node.getSourceFile();
  return { file: sf.fileName, span: spanAt(sf, start, end), newText };
}

export function replaceNode(node: ts.Node, newText: string): TextEdit {
  return replaceRange(node, node.getStart(), node.getEnd(), newText);
}

/** The indentation of the line a node starts on. */
export function indentOf(node: ts.Node): string {
  const sf = node.getSourceFile();
  const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
  const lineStart = sf.getPositionOfLineAndCharacter(line, 0);
  return /^[ \t]*/.exec(sf.text.slice(lineStart, lineStart + 200))?.[0] ?? '';
}

/** Nodes can be reached twice (a helper inlined in two places): report each place once. */
export function uniqueBy<T>(items: T[], key: (t: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A `.config({ name })` appended to a call, with a name not yet used in the workflow. */
export function renameFix(call: ts.CallExpression, base: string, taken: Set<string>): QuickFix {
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  const name = `${base}-${n}`;
  taken.add(name);
  const quote = call.getSourceFile().text.includes("'") ? "'" : '"';
  return {
    title: `Give this call its own name: .config({ name: ${quote}${name}${quote} })`,
    edits: [insertAt(call, call.getEnd(), `.config({ name: ${quote}${name}${quote} })`)],
  };
}
