// MW011: a second handler for the same hook throws when it is registered.
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic } from './util';

export const duplicateHookHandler: Rule = {
  code: 'MW011',
  severity: 'error',
  doc: 'A hook handler registered twice for the same workflow hook: Medusa throws "Cannot define multiple hook handlers for the <name> hook".',
  check(input) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const reg of input.hookRegistrations) {
      const key = `${reg.workflow.id}\0${reg.hook}`;
      if (!seen.has(key)) {
        seen.add(key);
        continue;
      }
      out.push(
        diagnostic(
          'MW011',
          'error',
          `A handler for hook "${reg.hook}" of workflow "${reg.workflow.id}" is already registered: Medusa throws "Cannot define multiple hook handlers for the ${reg.hook} hook".`,
          reg.call,
        ),
      );
    }
    return out;
  },
};
