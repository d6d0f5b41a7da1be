// Syntactic tables of one file: its top-level bindings and its exports, for ES modules and for
// CommonJS as tsc emits it (`exports.x = ...`, `require`, `__exportStar`, `Object.defineProperty`).
import ts from 'typescript';

export type LocalDecl =
  | { kind: 'var'; decl: ts.VariableDeclaration }
  | { kind: 'fn'; node: ts.FunctionDeclaration }
  | { kind: 'class'; node: ts.ClassDeclaration }
  | { kind: 'import'; spec: string; name: string };

export type ExportEntry =
  | { kind: 'local'; local: string }
  | { kind: 'expr'; expr: ts.Expression }
  | { kind: 'reexport'; spec: string; name: string };

export interface ModuleInfo {
  locals: Map<string, LocalDecl>;
  exports: Map<string, ExportEntry>;
  stars: string[];
}

const cache = new WeakMap<ts.SourceFile, ModuleInfo>();

export function moduleInfo(sf: ts.SourceFile): ModuleInfo {
  let info = cache.get(sf);
  if (!info) {
    info = build(sf);
    cache.set(sf, info);
  }
  return info;
}

function build(sf: ts.SourceFile): ModuleInfo {
  const info: ModuleInfo = { locals: new Map(), exports: new Map(), stars: [] };
  for (const st of sf.statements) {
    try {
      statement(st, info);
    } catch {
      // A malformed statement contributes nothing.
    }
  }
  return info;
}

function isExported(node: ts.Node): boolean {
  return (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
}

function isDefault(node: ts.Node): boolean {
  return (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Default) !== 0;
}

function statement(st: ts.Statement, info: ModuleInfo): void {
  if (ts.isImportDeclaration(st)) return importDecl(st, info);
  if (ts.isExportDeclaration(st)) return exportDecl(st, info);
  if (ts.isExportAssignment(st)) {
    info.exports.set('default', { kind: 'expr', expr: st.expression });
    return;
  }
  if (ts.isVariableStatement(st)) {
    const exported = isExported(st);
    for (const decl of st.declarationList.declarations) {
      for (const name of bindingNames(decl.name)) {
        info.locals.set(name, { kind: 'var', decl });
        if (exported) info.exports.set(name, { kind: 'local', local: name });
      }
    }
    return;
  }
  if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) {
    const name = st.name?.text;
    if (name) {
      info.locals.set(
        name,
        ts.isFunctionDeclaration(st) ? { kind: 'fn', node: st } : { kind: 'class', node: st },
      );
    }
    if (isExported(st))
      info.exports.set(isDefault(st) ? 'default' : (name ?? 'default'), {
        kind: 'local',
        local: name ?? '',
      });
    return;
  }
  if (ts.isExpressionStatement(st)) cjsStatement(st.expression, info);
}

function importDecl(st: ts.ImportDeclaration, info: ModuleInfo): void {
  if (!ts.isStringLiteral(st.moduleSpecifier)) return;
  const spec = st.moduleSpecifier.text;
  const clause = st.importClause;
  if (!clause) return;
  if (clause.name) info.locals.set(clause.name.text, { kind: 'import', spec, name: 'default' });
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb))
    info.locals.set(nb.name.text, { kind: 'import', spec, name: '*' });
  if (nb && ts.isNamedImports(nb)) {
    for (const el of nb.elements) {
      info.locals.set(el.name.text, {
        kind: 'import',
        spec,
        name: (el.propertyName ?? el.name).text,
      });
    }
  }
}

function exportDecl(st: ts.ExportDeclaration, info: ModuleInfo): void {
  const spec =
    st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)
      ? st.moduleSpecifier.text
      : undefined;
  const clause = st.exportClause;
  if (!clause) {
    if (spec) info.stars.push(spec);
    return;
  }
  if (ts.isNamespaceExport(clause)) {
    if (spec) info.exports.set(clause.name.text, { kind: 'reexport', spec, name: '*' });
    return;
  }
  for (const el of clause.elements) {
    const local = (el.propertyName ?? el.name).text;
    info.exports.set(
      el.name.text,
      spec ? { kind: 'reexport', spec, name: local } : { kind: 'local', local },
    );
  }
}

function cjsStatement(e: ts.Expression, info: ModuleInfo): void {
  // exports.a = exports.b = void 0; exports.x = expr; module.exports.x = expr
  while (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const name = exportsTarget(e.left);
    const rhs = e.right;
    if (
      name !== undefined &&
      !isVoidZero(rhs) &&
      !(ts.isBinaryExpression(rhs) && rhs.operatorToken.kind === ts.SyntaxKind.EqualsToken)
    ) {
      info.exports.set(name, { kind: 'expr', expr: rhs });
    }
    e = rhs;
  }
  if (!ts.isCallExpression(e)) return;
  const callee = calleeName(e.expression);
  const [a0, a1, a2] = e.arguments;
  if ((callee === '__exportStar' || callee === '__export') && a0) {
    const spec = requireSpec(a0);
    if (spec) info.stars.push(spec);
  } else if (
    callee === 'Object.defineProperty' &&
    a0 &&
    isExportsObj(a0) &&
    a1 &&
    ts.isStringLiteral(a1) &&
    a2
  ) {
    const getter = defineGetter(a2);
    if (getter) info.exports.set(a1.text, { kind: 'expr', expr: getter });
  }
}

function defineGetter(desc: ts.Expression): ts.Expression | undefined {
  if (!ts.isObjectLiteralExpression(desc)) return undefined;
  for (const p of desc.properties) {
    const name = p.name && ts.isIdentifier(p.name) ? p.name.text : undefined;
    if (name !== 'get' && name !== 'value') continue;
    if (name === 'value' && ts.isPropertyAssignment(p)) return p.initializer;
    const fn = ts.isPropertyAssignment(p)
      ? p.initializer
      : ts.isMethodDeclaration(p)
        ? p
        : undefined;
    if (
      !fn ||
      !(ts.isFunctionExpression(fn) || ts.isArrowFunction(fn) || ts.isMethodDeclaration(fn)) ||
      !fn.body
    )
      continue;
    if (!ts.isBlock(fn.body)) return fn.body;
    const ret = fn.body.statements.find(ts.isReturnStatement);
    return ret?.expression;
  }
  return undefined;
}

export function exportsTarget(e: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(e) && isExportsObj(e.expression)) return e.name.text;
  if (
    ts.isElementAccessExpression(e) &&
    isExportsObj(e.expression) &&
    ts.isStringLiteral(e.argumentExpression)
  ) {
    return e.argumentExpression.text;
  }
  return undefined;
}

function isExportsObj(e: ts.Expression): boolean {
  if (ts.isIdentifier(e)) return e.text === 'exports';
  return (
    ts.isPropertyAccessExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'module' &&
    e.name.text === 'exports'
  );
}

function isVoidZero(e: ts.Expression): boolean {
  return ts.isVoidExpression(e) || (ts.isIdentifier(e) && e.text === 'undefined');
}

function calleeName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression))
    return `${e.expression.text}.${e.name.text}`;
  if (ts.isParenthesizedExpression(e)) return calleeName(e.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken)
    return calleeName(e.right);
  return undefined;
}

/** `require("x")`, possibly wrapped in tslib/tsc helpers like `__importStar(require("x"))`. */
export function requireSpec(e: ts.Expression): string | undefined {
  if (!ts.isCallExpression(e)) return undefined;
  const name = calleeName(e.expression);
  const a0 = e.arguments[0];
  if (name === 'require' && a0 && ts.isStringLiteralLike(a0)) return a0.text;
  if (
    name &&
    /^(?:__importStar|__importDefault|tslib_\d+\.__importStar|tslib_\d+\.__importDefault)$/.test(
      name,
    ) &&
    a0
  ) {
    return requireSpec(a0);
  }
  return undefined;
}

export function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements)
    if (!ts.isOmittedExpression(el)) out.push(...bindingNames(el.name));
  return out;
}
