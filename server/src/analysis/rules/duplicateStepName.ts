// MW005: two calls record the same step name; the engine refuses the workflow.
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic, renameFix } from './util';

export const duplicateStepName: Rule = {
  code: 'MW005',
  severity: 'error',
  doc: 'The same step name is recorded twice in one workflow (a step called twice without `.config({ name })`): Medusa fails with "Step <name> is already defined in workflow".',
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
        if (node.kind === 'nested-workflow') continue;
        const fixes = call.configCall ? [] : [renameFix(call.handle.call, node.id, taken)];
        out.push(
          diagnostic(
            'MW005',
            'error',
            `Step "${node.id}" is already defined in workflow "${wf.model.id}": call it with \`.config({ name: '...' })\` to give this use its own name.`,
            call.handle.call,
            fixes,
          ),
        );
      }
    }
    return out;
  },
};
