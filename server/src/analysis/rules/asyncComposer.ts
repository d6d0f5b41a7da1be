// MW001: an async composer (or `await` in it) returns a promise instead of the workflow's steps.
import ts from 'typescript';
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic, replaceNode, replaceRange, uniqueBy } from './util';

export const asyncComposer: Rule = {
  code: 'MW001',
  severity: 'error',
  doc: 'The composer function is `async` or uses `await`: it must be synchronous; the workflow would get an unresolved promise instead of its steps and result.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      for (const f of uniqueBy(
        wf.facts.filter((f) => f.kind === 'await'),
        (f) => f.node,
      )) {
        if (f.detail === 'async') {
          const mod = ts.canHaveModifiers(f.node)
            ? ts.getModifiers(f.node)?.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword)
            : undefined;
          const fixes = mod
            ? [
                {
                  title: 'Remove `async` from the composer',
                  edits: [replaceRange(mod, mod.getStart(), skipSpaces(mod), '')],
                },
              ]
            : [];
          out.push(
            diagnostic(
              'MW001',
              'error',
              `The composer of workflow "${wf.model.id}" is async: composers run synchronously once, at definition; use steps for asynchronous work.`,
              mod ?? f.node,
              fixes,
            ),
          );
        } else if (ts.isAwaitExpression(f.node)) {
          const operand = f.node.expression.getText();
          out.push(
            diagnostic(
              'MW001',
              'error',
              `\`await\` in the composer of workflow "${wf.model.id}": step results are placeholders at definition time, there is nothing to wait for.`,
              f.node,
              [{ title: 'Remove `await`', edits: [replaceNode(f.node, operand)] }],
            ),
          );
        }
      }
    }
    return out;
  },
};

function skipSpaces(node: ts.Node): number {
  const text = node.getSourceFile().text;
  let end = node.getEnd();
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return end;
}
