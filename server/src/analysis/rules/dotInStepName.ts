// MW019: a '.' in a step's name. Medusa's orchestrator finds a step's parent by cutting the step's
// id (`_root.<step>.<step>...`) at its last '.', so such a step has no parent there and every run
// of the workflow fails before its first step (the engine does the same: runtime/scheduling.ts).
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic } from './util';

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
        out.push(
          diagnostic(
            'MW019',
            'error',
            `Step "${node.id}" has a "." in its name: Medusa cannot run workflow "${workflow.model.id}" (every run fails before its first step with TypeError "Cannot read properties of undefined (reading 'id')"); name it without a ".", e.g. "${node.id.replace(/\./g, '-')}".`,
            call.handle.site,
          ),
        );
      }
    }
    return out;
  },
};
