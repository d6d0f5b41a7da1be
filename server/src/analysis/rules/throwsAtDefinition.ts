// MW017: operations on a step output (or the input) that throw when the workflow is defined.
import ts from 'typescript';
import type { Diagnostic } from '../model';
import { transformFix } from './plainLogic';
import type { Rule } from './types';
import { diagnostic, uniqueBy } from './util';

export const throwsAtDefinition: Rule = {
  code: 'MW017',
  severity: 'error',
  doc: 'An operation on a step output or the input that throws when the workflow is defined: a method call (`items.map()`), a template string, arithmetic or `<`/`==` comparisons, `for...of`, spreading or array destructuring; use `transform`.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      for (const f of uniqueBy(
        wf.facts.filter((f) => f.kind === 'throws'),
        (f) => f.node,
      )) {
        const fix = ts.isExpression(f.node) ? transformFix(f.node) : undefined;
        out.push(
          diagnostic(
            'MW017',
            'error',
            `${capitalize(f.detail)} on a step output or the input throws when workflow "${wf.model.id}" is defined: it is a placeholder, not the value. Use \`transform\`.`,
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
