// The MW002 quick fix for an `if` on a step output in the composer: the same condition and body as
// `when({ a }, ({ a }) => cond).then(() => { body })`, offered only where that keeps the meaning.
import ts from 'typescript';
import type { QuickFix } from '../model';
import { composerLocals, indentOf, replaceNode, sdkImport, usesAny } from './util';

export function whenFix(st: ts.IfStatement): QuickFix | undefined {
  if (st.elseStatement || !safeBody(st.thenStatement) || insideThen(st)) return undefined;
  const locals = composerLocals(st);
  // The condition runs later, on the resolved values: every composer value it reads is passed in.
  const reads = namesUsed(st.expression, locals);
  if (reads.length === 0) return undefined;
  const imported = sdkImport(st.getSourceFile(), 'when');
  if (!imported) return undefined;
  const names = reads.join(', ');
  const body = ts.isBlock(st.thenStatement)
    ? st.thenStatement.getText()
    : `{\n${indentOf(st)}  ${st.thenStatement.getText()}\n${indentOf(st)}}`;
  const text = `${imported.local}({ ${names} }, ({ ${names} }) => ${st.expression.getText()}).then(() => ${body});`;
  return {
    title: 'Turn this `if` into when(...).then(...)',
    edits: [replaceNode(st, text), ...imported.edits],
  };
}

/** A body that can become a callback: no jump out of it, and no assignment to outer variables
 * (a callback would assign them only when Medusa records the branch, not when it runs). */
function safeBody(body: ts.Statement): boolean {
  let ok = true;
  const declared = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (
      ts.isReturnStatement(n) ||
      ts.isBreakStatement(n) ||
      ts.isContinueStatement(n) ||
      ts.isAwaitExpression(n) ||
      ts.isYieldExpression(n) ||
      // A `var` would be hoisted out of the block, and read after it.
      (ts.isVariableDeclarationList(n) && (n.flags & ts.NodeFlags.BlockScoped) === 0)
    ) {
      ok = false;
      return;
    }
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) declared.add(n.name.text);
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      !(ts.isIdentifier(n.left) && declared.has(n.left.text))
    ) {
      ok = false;
      return;
    }
    if (ts.isFunctionLike(n)) return;
    n.forEachChild(visit);
  };
  visit(body);
  return ok;
}

/** Inside a `when(...).then(() => ...)` already: a nested `when` is not supported (MW007). */
function insideThen(n: ts.Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (!ts.isCallExpression(p) || !ts.isPropertyAccessExpression(p.expression)) continue;
    const target = p.expression.expression;
    if (p.expression.name.text === 'then' && ts.isCallExpression(target)) {
      const callee = target.expression;
      if (ts.isIdentifier(callee) && callee.text === 'when') return true;
    }
  }
  return false;
}

function namesUsed(expr: ts.Expression, locals: Set<string>): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && locals.has(n.text) && !out.includes(n.text) && usesAny(n, locals))
      out.push(n.text);
    n.forEachChild(visit);
  };
  visit(expr);
  return out;
}
