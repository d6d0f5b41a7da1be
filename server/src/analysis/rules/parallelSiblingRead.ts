// MW006: a step inside parallelize reads a sibling's output, which does not exist yet.
import { refsIn } from '../composer';
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic } from './util';

export const parallelSiblingRead: Rule = {
  code: 'MW006',
  severity: 'error',
  doc: 'A step inside `parallelize` reads the output of a sibling in the same `parallelize`: siblings run together, so the value is always undefined at run time.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      for (const group of wf.parallelGroups) {
        for (const handle of group.handles) {
          const call = wf.calls.find((c) => c.handle === handle);
          if (!call) continue;
          for (const ref of refsIn({ k: 'arr', items: call.args })) {
            if (
              ref.src.kind !== 'step' ||
              ref.src.handle === handle ||
              !group.handles.includes(ref.src.handle)
            )
              continue;
            const sibling = ref.src.handle.node.id;
            out.push(
              diagnostic(
                'MW006',
                'error',
                `Step "${handle.node.id}" reads the output of "${sibling}", which runs in parallel with it in the same parallelize(): the value is always undefined. Call "${sibling}" before the parallelize().`,
                handle.call,
              ),
            );
            break;
          }
        }
      }
    }
    return out;
  },
};
