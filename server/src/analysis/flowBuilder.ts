// Rebuilds the execution tree the way Medusa's orchestrator builder does while a composer runs:
// each action is appended under the last node, `parallelize` moves actions next to the first one.
import type { FlowNode } from './model';

export interface BuilderNode {
  action?: string;
  uuid?: string;
  noCompensation?: boolean;
  async?: boolean;
  dynamic?: boolean;
  next?: BuilderNode | BuilderNode[];
}

export class FlowBuilder {
  readonly root: BuilderNode = {};

  addAction(
    action: string,
    uuid: string,
    noCompensation: boolean,
    extra?: Partial<BuilderNode>,
  ): void {
    this.lastStep(this.root).next = { action, uuid, noCompensation, ...extra };
  }

  /** `.config()` at a call site: a new name, and options assigned onto the node. */
  replaceAction(uuid: string, action: string, patch: Partial<BuilderNode> = {}): void {
    const step = this.find(uuid, this.root);
    if (!step) return;
    step.action = action;
    Object.assign(step, patch);
  }

  /** Returns false when an action cannot be found (the engine would throw). */
  mergeActions(where: string, actions: string[]): boolean {
    for (const action of actions)
      if (action !== where && !this.moveParallel(action, where)) return false;
    return true;
  }

  /** The tree without the root wrapper, in the shape of Medusa's `flow_` (its `next`). */
  build(): FlowNode | FlowNode[] | undefined {
    return this.root.next ? convert(this.root.next) : undefined;
  }

  private moveParallel(actionToMove: string, target: string): boolean {
    const moveParent = this.findParent(actionToMove, this.root);
    const targetParent = this.findParent(target, this.root);
    if (!moveParent || !targetParent) return false;
    const moving = this.find(actionToMove, targetParent);
    if (!moving) return false;
    if (Array.isArray(moveParent.next)) {
      const i = moveParent.next.findIndex((s) => s.action === actionToMove);
      if (i > -1) moveParent.next.splice(i, 1);
    } else {
      delete moveParent.next;
    }
    if (Array.isArray(targetParent.next)) targetParent.next.push(moving);
    else if (targetParent.next) targetParent.next = [targetParent.next, moving];
    return true;
  }

  private lastStep(from: BuilderNode): BuilderNode {
    let step = from;
    while (step.next)
      step = Array.isArray(step.next) ? step.next[step.next.length - 1]! : step.next;
    return step;
  }

  private find(action: string, step: BuilderNode): BuilderNode | undefined {
    if (step.uuid === action || step.action === action) return step;
    if (Array.isArray(step.next)) {
      for (const s of step.next) {
        const found = this.find(action, s);
        if (found) return found;
      }
      return undefined;
    }
    return step.next ? this.find(action, step.next) : undefined;
  }

  private findParent(action: string, step: BuilderNode): BuilderNode | undefined {
    if (!step.next) return undefined;
    const nexts = Array.isArray(step.next) ? step.next : [step.next];
    for (const n of nexts) {
      if (n.uuid === action || n.action === action) return step;
      const found = this.findParent(action, n);
      if (found) return found;
    }
    return undefined;
  }
}

function convert(n: BuilderNode | BuilderNode[]): FlowNode | FlowNode[] {
  if (Array.isArray(n)) return n.map((x) => convert(x) as FlowNode);
  const out: FlowNode = { action: n.action ?? '', noCompensation: n.noCompensation ?? false };
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
