// MW013: a compensation that dereferences its input without checking it first. When the step's own
// invoke failed, its compensation still runs, with `undefined` as input.
import ts from 'typescript';
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic, indentOf, insertAt } from './util';

export const unguardedCompensation: Rule = {
  code: 'MW013',
  severity: 'warning',
  doc: "A compensation dereferences its input without a guard: when the step's own invoke fails, its compensation runs with `undefined` and throws.",
  check(input) {
    const out: Diagnostic[] = [];
    for (const { def } of input.steps) {
      const fn = def.compensateFn;
      if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) continue;
      const param = fn.parameters[0];
      if (!param) continue;
      if (!ts.isIdentifier(param.name)) {
        if (param.initializer) continue;
        out.push(
          diagnostic(
            'MW013',
            'warning',
            `The compensation of step "${def.name}" destructures its input in its parameters; it receives undefined when the step itself failed, and throws.`,
            param,
          ),
        );
        continue;
      }
      const name = param.name.text;
      const deref = firstUnguardedDeref(fn.body, name);
      if (!deref) continue;
      const fixes = ts.isBlock(fn.body) ? [guardFix(fn.body, name)] : [];
      out.push(
        diagnostic(
          'MW013',
          'warning',
          `The compensation of step "${def.name}" reads \`${deref.getText()}\` without checking \`${name}\`: it is undefined when the step itself failed.`,
          deref,
          fixes,
        ),
      );
    }
    return out;
  },
};

function guardFix(
  body: ts.Block,
  name: string,
): { title: string; edits: ReturnType<typeof insertAt>[] } {
  const first = body.statements[0];
  const indent = first ? indentOf(first) : `${indentOf(body)}  `;
  const pos = first ? first.getStart() : body.getStart() + 1;
  const text = first
    ? `if (!${name}) {\n${indent}  return;\n${indent}}\n${indent}`
    : `\n${indent}if (!${name}) {\n${indent}  return;\n${indent}}\n`;
  return {
    title: `Return early when \`${name}\` is undefined`,
    edits: [insertAt(body, pos, text)],
  };
}

/** The first `name.x`, `name[x]` or `{...} = name` that no earlier `if` on `name` protects. */
function firstUnguardedDeref(body: ts.ConciseBody, name: string): ts.Node | undefined {
  let found: ts.Node | undefined;
  let guarded = false;
  const visit = (n: ts.Node): void => {
    if (found || guarded) return;
    if (ts.isIfStatement(n) && testsItself(n.expression, name)) {
      guarded = true;
      return;
    }
    if (
      (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) &&
      !n.questionDotToken &&
      isName(n.expression, name)
    ) {
      found = n;
      return;
    }
    if (
      ts.isVariableDeclaration(n) &&
      !ts.isIdentifier(n.name) &&
      n.initializer &&
      isName(n.initializer, name)
    ) {
      found = n;
      return;
    }
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      testsItself(n.left, name)
    )
      return;
    if (ts.isConditionalExpression(n) && testsItself(n.condition, name)) return;
    if (ts.isFunctionLike(n) && n !== body.parent) return;
    n.forEachChild(visit);
  };
  visit(body);
  return found;
}

function isName(e: ts.Expression, name: string): boolean {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e))
    e = e.expression;
  return ts.isIdentifier(e) && e.text === name;
}

/** The condition looks at `name` itself (`!name`, `name?.x`, `name === undefined`, `f(name)`),
 * not only through a dereference (`name.x` throws before it can test anything). */
function testsItself(e: ts.Node, name: string): boolean {
  if (ts.isIdentifier(e)) {
    if (e.text !== name) return false;
    let inner: ts.Node = e;
    let p = e.parent;
    while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p)) {
      inner = p;
      p = p.parent;
    }
    const derefs =
      (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) &&
      p.expression === inner &&
      !p.questionDotToken;
    return !derefs;
  }
  return e.forEachChild((c) => (testsItself(c, name) ? true : undefined)) ?? false;
}
