// MW016 (info): a workflow id, step name or step definition the analyzer cannot find; the graph
// marks it dynamic.
import type { Diagnostic } from '../model';
import type { Rule } from './types';
import { diagnostic } from './util';

export const dynamicNames: Rule = {
  code: 'MW016',
  severity: 'info',
  doc: "Info: a workflow id or step name is computed at run time, or a step's definition cannot be found (an import that does not resolve), so the graph cannot show it for sure (the node is marked `dynamic`); or a file imports the pre-v2 `@medusajs/workflows` package and is not analyzed.",
  check(input) {
    const out: Diagnostic[] = [];
    for (const node of input.legacyImports)
      out.push(
        diagnostic(
          'MW016',
          'info',
          'This file imports `@medusajs/workflows`, the Medusa v1 workflow package: its workflows are not analyzed (this extension reads Medusa v2 workflows, from `@medusajs/framework/workflows-sdk`).',
          node,
        ),
      );
    for (const wf of input.workflows) {
      if (wf.ref.dynamic) {
        out.push(
          diagnostic(
            'MW016',
            'info',
            `The id of this workflow (${wf.model.id}) cannot be computed statically.`,
            wf.ref.call.arguments[0] ?? wf.ref.call,
          ),
        );
      }
    }
    for (const wf of input.workflows) {
      for (const call of wf.calls) {
        if (call.def || call.nested) continue;
        out.push(
          diagnostic(
            'MW016',
            'info',
            `The definition of ${call.handle.node.name} cannot be found (is the import resolvable?): the graph shows it as "${call.handle.node.id}", marked dynamic.`,
            call.handle.site.expression,
          ),
        );
      }
    }
    for (const { def } of input.steps) {
      if (def.dynamic)
        out.push(
          diagnostic(
            'MW016',
            'info',
            `The name of this step (${def.name}) cannot be computed statically.`,
            def.call.arguments[0] ?? def.call,
          ),
        );
    }
    return out;
  },
};
