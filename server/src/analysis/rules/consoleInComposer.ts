// MW015: console calls in the composer run once, at definition, not on every run.
import ts from 'typescript';
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic, replaceRange, uniqueBy } from './util';

export const consoleInComposer: Rule = {
  code: 'MW015',
  severity: 'warning',
  doc: '`console.log` (or any console call) in the composer: it runs once when the workflow is defined, not when it runs; log inside a step or a transform.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      for (const f of uniqueBy(
        wf.facts.filter((f) => f.kind === 'console'),
        (f) => f.node,
      )) {
        const st = f.node.parent;
        const fixes = ts.isExpressionStatement(st)
          ? [{ title: 'Remove this console call', edits: [removeStatement(st)] }]
          : [];
        out.push(
          diagnostic(
            'MW015',
            'warning',
            `\`${f.detail}\` in the composer of workflow "${wf.model.id}" runs once, when the workflow is defined, not when it runs.`,
            f.node,
            fixes,
          ),
        );
      }
    }
    return out;
  },
};

function removeStatement(st: ts.Statement): ReturnType<typeof replaceRange> {
  const sf = st.getSourceFile();
  const text = sf.text;
  let start = st.getStart();
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = st.getEnd();
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return replaceRange(st, start, end, '');
}
