// How the analyzer's interpreter (evaluator.ts) folds literals and operators: template strings,
// object and array literals, `&&`/`||`/`??`, assignments, `?:` and prefix operators, noting the
// JavaScript a composer may not run on placeholders. Called by evaluator.ts only.
import ts from 'typescript';
import type { Evaluator } from './evaluator';
import { EQUALITY, fold, STRICT_OR_NON_CONVERTING, truthy } from './operators';
import { lit, UNDEF, UNKNOWN, type Scope, type Value } from './abstractValues';

export function templateExpr(ev: Evaluator, node: ts.TemplateExpression, scope: Scope): Value {
  let text = node.head.text;
  let known = true;
  let proxy = false;
  for (const span of node.templateSpans) {
    const v = ev.eval(span.expression, scope);
    if (v.k === 'ref') proxy = true;
    if (v.k === 'lit') text += String(v.v) + span.literal.text;
    else known = false;
  }
  if (proxy) ev.fact('throws', node, 'a template string');
  return known ? lit(text) : UNKNOWN;
}

export function objectExpr(ev: Evaluator, node: ts.ObjectLiteralExpression, scope: Scope): Value {
  const props = new Map<string, Value>();
  let open = false;
  let spreads = 0;
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p)) {
      const key = propName(ev, p.name, scope);
      const v = ev.eval(p.initializer, scope);
      if (key === undefined) open = true;
      else props.set(key, v);
    } else if (ts.isShorthandPropertyAssignment(p)) {
      props.set(p.name.text, ev.lookup(p.name.text, scope));
    } else if (ts.isSpreadAssignment(p)) {
      const v = ev.eval(p.expression, scope);
      if (v.k === 'obj') {
        for (const [k, x] of v.props) props.set(k, x);
        open ||= !!v.open;
      } else if (v.k !== 'lit') {
        open = true;
        props.set(`...${spreads++}`, v);
      }
    } else if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p)) {
      const key = propName(ev, p.name, scope);
      if (key !== undefined) props.set(key, { k: 'fn', node: p, scope });
    }
  }
  return { k: 'obj', props, open };
}

/** A property name as a string, computed names folded when they are constant. */
export function propName(ev: Evaluator, name: ts.PropertyName, scope: Scope): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
    return name.text;
  if (ts.isComputedPropertyName(name)) {
    const v = ev.eval(name.expression, scope);
    return v.k === 'lit' && v.v !== undefined && v.v !== null ? String(v.v) : undefined;
  }
  return undefined;
}

export function arrayExpr(ev: Evaluator, node: ts.ArrayLiteralExpression, scope: Scope): Value {
  const items: Value[] = [];
  let open = false;
  for (const el of node.elements) {
    if (ts.isSpreadElement(el)) {
      const v = ev.eval(el.expression, scope);
      if (v.k === 'arr') {
        items.push(...v.items);
        open ||= !!v.open;
      } else {
        if (v.k === 'ref') ev.fact('throws', el, 'spreading `...` (a placeholder is not iterable)');
        open = true;
        items.push(v);
      }
    } else if (ts.isOmittedExpression(el)) items.push(UNDEF);
    else items.push(ev.eval(el, scope));
  }
  return { k: 'arr', items, open };
}

export function binaryExpr(ev: Evaluator, node: ts.BinaryExpression, scope: Scope): Value {
  const op = node.operatorToken.kind;
  if (
    op === ts.SyntaxKind.AmpersandAmpersandToken ||
    op === ts.SyntaxKind.BarBarToken ||
    op === ts.SyntaxKind.QuestionQuestionToken
  ) {
    const l = ev.eval(node.left, scope);
    const t = truthy(l);
    if (t === 'proxy') ev.fact('jsLogic', node, `\`${node.operatorToken.getText()}\``);
    if (t === 'unknown') {
      ev.withDynamic(() => ev.eval(node.right, scope));
      return UNKNOWN;
    }
    if (op === ts.SyntaxKind.QuestionQuestionToken) {
      return l.k === 'lit' && (l.v === null || l.v === undefined) ? ev.eval(node.right, scope) : l;
    }
    const takeRight = op === ts.SyntaxKind.AmpersandAmpersandToken ? t !== false : t === false;
    return takeRight ? ev.eval(node.right, scope) : l;
  }
  if (op === ts.SyntaxKind.EqualsToken) {
    const r = ev.eval(node.right, scope);
    assign(ev, node.left, r, scope);
    return r;
  }
  if (op === ts.SyntaxKind.CommaToken) {
    ev.eval(node.left, scope);
    return ev.eval(node.right, scope);
  }
  const l = ev.eval(node.left, scope);
  const r = ev.eval(node.right, scope);
  if (l.k === 'ref' || r.k === 'ref') {
    // Anything that converts a placeholder to a primitive throws (its Symbol.toPrimitive is a
    // lazy reference, not a function); strict equality, `in` and `instanceof` do not.
    const kind = STRICT_OR_NON_CONVERTING.has(op) ? 'jsLogic' : 'throws';
    ev.fact(kind, node, `the \`${node.operatorToken.getText()}\` operator`);
    // A placeholder object never equals a literal.
    if ((l.k === 'lit' || r.k === 'lit') && EQUALITY.has(op))
      return lit(
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
          op === ts.SyntaxKind.ExclamationEqualsToken,
      );
    return UNKNOWN;
  }
  if (l.k !== 'lit' || r.k !== 'lit') return UNKNOWN;
  return fold(op, l.v, r.v);
}

function assign(ev: Evaluator, target: ts.Expression, v: Value, scope: Scope): void {
  if (ts.isIdentifier(target)) {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.vars.has(target.text) || !s.parent) {
        if (s.parent || s.vars.has(target.text)) s.vars.set(target.text, v);
        return;
      }
    }
  } else if (ts.isPropertyAccessExpression(target)) {
    const obj = ev.eval(target.expression, scope);
    if (obj.k === 'obj') obj.props.set(target.name.text, v);
  } else if (ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target)) {
    // Destructuring assignment: not tracked.
  }
}

export function conditionalExpr(
  ev: Evaluator,
  node: ts.ConditionalExpression,
  scope: Scope,
): Value {
  const t = truthy(ev.eval(node.condition, scope));
  if (t === 'proxy') ev.fact('jsLogic', node, 'a `?:` conditional');
  if (t === 'unknown') return ev.withDynamic(() => ev.eval(node.whenTrue, scope));
  return ev.eval(t === false ? node.whenFalse : node.whenTrue, scope);
}

export function prefixExpr(ev: Evaluator, node: ts.PrefixUnaryExpression, scope: Scope): Value {
  const v = ev.eval(node.operand, scope);
  if (v.k === 'ref') {
    const kind = node.operator === ts.SyntaxKind.ExclamationToken ? 'jsLogic' : 'throws';
    ev.fact(kind, node, `the \`${ts.tokenToString(node.operator) ?? ''}\` operator`);
    // A placeholder is an object: `!placeholder` is false at definition time, whatever it holds.
    return node.operator === ts.SyntaxKind.ExclamationToken ? lit(false) : UNKNOWN;
  }
  if (v.k !== 'lit')
    return node.operator === ts.SyntaxKind.ExclamationToken && v.k !== 'unknown'
      ? lit(false)
      : UNKNOWN;
  switch (node.operator) {
    case ts.SyntaxKind.ExclamationToken:
      return lit(!v.v);
    case ts.SyntaxKind.MinusToken:
      return lit(-Number(v.v));
    case ts.SyntaxKind.PlusToken:
      return lit(Number(v.v));
    default:
      return UNKNOWN;
  }
}
