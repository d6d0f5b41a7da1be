// Helpers of fieldChecks.ts (CLI and debug runner processes, never the language server): what a
// workflow's call of a step passes as literals (a guard on the step's input is decided there),
// and the plain functions of the user's own code a step calls (`getCartLoyaltyPromotion(cart)`),
// found in the step's file or a relative import. Pure syntax, files read through `readFile`.
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import type { CheckValue, FieldCheck, Span } from '../model';

export function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x) || ts.isAsExpression(x))
    x = x.expression;
  return x;
}

/** A literal, or an enum member (`QuoteStatus.PENDING_CUSTOMER`) named by its member. */
export function valueOf(e: ts.Expression): CheckValue | undefined {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (
    ts.isPropertyAccessExpression(e) &&
    ts.isIdentifier(e.expression) &&
    /^[A-Z]/.test(e.expression.text)
  )
    return { member: e.name.text };
  return undefined;
}

/** The call that starts at `span` in `sf` (the outermost one, as a chain starts there too). */
export function callAt(sf: ts.SourceFile, span: Span): ts.CallExpression | undefined {
  const start = sf.getPositionOfLineAndCharacter(span.start.line, span.start.character);
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.end < start || node.getStart(sf) > start) return;
    if (ts.isCallExpression(node) && node.getStart(sf) === start) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * What a step call passes, field by field, when its input is an object literal: the literal
 * values, null for a field whose value is not a literal, none for a field it does not name. Undefined when the input is anything else
 * (a variable, a spread: the fields cannot all be known).
 */
export function literalInput(call: ts.CallExpression): Map<string, CheckValue | null> | undefined {
  let step = call;
  // `step({...}).config({ name })`: the step's own call.
  const callee = step.expression;
  if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(callee.expression))
    step = callee.expression;
  const arg = step.arguments[0] && unwrap(step.arguments[0]);
  if (!arg || !ts.isObjectLiteralExpression(arg)) return undefined;
  const out = new Map<string, CheckValue | null>();
  for (const p of arg.properties) {
    if (ts.isSpreadAssignment(p)) return undefined;
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name : null;
    // A computed name could be any field.
    if (!name) return undefined;
    // `{ status }`, `{ status: input.status }`: named, its value known only when the run has it.
    const literal = ts.isPropertyAssignment(p) ? valueOf(unwrap(p.initializer)) : undefined;
    out.set(name.text, literal ?? null);
  }
  return out;
}

/**
 * The checks as this call of the step makes them: a guard on an input field the call passes as
 * a literal (`throwErrorOn: 'not-found'`) holds or not right here (an unnamed field is
 * undefined); other guards are left to the run's input.
 */
export function checksAtCall(
  checks: readonly FieldCheck[],
  input: Map<string, CheckValue | null> | undefined,
): FieldCheck[] {
  if (!input) return [...checks];
  const out: FieldCheck[] = [];
  for (const check of checks) {
    if (!check.when) {
      out.push(check);
      continue;
    }
    const open = check.when.filter((g) => input.get(g.input) === null);
    const decided = check.when.filter((g) => input.get(g.input) !== null);
    const fails = decided.some((g) => {
      const given = input.get(g.input);
      return given === undefined || JSON.stringify(given) !== JSON.stringify(g.equals);
    });
    if (fails) continue;
    const { when: _when, ...rest } = check;
    out.push(open.length > 0 ? { ...rest, when: open } : rest);
  }
  return out;
}

export type FunctionFinder = (name: string) => ts.FunctionLikeDeclaration | undefined;

/**
 * The plain functions a step's file can call by name: declared in the file, or imported by name
 * from a relative module of the user's (`import { getCartLoyaltyPromotion } from '../utils/promo'`).
 */
export function functionFinder(
  sf: ts.SourceFile,
  readFile: (path: string) => string | undefined,
): FunctionFinder {
  const cache = new Map<string, ts.FunctionLikeDeclaration | undefined>();
  return (name) => {
    if (!cache.has(name)) cache.set(name, find(sf, name, readFile, 0));
    return cache.get(name);
  };
}

function find(
  sf: ts.SourceFile,
  name: string,
  readFile: (path: string) => string | undefined,
  depth: number,
): ts.FunctionLikeDeclaration | undefined {
  const own = declared(sf, name);
  if (own || depth > 2) return own;
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const spec = st.moduleSpecifier.text;
    const bindings = st.importClause?.namedBindings;
    if (!spec.startsWith('.') || !bindings || !ts.isNamedImports(bindings)) continue;
    const el = bindings.elements.find((e) => e.name.text === name);
    if (!el) continue;
    const other = sourceOf(resolve(dirname(sf.fileName), spec), readFile);
    return other && find(other, (el.propertyName ?? el.name).text, readFile, depth + 1);
  }
  return undefined;
}

function declared(sf: ts.SourceFile, name: string): ts.FunctionLikeDeclaration | undefined {
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name && st.body) return st;
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== name || !d.initializer) continue;
      const init = unwrap(d.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
  }
  return undefined;
}

function sourceOf(
  base: string,
  readFile: (path: string) => string | undefined,
): ts.SourceFile | undefined {
  for (const path of [base, `${base}.ts`, `${base}.js`, `${base}/index.ts`, `${base}/index.js`]) {
    if (/\.(ts|js)$/.test(base) && path !== base) continue;
    const text = /\.(ts|js)$/.test(path) ? readFile(path) : undefined;
    if (text !== undefined) return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  }
  return undefined;
}
