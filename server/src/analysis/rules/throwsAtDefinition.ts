// MW017: operations on a step output (or the input) that throw when the workflow is defined.
import ts from 'typescript';
import type { Diagnostic, QuickFix } from '../model';
import { transformFix } from './plainLogic';
import type { Rule } from './types';
import { diagnostic, replaceNode, uniqueBy } from './util';

export const throwsAtDefinition: Rule = {
  code: 'MW017',
  severity: 'error',
  doc: 'An operation that throws when the workflow is defined: on a step output or the input, a method call (`items.map()`), a template string, arithmetic or `<`/`==` comparisons, `for...of`, spreading or array destructuring (use `transform`); `myStep.config()` on the step function (config goes on the call: `myStep(input).config()`).',
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
      for (const f of uniqueBy(
        wf.facts.filter((f) => f.kind === 'stepConfig'),
        (f) => f.node,
      )) {
        const fix = ts.isCallExpression(f.node) ? moveConfigFix(f.node) : undefined;
        out.push(
          diagnostic(
            'MW017',
            'error',
            `\`${f.detail}\` throws when workflow "${wf.model.id}" is defined: a step function has no \`.config()\`, the result of calling it has. Write \`step(input).config({...})\`.`,
            f.node,
            fix ? [fix] : undefined,
          ),
        );
      }
    }
    return out;
  },
};

/** `myStep.config(c)(args)` to `myStep(args).config(c)`. */
function moveConfigFix(configCall: ts.CallExpression): QuickFix | undefined {
  const outer = configCall.parent;
  const callee = configCall.expression;
  if (!ts.isCallExpression(outer) || outer.expression !== configCall) return undefined;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const step = callee.expression.getText();
  const args = outer.arguments.map((a) => a.getText()).join(', ');
  const config = configCall.arguments.map((a) => a.getText()).join(', ');
  return {
    title: 'Move .config() onto the step call',
    edits: [replaceNode(outer, `${step}(${args}).config(${config})`)],
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
