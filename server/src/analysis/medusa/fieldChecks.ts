// Static facts for the auto-mocked container (run by the CLI and the debug runner, never by the
// language server): the field checks a workflow's own steps make before throwing
// (`if (!customer.has_account) throw ...`), so made-up records can take values that pass them.
// Reads the `createStep(...)` calls of the user's code only (not node_modules). Pure syntax.
import ts from 'typescript';
import type { AnalysisResult, CheckValue, FieldCheck, InputGuard, Span } from '../model';

/** The checks made by the steps a workflow (by id) calls, read from their definitions. */
export function workflowFieldChecks(
  result: AnalysisResult,
  workflowId: string,
  readFile: (path: string) => string | undefined,
): FieldCheck[] {
  const workflow = result.workflows.find((w) => w.id === workflowId);
  if (!workflow) return [];
  const out: FieldCheck[] = [];
  const seen = new Set<string>();
  for (const node of workflow.nodes) {
    const def = node.definition;
    if (node.kind !== 'step' || !def || /[\\/]node_modules[\\/]/.test(def.file)) continue;
    const key = `${def.file}:${def.span.start.line}:${def.span.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = readFile(def.file);
    if (text === undefined) continue;
    const sf = ts.createSourceFile(def.file, text, ts.ScriptTarget.Latest, true);
    const call = callAt(sf, def.span);
    const invoke = call?.arguments[1];
    if (invoke) out.push(...fieldChecksIn(invoke, node.name));
  }
  return out;
}

/** The `createStep(...)` call that starts at `span`. */
function callAt(sf: ts.SourceFile, span: Span): ts.CallExpression | undefined {
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
 * Every `if (cond) throw` (or a block whose own statements throw) under `root`: each disjunct of
 * `cond` that tests one field of a record becomes the value that field must have not to throw;
 * a disjunct that also tests the step's input (`status === 'active' && rental.status !==
 * 'pending'`) gives a check that holds only for that input.
 */
export function fieldChecksIn(root: ts.Node, step: string): FieldCheck[] {
  const out: FieldCheck[] = [];
  const inputs = inputNames(root);
  // `const points = await service.getPoints(...)`: what a variable holds a call's result of.
  const results = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const method = calledMethod(node.initializer);
      if (method) results.set(node.name.text, method);
    }
    if (ts.isIfStatement(node) && throws(node.thenStatement)) {
      for (const part of disjuncts(node.expression)) {
        const [tested, when] = guarded(part, inputs);
        const check = resultCheckOf(tested, step, results) ?? checkOf(tested, step);
        if (check) out.push(when.length > 0 ? { ...check, when } : check);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return out;
}

/** A step function's input: its destructured fields by local name (`({ status: s })` gives
 * s -> status), or the parameter's name (`(input)`, read as `input.status`). */
interface StepInput {
  locals: Map<string, string>;
  object?: string;
}

function inputNames(root: ts.Node): StepInput {
  const locals = new Map<string, string>();
  if (!ts.isFunctionLike(root)) return { locals };
  const param = root.parameters[0]?.name;
  if (param && ts.isIdentifier(param)) return { locals, object: param.text };
  if (param && ts.isObjectBindingPattern(param)) {
    for (const el of param.elements) {
      const key = el.propertyName ?? el.name;
      if (!el.dotDotDotToken && ts.isIdentifier(el.name) && ts.isIdentifier(key))
        locals.set(el.name.text, key.text);
    }
  }
  return { locals };
}

/**
 * `a && b && c` where every conjunct but one tests the step's input against a literal: that one
 * conjunct and the guards. Anything else comes back whole, unguarded.
 */
function guarded(part: ts.Expression, inputs: StepInput): [ts.Expression, InputGuard[]] {
  const all = conjuncts(part);
  if (all.length < 2) return [part, []];
  const guards = all.map((c) => guardOf(c, inputs));
  const rest = all.filter((_, i) => guards[i] === undefined);
  if (rest.length !== 1) return [part, []];
  return [rest[0]!, guards.filter((g): g is InputGuard => g !== undefined)];
}

function conjuncts(e: ts.Expression): ts.Expression[] {
  const x = unwrap(e);
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
    return [...conjuncts(x.left), ...conjuncts(x.right)];
  return [x];
}

/** `status === 'active'` (or `input.status === 'active'`) on the step's input: the guard. */
function guardOf(e: ts.Expression, inputs: StepInput): InputGuard | undefined {
  const x = unwrap(e);
  if (!ts.isBinaryExpression(x)) return undefined;
  const op = x.operatorToken.kind;
  if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken)
    return undefined;
  const field = (side: ts.Expression): string | undefined => {
    const y = unwrap(side);
    if (ts.isIdentifier(y)) return inputs.locals.get(y.text);
    if (ts.isPropertyAccessExpression(y) && ts.isIdentifier(y.expression))
      return y.expression.text === inputs.object ? y.name.text : undefined;
    return undefined;
  };
  const [name, literal] = field(x.left) ? [field(x.left), x.right] : [field(x.right), x.left];
  const value = valueOf(unwrap(literal));
  return name !== undefined && value !== undefined ? { input: name, equals: value } : undefined;
}

function throws(statement: ts.Statement): boolean {
  if (ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.some(ts.isThrowStatement);
}

/** `a || b || c` -> [a, b, c]: each must be false for the step not to throw. */
function disjuncts(e: ts.Expression): ts.Expression[] {
  const x = unwrap(e);
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    return [...disjuncts(x.left), ...disjuncts(x.right)];
  return [x];
}

function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x) || ts.isAsExpression(x))
    x = x.expression;
  return x;
}

/** The check a condition (that must be false) makes, when it tests one field of a record. */
function checkOf(cond: ts.Expression, step: string): FieldCheck | undefined {
  const x = unwrap(cond);
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = unwrap(x.operand);
    // `!!cart.order` tests what `cart.order` does.
    if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken)
      return checkOf(inner.operand, step);
    const field = fieldOf(inner);
    if (field) return { ...field, step, wants: { truthy: true } };
    // `![...].includes(rec.status)`
    if (ts.isCallExpression(inner)) return includesCheck(inner, step);
    return undefined;
  }
  const field = fieldOf(x);
  if (field) return { ...field, step, wants: { truthy: false } };
  if (!ts.isBinaryExpression(x)) return undefined;
  const op = x.operatorToken.kind;
  const equal =
    op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const differ =
    op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !differ) return undefined;
  const [side, other] = fieldOf(unwrap(x.left)) ? [x.left, x.right] : [x.right, x.left];
  const target = fieldOf(unwrap(side));
  const value = valueOf(unwrap(other));
  if (!target || value === undefined) return undefined;
  return { ...target, step, wants: differ ? { equals: value } : { differs: value } };
}

function includesCheck(call: ts.CallExpression, step: string): FieldCheck | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'includes') return undefined;
  const list = unwrap(callee.expression);
  const arg = call.arguments[0];
  const target = arg ? fieldOf(unwrap(arg)) : undefined;
  if (!target || !ts.isArrayLiteralExpression(list)) return undefined;
  const values = list.elements.map((e) => valueOf(unwrap(e)));
  if (values.length === 0 || values.some((v) => v === undefined)) return undefined;
  return { ...target, step, wants: { oneOf: values as CheckValue[] } };
}

/** `await service.getPoints(id)` -> getPoints. */
function calledMethod(e: ts.Expression): string | undefined {
  let x = unwrap(e);
  if (ts.isAwaitExpression(x)) x = unwrap(x.expression);
  if (!ts.isCallExpression(x) || !ts.isPropertyAccessExpression(x.expression)) return undefined;
  return x.expression.name.text;
}

/**
 * A condition on a service call's result (`!points`, `points <= 0`, `rows.length === 0`): the
 * result the method must give not to throw, as a check of the record named after the method.
 */
function resultCheckOf(
  cond: ts.Expression,
  step: string,
  results: ReadonlyMap<string, string>,
): FieldCheck | undefined {
  const x = unwrap(cond);
  const methodOf = (e: ts.Expression): { method: string; field: string } | undefined => {
    const y = unwrap(e);
    if (ts.isIdentifier(y) && results.has(y.text))
      return { method: results.get(y.text)!, field: '' };
    if (ts.isPropertyAccessExpression(y) && y.name.text === 'length') {
      const z = unwrap(y.expression);
      if (ts.isIdentifier(z) && results.has(z.text))
        return { method: results.get(z.text)!, field: 'length' };
    }
    return undefined;
  };
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    const target = methodOf(x.operand);
    return target && { step, record: `${target.method}()`, ...target, wants: { truthy: true } };
  }
  if (!ts.isBinaryExpression(x)) return undefined;
  const target = methodOf(x.left);
  const bound = unwrap(x.right);
  if (!target || !ts.isNumericLiteral(bound)) return undefined;
  const n = Number(bound.text);
  const op = x.operatorToken.kind;
  // The result must stay above what makes the step throw.
  const above =
    op === ts.SyntaxKind.LessThanEqualsToken || op === ts.SyntaxKind.EqualsEqualsEqualsToken
      ? n
      : op === ts.SyntaxKind.LessThanToken
        ? n - 1
        : undefined;
  if (above === undefined) return undefined;
  return { step, record: `${target.method}()`, ...target, wants: { above } };
}

/** `customer.has_account`, `carts[0].customer?.has_account`: the record's name and the field. */
function fieldOf(e: ts.Expression): { record: string; field: string } | undefined {
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  if (e.name.text === 'length') return undefined;
  const record = nameOf(unwrap(e.expression));
  if (record === undefined || /^(input|data|this|args|params)$/.test(record)) return undefined;
  return { record, field: e.name.text };
}

function nameOf(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e)) return nameOf(unwrap(e.expression));
  return undefined;
}

/** A literal, or an enum member (`QuoteStatus.PENDING_CUSTOMER`) named by its member. */
function valueOf(e: ts.Expression): CheckValue | undefined {
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
