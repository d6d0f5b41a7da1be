// Operator semantics on abstract values: constant folding and placeholder truthiness.
import ts from 'typescript';
import { lit, UNKNOWN, type Value } from './abstractValues';

/** Truthiness at definition time: placeholders are objects, so always truthy. */
export function truthy(v: Value): boolean | 'proxy' | 'unknown' {
  if (v.k === 'lit') return !!v.v;
  if (v.k === 'ref') return 'proxy';
  if (v.k === 'unknown') return 'unknown';
  return true;
}

export const OBJECT_METHODS = new Set([
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
]);

export const STRICT_OR_NON_CONVERTING = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.InKeyword,
  ts.SyntaxKind.InstanceOfKeyword,
]);

export const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

export function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken)
    return skipParens(e.right);
  return e;
}

export function fold(op: ts.SyntaxKind, a: unknown, b: unknown): Value {
  const x = a as number;
  const y = b as number;
  switch (op) {
    case ts.SyntaxKind.PlusToken:
      return typeof a === 'string' || typeof b === 'string'
        ? lit(String(a) + String(b))
        : lit(x + y);
    case ts.SyntaxKind.MinusToken:
      return lit(x - y);
    case ts.SyntaxKind.AsteriskToken:
      return lit(x * y);
    case ts.SyntaxKind.SlashToken:
      return lit(x / y);
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
      return lit(a === b);
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      return lit(a !== b);
    default:
      return UNKNOWN;
  }
}
