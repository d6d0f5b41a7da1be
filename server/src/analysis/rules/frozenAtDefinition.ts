// MW018: a clock, random value or generated id read in the composer is computed once, when the
// workflow is defined (at server start), and every run then gets that same value.
import ts from 'typescript';
import type { Diagnostic, QuickFix } from '../model';
import type { Rule } from './types';
import { composerLocals, diagnostic, replaceNode, sdkImport, uniqueBy, usesAny } from './util';

export const frozenAtDefinition: Rule = {
  code: 'MW018',
  severity: 'warning',
  doc: '`Date.now()`, `new Date()`, `Math.random()`, `crypto.randomUUID()`, `performance.now()` or an id generator (`ulid()`, `uuid()`) evaluated in the composer: it runs once, when the workflow is defined, so every run gets the same value; compute it in a `transform` or a step.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      for (const f of uniqueBy(
        wf.facts.filter((f) => f.kind === 'frozen'),
        (f) => f.node,
      )) {
        const fix = ts.isExpression(f.node) ? moveIntoTransform(f.node) : undefined;
        out.push(
          diagnostic(
            'MW018',
            'warning',
            `\`${f.detail}\` in the composer of workflow "${wf.model.id}" is evaluated once, when the workflow is defined (at application start): every run gets that same value. Compute it in a \`transform\` (or a step) so it is read at run time.`,
            f.node,
            fix ? [fix] : undefined,
          ),
        );
      }
    }
    return out;
  },
};

/** Wraps the largest expression around `node` built only from it, literals and globals. */
function moveIntoTransform(node: ts.Expression): QuickFix | undefined {
  const locals = composerLocals(node);
  if (usesAny(node, locals)) return undefined;
  let expr: ts.Expression = node;
  for (let p = expr.parent; canWiden(expr, p) && !usesAny(p, locals); p = p.parent)
    expr = p as ts.Expression;
  const imported = sdkImport(node.getSourceFile(), 'transform');
  if (!imported) return undefined;
  return {
    title: 'Compute it at run time in a transform()',
    edits: [replaceNode(expr, `${imported.local}({}, () => ${expr.getText()})`), ...imported.edits],
  };
}

function canWiden(child: ts.Expression, p: ts.Node): boolean {
  if (ts.isParenthesizedExpression(p) || ts.isPrefixUnaryExpression(p)) return true;
  if (ts.isBinaryExpression(p)) {
    const k = p.operatorToken.kind;
    const assigns = k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;
    return !assigns && k !== ts.SyntaxKind.CommaToken;
  }
  if (ts.isPropertyAccessExpression(p)) return p.expression === child;
  // `new Date(Date.now() - x)`, `Math.floor(Math.random() * 10)`, `new Date().toISOString()`.
  if (ts.isCallExpression(p) || ts.isNewExpression(p))
    return (
      p.expression === child || /^(?:Date|Math\.\w+|String|Number)$/.test(p.expression.getText())
    );
  return ts.isTemplateSpan(p) || ts.isTemplateExpression(p);
}
