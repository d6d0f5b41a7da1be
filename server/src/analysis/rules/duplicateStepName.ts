// MW005: two calls record the same step name; the engine refuses the workflow.
import type { Rule } from './types';
import { repeatedCalls } from './repeatedCalls';
import { diagnostic } from './util';

export const duplicateStepName: Rule = {
  code: 'MW005',
  severity: 'error',
  doc: 'The same step name is recorded twice in one workflow (a step called twice without `.config({ name })`): Medusa fails with "Step <name> is already defined in workflow".',
  check(input) {
    return repeatedCalls(input)
      .filter((r) => r.node.kind !== 'nested-workflow')
      .map((r) =>
        diagnostic(
          'MW005',
          'error',
          `Step "${r.node.id}" is already defined in workflow "${r.workflow.model.id}": call it with \`.config({ name: '...' })\` to give this use its own name.`,
          r.call.handle.site,
          r.fixes,
        ),
      );
  },
};
