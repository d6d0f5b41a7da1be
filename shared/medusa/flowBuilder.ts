// Medusa's execution tree as its OrchestratorBuilder grows it while a composer runs: each new
// step goes under the last node (following the last element of a parallel array), and
// `parallelize` moves steps next to the first. The one implementation: the engine's composer
// runs it strict (a misuse throws Medusa's message), the analyzer lenient (false, no throw).
// Method and field names are the builder's own, where an `action` is a step's name.

/** A node while the tree is built: a step's options plus what runs after it. */
export interface FlowTreeNode {
  action?: string;
  uuid?: unknown;
  next?: FlowTreeNode | FlowTreeNode[];
  [option: string]: unknown;
}

/** `strict`: throw Medusa's error on a missing step; `lenient`: report false and go on. */
export type FlowBuilderMode = 'strict' | 'lenient';

export class FlowBuilder {
  /** The holder of the first step (never a step itself). */
  readonly root: FlowTreeNode = {};

  /** What `findLast(root)` would return, kept while only appends change the tree (walking the
   * whole chain on every append made defining a long workflow quadratic). */
  private last?: FlowTreeNode;

  constructor(private readonly mode: FlowBuilderMode) {}

  /** Appends a step under the last node. */
  addAction(action: string, options: Record<string, unknown>): void {
    const node: FlowTreeNode = { action, ...options };
    (this.last ?? this.findLast(this.root)).next = node;
    this.last = node.next === undefined ? node : undefined;
  }

  /** Renames/reconfigures the node created with `uuid` (step `.config()`). */
  replaceAction(uuid: string, action: string, options: Record<string, unknown> = {}): boolean {
    const node = this.find(uuid, this.root);
    if (!node) return this.fail(`Action "${uuid}" could not be found`);
    node.action = action;
    Object.assign(node, options);
    if ('next' in options) this.last = undefined;
    return true;
  }

  /** parallelize(): moves every other step next to `where`, as siblings. */
  mergeActions(where: string, actions: readonly string[]): boolean {
    this.last = undefined;
    if (actions.length < 1) return this.fail('Cannot merge less than two actions');
    for (const action of actions) {
      if (action !== where && !this.moveParallel(action, where)) return false;
    }
    return true;
  }

  /** The JSON tree, as Medusa's `WorkflowManager.getWorkflows().get(id).flow_`. */
  build(): FlowTreeNode | Record<string, never> {
    if (!this.root.next) return {};
    const top = Array.isArray(this.root.next) ? this.root : this.root.next;
    return JSON.parse(JSON.stringify(top)) as FlowTreeNode;
  }

  private fail(message: string): false {
    if (this.mode === 'strict') throw new Error(message);
    return false;
  }

  private moveParallel(action: string, target: string): boolean {
    const fromParent = this.findParent(action, this.root);
    const targetParent = this.findParent(target, this.root);
    const node = targetParent ? this.find(action, targetParent) : undefined;
    if (!fromParent || !targetParent || !node) {
      return this.fail(
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
    return true;
  }

  private findLast(start: FlowTreeNode): FlowTreeNode {
    let step = start;
    while (step.next)
      step = Array.isArray(step.next) ? step.next[step.next.length - 1]! : step.next;
    return step;
  }

  private find(key: string, step: FlowTreeNode): FlowTreeNode | undefined {
    if (step !== this.root && (step.uuid === key || step.action === key)) return step;
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

  private findParent(key: string, step: FlowTreeNode): FlowTreeNode | undefined {
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
