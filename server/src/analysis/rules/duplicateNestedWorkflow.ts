// MW010: the same child workflow run twice as a step needs a name for the second use.
import type { Rule } from './types';
import { repeatedCalls } from './repeatedCalls';
import { diagnostic } from './util';

export const duplicateNestedWorkflow: Rule = {
  code: 'MW010',
  severity: 'error',
  doc: 'The same nested workflow is run twice (`runAsStep`) without `.config({ name })`: both record the step `<child-id>-as-step` and Medusa refuses the duplicate.',
  check(input) {
    return repeatedCalls(input)
      .filter((r) => r.node.kind === 'nested-workflow')
      .map((r) =>
        diagnostic(
          'MW010',
          'error',
          `Workflow "${r.node.name}" already runs as step "${r.node.id}" in workflow "${r.workflow.model.id}": name this use with \`.config({ name: '...' })\`.`,
          r.call.handle.site,
          r.fixes,
        ),
      );
  },
};
