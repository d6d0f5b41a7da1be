// MW002: plain JavaScript on step outputs in the composer runs once, on placeholders.
import ts from 'typescript';
import type { Diagnostic, QuickFix } from '../model';
import type { Rule } from './types';
import { whenFix } from './whenFix';
import { diagnostic, replaceNode, uniqueBy } from './util';

export const plainLogic: Rule = {
  code: 'MW002',
  severity: 'warning',
  doc: 'Plain JavaScript logic on step outputs or the input in the composer (`if`, `?:`, `&&`/`||`/`??`, `!`, `===`, `switch`, `while`): it runs once at definition on placeholders, which are always truthy objects; use `when` or `transform`.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      const facts = uniqueBy(
        wf.facts.filter((f) => f.kind === 'jsLogic'),
        (f) => f.node,
      );
      for (const f of facts) {
        const isStatement = ts.isIfStatement(f.node.parent) && f.node.parent.expression === f.node;
        const what =
          isStatement || ts.isIterationStatement(f.node, false) || ts.isSwitchStatement(f.node)
            ? 'use `when(...).then(...)` for conditional steps, or `transform` for values'
            : 'wrap it in `transform`';
        const fix = !ts.isExpression(f.node)
          ? undefined
          : isStatement
            ? whenFix(f.node.parent as ts.IfStatement)
            : transformFix(f.node);
        out.push(
          diagnostic(
            'MW002',
            'warning',
            `${capitalize(f.detail)} on a step output or the input runs once, at definition, on a placeholder (workflow "${wf.model.id}"): ${what}.`,
            f.node,
            fix ? [fix] : undefined,
          ),
        );
      }
    }
    return out;
  },
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `transform({ a, b }, ({ a, b }) => <expr>)` over the free identifiers of the expression. */
export function transformFix(expr: ts.Expression): QuickFix | undefined {
  const free = freeIdentifiers(expr);
  if (free.length === 0) return undefined;
  const names = free.join(', ');
  return {
    title: 'Wrap in transform()',
    edits: [replaceNode(expr, `transform({ ${names} }, ({ ${names} }) => ${expr.getText()})`)],
  };
}

function freeIdentifiers(expr: ts.Expression): string[] {
  const declared = new Set<string>();
  const used: string[] = [];
  const visit = (n: ts.Node): void => {
    if (
      (ts.isParameter(n) || ts.isVariableDeclaration(n) || ts.isBindingElement(n)) &&
      ts.isIdentifier(n.name)
    )
      declared.add(n.name.text);
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isMemberName =
        (ts.isPropertyAccessExpression(p) && p.name === n) ||
        (ts.isPropertyAssignment(p) && p.name === n);
      if (!isMemberName && !used.includes(n.text) && !GLOBALS.has(n.text)) used.push(n.text);
    }
    n.forEachChild(visit);
  };
  visit(expr);
  return used.filter((u) => !declared.has(u));
}

const GLOBALS = new Set([
  'undefined',
  'JSON',
  'Math',
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Date',
  'console',
]);
