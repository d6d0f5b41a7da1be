// The analyzer's side of the execution tree: shared/medusa/flowBuilder.ts grows it (lenient mode, as the
// engine's composer does strict), and this file turns it into the model's FlowNode and waves.
import { FlowBuilder, type FlowTreeNode } from '../../../../shared/medusa/flowBuilder';
import type { FlowNode } from '../model';

/** A builder for the analyzer: a misuse (an action it cannot find) reports false. */
export function analysisFlowBuilder(): FlowBuilder {
  return new FlowBuilder('lenient');
}

/** The tree without the root wrapper, in the shape of Medusa's `flow_` (its `next`). */
export function builtFlow(builder: FlowBuilder): FlowNode | FlowNode[] | undefined {
  return builder.root.next ? convert(builder.root.next) : undefined;
}

function convert(n: FlowTreeNode | FlowTreeNode[]): FlowNode | FlowNode[] {
  if (Array.isArray(n)) return n.map((x) => convert(x) as FlowNode);
  const out: FlowNode = {
    action: n.action ?? '',
    noCompensation: (n.noCompensation as boolean | undefined) ?? false,
  };
  if (n.async) out.async = true;
  if (n.dynamic) out.dynamic = true;
  if (n.next) out.next = convert(n.next);
  return out;
}

/** 1-based wave of each action: the engine starts a node once its parent level has settled. */
export function flowOrder(flow: FlowNode | FlowNode[] | undefined): Map<string, number> {
  const order = new Map<string, number>();
  const visit = (n: FlowNode | FlowNode[] | undefined, depth: number): void => {
    if (!n) return;
    for (const node of Array.isArray(n) ? n : [n]) {
      order.set(node.action, depth);
      visit(node.next, depth + 1);
    }
  };
  visit(flow, 1);
  return order;
}
