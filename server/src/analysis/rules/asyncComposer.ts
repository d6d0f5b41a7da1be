// MW001: an async composer (or `await` in it) returns a promise instead of the workflow's steps.
import ts from 'typescript';
import type { Diagnostic, TextEdit } from '../model';
import type { Rule } from './types';
import { diagnostic, replaceRange, uniqueBy } from './util';

export const asyncComposer: Rule = {
  code: 'MW001',
  severity: 'error',
  doc: 'The composer function is `async` or uses `await`: it must be synchronous; the workflow would get an unresolved promise instead of its steps and result.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      const awaits = uniqueBy(
        wf.facts.filter((f) => f.kind === 'await' && ts.isAwaitExpression(f.node)),
        (f) => f.node,
      ).map((f) => f.node as ts.AwaitExpression);
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
                  title: 'Remove `async` (and the `await`s) from the composer',
                  edits: [
                    replaceRange(mod, mod.getStart(), skipSpaces(mod), ''),
                    // Only the composer's own: an async helper it calls keeps its awaits.
                    ...awaits.filter((a) => enclosingFunction(a) === f.node).map(removeAwait),
                  ],
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
          out.push(
            diagnostic(
              'MW001',
              'error',
              `\`await\` in the composer of workflow "${wf.model.id}": step results are placeholders at definition time, there is nothing to wait for.`,
              f.node,
              [{ title: 'Remove `await`', edits: [removeAwait(f.node)] }],
            ),
          );
        }
      }
    }
    return out;
  },
};

/** Drops the `await` keyword only: nested awaits give edits that do not overlap. */
function removeAwait(a: ts.AwaitExpression): TextEdit {
  return replaceRange(a, a.getStart(), a.expression.getStart(), '');
}

function enclosingFunction(n: ts.Node): ts.Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return p;
  return undefined;
}

function skipSpaces(node: ts.Node): number {
  const text = node.getSourceFile().text;
  let end = node.getEnd();
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return end;
}
