// MW004 (hint): a step that looks like it changes state but has no compensation.
import ts from 'typescript';
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic, indentOf, insertAt } from './util';

const MUTATING_NAME =
  /^(?:create|update|delete|remove|upsert|insert|add|set|cancel|reserve|charge|capture|refund|archive|restore|attach|detach|link|dismiss|transfer|adjust|register|release)(?:[-_A-Z]|$)/;
const MUTATING_CALL =
  /\.(?:create|update|delete|softDelete|remove|upsert|restore|insert|cancel|capture|refund|charge|reserve)\w*\s*\(/;

export const missingCompensation: Rule = {
  code: 'MW004',
  severity: 'hint',
  doc: 'Hint: a step that seems to change state (by its name or its service calls) has no compensation, so a later failure cannot undo it.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const { def } of input.steps) {
      if (def.hasCompensation || def.dynamic || !def.invokeFn) continue;
      const byName = MUTATING_NAME.test(def.name) || MUTATING_NAME.test(camelName(def.call));
      const byCalls = MUTATING_CALL.test(def.invokeFn.getText());
      if (!byName && !byCalls) continue;
      const why = byCalls
        ? 'its invoke calls a service method that changes data'
        : 'its name says it changes state';
      const indent = indentOf(def.call);
      const stub = `,\n${indent}  async (compensateInput, { container }) => {\n${indent}    // Undo what the step did, using the second argument of its StepResponse.\n${indent}  }`;
      out.push(
        diagnostic(
          'MW004',
          'hint',
          `Step "${def.name}" has no compensation but ${why}: if a later step fails, this change is not undone.`,
          def.call.expression,
          [
            {
              title: 'Add a compensation stub',
              edits: [insertAt(def.call, def.invokeFn.getEnd(), stub)],
            },
          ],
        ),
      );
    }
    return out;
  },
};

function camelName(call: ts.CallExpression): string {
  const p = call.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return '';
}
