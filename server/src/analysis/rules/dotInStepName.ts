// MW019: a '.' in a step's name. Medusa's orchestrator finds a step's parent by cutting the step's
// id (`_root.<step>.<step>...`) at its last '.', so such a step has no parent there and every run
// of the workflow fails before its first step (the engine does the same: runtime/scheduling.ts).
// The quick fix renames the step where its name is written (createStep, createWorkflow or the
// call's `.config({ name })`), in whichever file that is.
import ts from 'typescript';
import type { StepCall } from '../medusa/workflowGraphRecorder';
import type { Diagnostic, QuickFix } from '../model';
import type { Rule } from './types';
import { diagnostic, replaceNode } from './util';

const DOC =
  "A step name (or a nested workflow's id, in its `<id>-as-step`) with a `.` in it: Medusa finds a step's parent by cutting its id at the last `.`, so every run of the workflow fails before its first step, with TypeError \"Cannot read properties of undefined (reading 'id')\".";

export const dotInStepName: Rule = {
  code: 'MW019',
  severity: 'error',
  doc: DOC,
  check(input) {
    const out: Diagnostic[] = [];
    for (const workflow of input.workflows) {
      const reported = new Set<string>();
      for (const call of workflow.calls) {
        const node = call.handle.node;
        if (node.dynamic || node.kind === 'transform' || !node.id.includes('.')) continue;
        if (reported.has(node.id)) continue;
        reported.add(node.id);
        const renamed = node.id.replace(/\./g, '-');
        out.push(
          diagnostic(
            'MW019',
            'error',
            `Step "${node.id}" has a "." in its name: Medusa cannot run workflow "${workflow.model.id}" (every run fails before its first step with TypeError "Cannot read properties of undefined (reading 'id')"); name it without a ".", e.g. "${renamed}".`,
            call.handle.site,
            renameFixes(call, node.id, renamed),
          ),
        );
      }
    }
    return out;
  },
};

/** The rename, where the name is written as a string literal; none when it is computed. A name
 * of a nested workflow's step is its workflow's id (`<id>-as-step`). */
function renameFixes(call: StepCall, id: string, renamed: string): QuickFix[] {
  const written = nameLiteral(call, id);
  if (!written) return [];
  const quote = written.getText().charAt(0);
  const workflow = call.nested !== undefined && !call.configCall;
  const name = workflow ? renamed.replace(/-as-step$/, '') : renamed;
  return [
    {
      title: `Rename the ${workflow ? 'workflow' : 'step'} to "${name}"`,
      edits: [replaceNode(written, `${quote}${name}${quote}`)],
    },
  ];
}

function nameLiteral(call: StepCall, id: string): ts.StringLiteralLike | undefined {
  const fromConfig = nameProperty(call.configCall?.arguments[0]);
  if (call.configCall) return fromConfig?.text === id ? fromConfig : undefined;
  const defined = (call.def ?? call.nested)?.call.arguments[0];
  const literal = defined && ts.isStringLiteralLike(defined) ? defined : nameProperty(defined);
  const expected = call.nested ? id.replace(/-as-step$/, '') : id;
  return literal?.text === expected ? literal : undefined;
}

/** `{ name: '...' }`: the literal. */
function nameProperty(arg: ts.Expression | undefined): ts.StringLiteralLike | undefined {
  if (!arg || !ts.isObjectLiteralExpression(arg)) return undefined;
  for (const p of arg.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name) || p.name.text !== 'name') continue;
    return ts.isStringLiteralLike(p.initializer) ? p.initializer : undefined;
  }
  return undefined;
}
