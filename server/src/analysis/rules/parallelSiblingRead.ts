// MW006: a step inside parallelize reads a sibling's output, which does not exist yet.
import { refsIn } from '../medusa/workflowGraphRecorder';
import type { DataEdge, Diagnostic } from '../model';
import type { Value } from '../interpreter/abstractValues';
import type { Rule } from './types';
import { diagnostic } from './util';

export const parallelSiblingRead: Rule = {
  code: 'MW006',
  severity: 'error',
  doc: 'A step inside `parallelize` reads the output of a sibling in the same `parallelize` (directly or through a `transform`): siblings run together, so the value is always undefined at run time.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      for (const group of wf.parallelGroups) {
        for (const handle of group.handles) {
          const call = wf.calls.find((c) => c.handle === handle);
          if (!call) continue;
          const siblings = group.handles.filter((h) => h !== handle).map((h) => h.node.id);
          const sibling = sourcesOf(call.args, wf.model.edges).find((id) => siblings.includes(id));
          if (sibling === undefined) continue;
          out.push(
            diagnostic(
              'MW006',
              'error',
              `Step "${handle.node.id}" reads the output of "${sibling}", which runs in parallel with it in the same parallelize(): the value is always undefined. Call "${sibling}" before the parallelize().`,
              handle.site,
            ),
          );
        }
      }
    }
    return out;
  },
};

/** The nodes whose outputs a call's arguments read, looking through transforms (lazy, so they
 * read their own inputs when the step runs). */
function sourcesOf(args: Value[], edges: DataEdge[]): string[] {
  const found = new Set<string>();
  const pending: string[] = [];
  for (const ref of refsIn({ k: 'arr', items: args })) {
    if (ref.src.kind === 'step') found.add(ref.src.handle.node.id);
    else if (ref.src.kind === 'transform') pending.push(ref.src.node.id);
  }
  const seen = new Set<string>();
  while (pending.length > 0) {
    const t = pending.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    for (const e of edges) {
      if (e.to !== t || e.from === 'input') continue;
      if (e.from.startsWith('transform:')) pending.push(e.from);
      else found.add(e.from);
    }
  }
  return [...found];
}
