// MW003: side effects in the composer happen once, at definition, not when the workflow runs.
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic, uniqueBy } from './util';

export const sideEffects: Rule = {
  code: 'MW003',
  severity: 'warning',
  doc: 'A side effect in the composer outside any step (`container.resolve`, service or `fetch` calls): it runs once when the workflow is defined, never at run time; move it into a step.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      for (const f of uniqueBy(
        wf.facts.filter((f) => f.kind === 'sideEffect'),
        (f) => f.node,
      )) {
        out.push(
          diagnostic(
            'MW003',
            'warning',
            `\`${f.detail}(...)\` in the composer of workflow "${wf.model.id}" runs once, at definition, not when the workflow runs: move it into a step.`,
            f.node,
          ),
        );
      }
    }
    return out;
  },
};
