// MW010: the same child workflow run twice as a step needs a name for the second use.
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic, renameFix } from './util';

export const duplicateNestedWorkflow: Rule = {
  code: 'MW010',
  severity: 'error',
  doc: 'The same nested workflow is run twice (`runAsStep`) without `.config({ name })`: both record the step `<child-id>-as-step` and Medusa refuses the duplicate.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      const seen = new Set<string>();
      const taken = new Set(wf.model.nodes.map((n) => n.id));
      for (const call of wf.calls) {
        const node = call.handle.node;
        if (node.dynamic || node.kind === 'transform') continue;
        if (!seen.has(node.id)) {
          seen.add(node.id);
          continue;
        }
        if (node.kind !== 'nested-workflow') continue;
        const fixes = call.configCall ? [] : [renameFix(call.handle.call, node.id, taken)];
        out.push(
          diagnostic(
            'MW010',
            'error',
            `Workflow "${node.name}" already runs as step "${node.id}" in workflow "${wf.model.id}": name this use with \`.config({ name: '...' })\`.`,
            call.handle.call,
            fixes,
          ),
        );
      }
    }
    return out;
  },
};
