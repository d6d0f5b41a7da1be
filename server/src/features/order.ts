// Language-server process: each node's 1-based position in execution order (its wave). Uses the
// analyzer's `order` when given, else the depth of the node's action in the execution tree.
import type { FlowNode, WorkflowModel } from '../analysis/index';

const cache = new WeakMap<WorkflowModel, Map<string, number>>();

function walk(
  next: FlowNode | FlowNode[] | undefined,
  depth: number,
  out: Map<string, number>,
): void {
  if (!next) return;
  for (const node of Array.isArray(next) ? next : [next]) {
    if (!out.has(node.action)) out.set(node.action, depth);
    walk(node.next, depth + 1, out);
  }
}

export function executionOrder(workflow: WorkflowModel): Map<string, number> {
  let order = cache.get(workflow);
  if (order) return order;
  order = new Map();
  const fromFlow = new Map<string, number>();
  walk(workflow.flow, 1, fromFlow);
  for (const node of workflow.nodes) {
    const o = node.order ?? fromFlow.get(node.id);
    if (o !== undefined) order.set(node.id, o);
  }
  cache.set(workflow, order);
  return order;
}
