// Statements of functions the analyzer walks (composers and the helpers they call), as they
// would run once at definition time. Unknown conditions walk one branch, marked dynamic.
import ts from 'typescript';
import type { Evaluator } from './evaluator';
import { truthy } from './operators';
import { UNDEF, UNKNOWN, type Scope, type Value } from './abstractValues';

export type Completion = { v: Value } | undefined;

export function execBlock(
  ev: Evaluator,
  stmts: ts.NodeArray<ts.Statement>,
  scope: Scope,
): Completion {
  for (const st of stmts) {
    if (ts.isFunctionDeclaration(st) && st.name)
      scope.vars.set(st.name.text, { k: 'fn', node: st, scope });
  }
  for (const st of stmts) {
    if (ev.session.fuel < 0) return undefined;
    const r = exec(ev, st, scope);
    if (r) return r;
  }
  return undefined;
}

function exec(ev: Evaluator, st: ts.Statement, scope: Scope): Completion {
  switch (st.kind) {
    case ts.SyntaxKind.VariableStatement:
      for (const d of (st as ts.VariableStatement).declarationList.declarations) {
        ev.bindPattern(d.name, d.initializer ? ev.eval(d.initializer, scope) : UNDEF, scope);
      }
      return undefined;
    case ts.SyntaxKind.ExpressionStatement:
      ev.eval((st as ts.ExpressionStatement).expression, scope);
      return undefined;
    case ts.SyntaxKind.ReturnStatement: {
      const e = (st as ts.ReturnStatement).expression;
      return { v: e ? ev.eval(e, scope) : UNDEF };
    }
    case ts.SyntaxKind.ThrowStatement:
      ev.eval((st as ts.ThrowStatement).expression, scope);
      return { v: UNKNOWN };
    case ts.SyntaxKind.Block:
      return execBlock(ev, (st as ts.Block).statements, {
        vars: new Map(),
        parent: scope,
        file: scope.file,
      });
    case ts.SyntaxKind.IfStatement:
      return ifStatement(ev, st as ts.IfStatement, scope);
    case ts.SyntaxKind.TryStatement: {
      const t = st as ts.TryStatement;
      const r = execBlock(ev, t.tryBlock.statements, {
        vars: new Map(),
        parent: scope,
        file: scope.file,
      });
      if (t.finallyBlock)
        execBlock(ev, t.finallyBlock.statements, {
          vars: new Map(),
          parent: scope,
          file: scope.file,
        });
      return r;
    }
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.DoStatement:
      return loop(ev, st as ts.IterationStatement, scope);
    case ts.SyntaxKind.SwitchStatement: {
      const v = ev.eval((st as ts.SwitchStatement).expression, scope);
      if (v.k === 'ref') ev.fact('jsLogic', st, 'a `switch`');
      return undefined;
    }
    default:
      return undefined;
  }
}

function ifStatement(ev: Evaluator, st: ts.IfStatement, scope: Scope): Completion {
  const t = truthy(ev.eval(st.expression, scope));
  if (t === 'proxy') ev.fact('jsLogic', st.expression, 'an `if`');
  const sub = (s: ts.Statement): Completion =>
    exec(ev, s, { vars: new Map(), parent: scope, file: scope.file });
  if (t === 'unknown') {
    // Which branch runs is not known: walk the first one, marking what it records dynamic.
    ev.withDynamic(() => sub(st.thenStatement));
    return undefined;
  }
  if (t === false) return st.elseStatement ? sub(st.elseStatement) : undefined;
  return sub(st.thenStatement);
}

function loop(ev: Evaluator, st: ts.IterationStatement, scope: Scope): Completion {
  const inner: Scope = { vars: new Map(), parent: scope, file: scope.file };
  if (ts.isForOfStatement(st)) {
    const it = ev.eval(st.expression, scope);
    const decl = ts.isVariableDeclarationList(st.initializer)
      ? st.initializer.declarations[0]
      : undefined;
    if (it.k === 'arr' && !it.open && decl) {
      for (const item of it.items) {
        const s: Scope = { vars: new Map(), parent: scope, file: scope.file };
        ev.bindPattern(decl.name, item, s);
        const r = exec(ev, st.statement, s);
        if (r) return r;
      }
      return undefined;
    }
    if (it.k === 'ref') ev.fact('throws', st, 'a `for...of` loop (a placeholder is not iterable)');
    if (decl) ev.bindPattern(decl.name, UNKNOWN, inner);
  } else if (
    (ts.isWhileStatement(st) || ts.isDoStatement(st)) &&
    ev.eval(st.expression, scope).k === 'ref'
  ) {
    ev.fact('jsLogic', st, 'a loop');
  }
  ev.fact('dynamic', st, 'a loop');
  ev.withDynamic(() => exec(ev, st.statement, inner));
  return undefined;
}
