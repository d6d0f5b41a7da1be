// Source spans: 0-based line/character positions, like LSP.
import ts from 'typescript';
import type { Location, Span } from './model';

export function spanOf(node: ts.Node, sf: ts.SourceFile): Span {
  return spanAt(sf, node.getStart(sf), node.getEnd());
}

export function spanAt(sf: ts.SourceFile, start: number, end: number): Span {
  const s = sf.getLineAndCharacterOfPosition(start);
  const e = sf.getLineAndCharacterOfPosition(end);
  return {
    start: { line: s.line, character: s.character },
    end: { line: e.line, character: e.character },
  };
}

export function locationOf(node: ts.Node, sf: ts.SourceFile): Location {
  return { file: sf.fileName, span: spanOf(node, sf) };
}
