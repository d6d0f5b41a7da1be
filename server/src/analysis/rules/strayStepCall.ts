// MW012: a step called outside any createWorkflow composer throws.
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic, uniqueBy } from './util';

export const strayStepCall: Rule = {
  code: 'MW012',
  severity: 'error',
  doc: 'A step called outside `createWorkflow` (at module level, in a step, in a route handler): Medusa throws "createStep must be used inside a createWorkflow definition".',
  check(input) {
    const out: Diagnostic[] = [];
    for (const { def, call } of uniqueBy(input.stray, (s) => s.call)) {
      out.push(
        diagnostic(
          'MW012',
          'error',
          `Step "${def.name}" is called outside a createWorkflow composer: Medusa throws "createStep must be used inside a createWorkflow definition". Run it through a workflow.`,
          call,
        ),
      );
    }
    return out;
  },
};
