// Definition-time tree of step nodes, built in call order like Medusa's OrchestratorBuilder:
// each new step goes under the last node (following the last element of a parallel array).

import type { FlowNode } from '../runtime/flow';

export type { FlowNode };

interface Holder {
  next?: FlowNode | FlowNode[];
  action?: string;
  uuid?: unknown;
}

export class FlowBuilder {
  private readonly root: Holder = {};

  addAction(action: string, options: Record<string, unknown>): void {
    const last = this.findLast(this.root);
    last.next = { action, ...options };
  }

  /** Renames/reconfigures the node created with `uuid` (step `.config()`). */
  replaceAction(uuid: string, action: string, options: Record<string, unknown>): void {
    const node = this.find(uuid, this.root);
    if (!node) throw new Error(`Action "${uuid}" could not be found`);
    node.action = action;
    Object.assign(node, options);
  }

  /** parallelize(): moves every other action next to `where`, as siblings. */
  mergeActions(where: string, ...actions: string[]): void {
    if (actions.length < 1) throw new Error('Cannot merge less than two actions');
    for (const action of actions) if (action !== where) this.moveParallel(action, where);
  }

  /** The JSON tree, as Medusa's `WorkflowManager.getWorkflows().get(id).flow_`. */
  build(): FlowNode | Record<string, never> {
    if (!this.root.next) return {};
    const top = Array.isArray(this.root.next) ? this.root : this.root.next;
    return JSON.parse(JSON.stringify(top)) as FlowNode;
  }

  private moveParallel(action: string, target: string): void {
    const fromParent = this.findParent(action, this.root);
    const targetParent = this.findParent(target, this.root);
    const node = targetParent ? this.find(action, targetParent) : undefined;
    if (!fromParent || !targetParent || !node) {
      throw new Error(
        `Action "${action}" could not be found in the following steps of "${target}"`,
      );
    }
    if (Array.isArray(fromParent.next)) {
      const i = fromParent.next.findIndex((s) => s.action === action || s.uuid === action);
      if (i > -1) fromParent.next.splice(i, 1);
    } else {
      delete fromParent.next;
    }
    if (Array.isArray(targetParent.next)) targetParent.next.push(node);
    else if (targetParent.next) targetParent.next = [targetParent.next, node];
  }

  private findLast(start: Holder): Holder {
    let step = start;
    while (step.next)
      step = Array.isArray(step.next) ? step.next[step.next.length - 1]! : step.next;
    return step;
  }

  private find(key: string, step: Holder): FlowNode | undefined {
    if (step !== this.root && (step.uuid === key || step.action === key)) return step as FlowNode;
    const next = step.next;
    if (Array.isArray(next)) {
      for (const s of next) {
        const found = this.find(key, s);
        if (found) return found;
      }
      return undefined;
    }
    return next ? this.find(key, next) : undefined;
  }

  private findParent(key: string, step: Holder): Holder | undefined {
    if (!step.next) return undefined;
    const list = Array.isArray(step.next) ? step.next : [step.next];
    for (const s of list) {
      if (s.uuid === key || s.action === key) return step;
      const found = this.findParent(key, s);
      if (found) return found;
    }
    return undefined;
  }
}
