// MW007: `when` inside another `when(...).then(...)` is not supported by Medusa.
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic } from './util';

export const nestedWhen: Rule = {
  code: 'MW007',
  severity: 'error',
  doc: 'A `when` nested inside another `when(...).then(...)`: Medusa does not support it (the inner condition replaces the outer one); combine the conditions in one `when`.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      for (const w of wf.whens) {
        if (w.nestedIn === undefined) continue;
        out.push(
          diagnostic(
            'MW007',
            'error',
            `Nested \`when\` in workflow "${wf.model.id}" is not supported: combine both conditions into one \`when\`.`,
            w.state.call.expression,
          ),
        );
      }
    }
    return out;
  },
};
