// MW009: parallelize with fewer than two steps throws "Cannot merge less than two actions".
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic } from './util';

export const smallParallelize: Rule = {
  code: 'MW009',
  severity: 'error',
  doc: '`parallelize` with fewer than two steps: Medusa throws "Cannot merge less than two actions".',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      for (const call of wf.smallParallels) {
        out.push(
          diagnostic(
            'MW009',
            'error',
            `parallelize() needs at least two steps (workflow "${wf.model.id}"): Medusa throws "Cannot merge less than two actions".`,
            call,
          ),
        );
      }
    }
    return out;
  },
};
