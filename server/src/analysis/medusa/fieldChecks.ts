// Static facts for the auto-mocked container (run by the CLI and the debug runner, never by the
// language server): the field checks a workflow's own steps make before throwing
// (`if (!customer.has_account) throw ...`), so made-up records can take values that pass them.
// Reads the `createStep(...)` calls of the user's code only (not node_modules). Pure syntax.
import ts from 'typescript';
import type { AnalysisResult, CheckValue, FieldCheck, InputGuard } from '../model';
import {
  callAt,
  checksAtCall,
  functionFinder,
  literalInput,
  unwrap,
  valueOf,
  type FunctionFinder,
} from './fieldCheckSites';

/**
 * The checks made by the steps a workflow (by id) calls, read from their definitions, as each
 * call makes them (a guard on an input field the call passes as a literal is decided there).
 */
export function workflowFieldChecks(
  result: AnalysisResult,
  workflowId: string,
  readFile: (path: string) => string | undefined,
): FieldCheck[] {
  const workflow = result.workflows.find((w) => w.id === workflowId);
  if (!workflow) return [];
  const out: FieldCheck[] = [];
  const seen = new Set<string>();
  const byDefinition = new Map<string, FieldCheck[]>();
  const sources = new Map<string, ts.SourceFile | undefined>();
  const source = (file: string): ts.SourceFile | undefined => {
    if (!sources.has(file)) {
      const text = readFile(file);
      sources.set(file, text === undefined ? undefined : parse(file, text));
    }
    return sources.get(file);
  };
  for (const node of workflow.nodes) {
    const def = node.definition;
    if (node.kind !== 'step' || !def || /[\\/]node_modules[\\/]/.test(def.file)) continue;
    const key = `${def.file}:${def.span.start.line}:${def.span.start.character}`;
    let checks = byDefinition.get(key);
    if (!checks) {
      const sf = source(def.file);
      const invoke = sf && callAt(sf, def.span)?.arguments[1];
      checks = sf && invoke ? fieldChecksIn(invoke, node.name, functionFinder(sf, readFile)) : [];
      byDefinition.set(key, checks);
    }
    const site = source(node.callSite.file);
    const call = site && callAt(site, node.callSite.span);
    for (const check of checksAtCall(checks, call && literalInput(call))) {
      const text = JSON.stringify(check);
      if (seen.has(text)) continue;
      seen.add(text);
      out.push(check);
    }
  }
  return out;
}

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
}

/**
 * Every `if (cond) throw` (or a block whose own statements throw) under `root`: each disjunct of
 * `cond` that tests one field of a record becomes the value that field must have not to throw;
 * a disjunct that also tests the step's input (`status === 'active' && rental.status !==
 * 'pending'`) gives a check that holds only for that input. `!promo`, where `promo` holds what a
 * plain function of the user's returned (`find`), requires what makes that function return one.
 */
export function fieldChecksIn(root: ts.Node, step: string, find?: FunctionFinder): FieldCheck[] {
  const out: FieldCheck[] = [];
  const inputs = inputNames(root);
  // `const points = await service.getPoints(...)`: what a variable holds a call's result of.
  const results = new Map<string, string>();
  // `const promo = getCartLoyaltyPromotion(cart)`: what its result being there requires.
  const found = new Map<string, FieldCheck[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const method = calledMethod(node.initializer);
      if (method) results.set(node.name.text, method);
      const fn = find && calledFunction(node.initializer, find);
      if (fn) found.set(node.name.text, returnChecks(fn, step));
    }
    if (ts.isIfStatement(node) && throws(node.thenStatement)) {
      for (const part of disjuncts(node.expression)) {
        const [tested, when] = guarded(part, inputs);
        const checks = absentResult(tested, found) ?? [
          resultCheckOf(tested, step, results) ?? checkOf(tested, step),
        ];
        for (const check of checks)
          if (check) out.push(when.length > 0 ? { ...check, when } : check);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return out;
}

/** `helper(cart)` or `await helper(cart)`, when `helper` is a function of the user's code. */
function calledFunction(
  e: ts.Expression,
  find: FunctionFinder,
): ts.FunctionLikeDeclaration | undefined {
  let x = unwrap(e);
  if (ts.isAwaitExpression(x)) x = unwrap(x.expression);
  if (!ts.isCallExpression(x) || !ts.isIdentifier(x.expression)) return undefined;
  return find(x.expression.text);
}

/** `!promo` for a variable holding a function's result: the checks that make it return one. */
function absentResult(
  cond: ts.Expression,
  found: ReadonlyMap<string, FieldCheck[]>,
): FieldCheck[] | undefined {
  const x = unwrap(cond);
  if (!ts.isPrefixUnaryExpression(x) || x.operator !== ts.SyntaxKind.ExclamationToken)
    return undefined;
  const v = unwrap(x.operand);
  return ts.isIdentifier(v) ? found.get(v.text) : undefined;
}

/**
 * What makes `fn` return something (its names are its own: `cart` for its parameter): each
 * `if (cond) return` with no value before its last statement must not fire, and a last
 * `return cart.promotions.find((p) => p.id === cart.metadata.promo_id)` must find a row: the
 * key names one of the record's rows of that relation (`{ idOf: 'promotions' }`).
 */
function returnChecks(fn: ts.FunctionLikeDeclaration, step: string): FieldCheck[] {
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) return findCheck(body, step);
  const out: FieldCheck[] = [];
  for (const st of body.statements) {
    if (ts.isIfStatement(st) && !st.elseStatement && returnsNothing(st.thenStatement)) {
      for (const part of disjuncts(st.expression)) {
        const check = checkOf(part, step);
        if (check) out.push(check);
      }
    } else if (ts.isReturnStatement(st) && st.expression) {
      out.push(...findCheck(st.expression, step));
    }
  }
  return out;
}

function returnsNothing(st: ts.Statement): boolean {
  const only = ts.isBlock(st) && st.statements.length === 1 ? st.statements[0]! : st;
  if (!ts.isReturnStatement(only)) return false;
  const e = only.expression && unwrap(only.expression);
  return (
    !e || e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined')
  );
}

/** `rec.list.find((x) => x.id === rec.key)` (either side): rec.key names a row of rec.list. */
function findCheck(e: ts.Expression, step: string): FieldCheck[] {
  const call = unwrap(e);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return [];
  if (call.expression.name.text !== 'find') return [];
  const list = fieldOf(unwrap(call.expression.expression));
  const pred = call.arguments[0];
  if (!list || !pred || !(ts.isArrowFunction(pred) || ts.isFunctionExpression(pred))) return [];
  const param = pred.parameters[0]?.name;
  const test = ts.isBlock(pred.body) ? undefined : unwrap(pred.body);
  if (!param || !ts.isIdentifier(param) || !test || !ts.isBinaryExpression(test)) return [];
  const op = test.operatorToken.kind;
  if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken)
    return [];
  const isOwnId = (side: ts.Expression): boolean => {
    const y = unwrap(side);
    return (
      ts.isPropertyAccessExpression(y) &&
      y.name.text === 'id' &&
      ts.isIdentifier(y.expression) &&
      y.expression.text === param.text
    );
  };
  const other = isOwnId(test.left) ? test.right : isOwnId(test.right) ? test.left : undefined;
  const key = other && fieldOf(unwrap(other));
  if (!key || key.record !== list.record) return [];
  return [{ ...key, step, wants: { idOf: list.field } }];
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

/**
 * `customer.has_account`, `carts[0].customer?.has_account`: the record's name and the field. A key
 * of a record's `metadata` (a JSON field, not a relation) is a field of the record:
 * `cart.metadata.promo_id` gives cart and `metadata.promo_id`.
 */
function fieldOf(e: ts.Expression): { record: string; field: string } | undefined {
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  if (e.name.text === 'length') return undefined;
  const owner = unwrap(e.expression);
  if (ts.isPropertyAccessExpression(owner) && owner.name.text === 'metadata') {
    const inner = fieldOf(owner);
    return inner && { record: inner.record, field: `metadata.${e.name.text}` };
  }
  const record = nameOf(owner);
  if (record === undefined || /^(input|data|this|args|params)$/.test(record)) return undefined;
  return { record, field: e.name.text };
}

function nameOf(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e)) return nameOf(unwrap(e.expression));
  return undefined;
}
