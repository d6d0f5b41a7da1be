// Shared by MW005 and MW010: the calls that record a node id already recorded earlier in the
// same workflow, each with the rename quick fix when the call has no `.config()` yet.
import type { GraphNode, QuickFix } from '../model';
import type { WorkflowAnalysis } from '../fileAnalysis';
import type { RuleInput } from './types';
import { renameFix } from './util';

export interface RepeatedCall {
  workflow: WorkflowAnalysis;
  call: WorkflowAnalysis['calls'][number];
  node: GraphNode;
  fixes: QuickFix[];
}

export function repeatedCalls(input: RuleInput): RepeatedCall[] {
  const out: RepeatedCall[] = [];
  for (const workflow of input.workflows) {
    const seen = new Set<string>();
    const taken = new Set(workflow.model.nodes.map((n) => n.id));
    for (const call of workflow.calls) {
      const node = call.handle.node;
      if (node.dynamic || node.kind === 'transform') continue;
      if (!seen.has(node.id)) {
        seen.add(node.id);
        continue;
      }
      const fixes = call.configCall ? [] : [renameFix(call.handle.site, node.id, taken)];
      out.push({ workflow, call, node, fixes });
    }
  }
  return out;
}
