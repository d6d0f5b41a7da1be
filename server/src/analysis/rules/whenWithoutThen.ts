// MW008: a `when(...)` whose `.then(...)` is missing throws when the workflow is defined.
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic, insertAt } from './util';

export const whenWithoutThen: Rule = {
  code: 'MW008',
  severity: 'error',
  doc: '`when(...)` without `.then(...)`: Medusa throws `".then" is missing after "when" condition`.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      for (const call of wf.unthenedWhens) {
        out.push(
          diagnostic(
            'MW008',
            'error',
            `\`when\` without \`.then(...)\` in workflow "${wf.model.id}": Medusa throws ".then" is missing after "when" condition.`,
            call,
            [
              {
                title: 'Add .then(() => {})',
                edits: [
                  insertAt(
                    call,
                    call.getEnd(),
                    '.then(() => {\n  // steps that run only when the condition holds\n})',
                  ),
                ],
              },
            ],
          ),
        );
      }
    }
    return out;
  },
};
