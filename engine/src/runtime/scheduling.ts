// Pure scheduling decisions: the step table built from a flow tree, which steps may start
// (forward), which may compensate (backward), wave order and the final run state. No I/O.
import type { FlowNode } from '../composer/flowBuilder';
import type { RunState, StepState } from '../instrumentation';

export interface PlanStep {
  action: string;
  /** Dotted path from the root, as Medusa's step ids: `_root.a.b`. */
  id: string;
  depth: number;
  /** Index of the parent step, -1 for roots. */
  parent: number;
  children: number[];
  /** Index into `Plan.groups`: the siblings sharing this step's parent. */
  group: number;
  /** Ids of the children (Medusa's `step.next`); shared, read-only. */
  next: string[];
  /** The node's options (everything but `next`). */
  definition: Record<string, unknown> & { action: string };
}

export interface Plan {
  /** In Medusa's invoke scan order (breadth first, by depth). */
  steps: PlanStep[];
  /** Sibling groups; group g holds the children of step g-1 (group 0: the roots). */
  groups: number[][];
  /** Steps in compensation scan order (deepest first, stable). */
  compensationOrder: number[];
  /** Position of each step in `compensationOrder`. */
  compensationRank: number[];
  byAction: Map<string, number>;
  hasAsyncSteps: boolean;
}

export const ROOT_ID = '_root';

/** Invoke states after which a step no longer holds back its parent's descendants. */
export const FORWARD_STATES: ReadonlySet<StepState> = new Set<StepState>([
  'done',
  'failed',
  'timeout',
  'skipped',
  'skipped_failure',
]);

/** Compensate states after which a child no longer holds back its parent's compensation. */
export const BACKWARD_STATES: ReadonlySet<StepState> = new Set<StepState>([
  'done',
  'reverted',
  'failed',
  'dormant',
  'skipped',
]);

/** Invoke states whose step gets compensated when the run rolls back. */
export const REVERT_STATES: ReadonlySet<StepState> = new Set<StepState>(['done', 'timeout']);

export function buildPlan(flow: FlowNode | Record<string, never>): Plan {
  const steps: PlanStep[] = [];
  const groups: number[][] = [[]];
  const byAction = new Map<string, number>();
  const queue: { node: FlowNode; parent: number; path: string }[] = [];
  const enqueue = (next: FlowNode['next'], parent: number, path: string): void => {
    if (Array.isArray(next)) for (const n of next) queue.push({ node: n, parent, path });
    else if (next && typeof next === 'object') queue.push({ node: next, parent, path });
  };
  if ((flow as FlowNode).action) queue.push({ node: flow as FlowNode, parent: -1, path: ROOT_ID });
  else enqueue((flow as FlowNode).next, -1, ROOT_ID);
  for (let q = 0; q < queue.length; q++) {
    const { node, parent, path } = queue[q]!;
    let childPath = path;
    let self = parent;
    if (node.action) {
      if (byAction.has(node.action)) {
        throw new Error(`Step ${node.action} is already defined in workflow.`);
      }
      const index = steps.length;
      const id = `${path}.${node.action}`;
      const definition = { ...node } as PlanStep['definition'];
      delete definition.next;
      const group = parent + 1;
      steps.push({
        action: node.action,
        id,
        depth: 0,
        parent,
        children: [],
        group,
        next: [],
        definition,
      });
      byAction.set(node.action, index);
      groups[group]!.push(index);
      groups.push([]);
      if (parent >= 0) steps[parent]!.children.push(index);
      childPath = id;
      self = index;
    }
    enqueue(node.next, self, childPath);
  }
  for (const s of steps) {
    s.depth = s.id.split('.').length - 1;
    s.next = s.children.map((c) => steps[c]!.id);
  }
  const order = steps.map((_, i) => i);
  order.sort((a, b) => steps[b]!.depth - steps[a]!.depth || a - b);
  const compensationRank = new Array<number>(steps.length);
  order.forEach((stepIndex, rank) => (compensationRank[stepIndex] = rank));
  const hasAsyncSteps = steps.some((s) => !!s.definition.async);
  return { steps, groups, compensationOrder: order, compensationRank, byAction, hasAsyncSteps };
}

/** True when every sibling in group `g` has an invoke state in FORWARD_STATES. */
export function groupSettled(plan: Plan, invokeStates: readonly StepState[], g: number): boolean {
  for (const m of plan.groups[g]!) if (!FORWARD_STATES.has(invokeStates[m]!)) return false;
  return true;
}

/** May step `i` start its invoke now? (Its parent and the parent's siblings have settled.) */
export function canStartInvoke(plan: Plan, invokeStates: readonly StepState[], i: number): boolean {
  if (invokeStates[i] !== 'not_started') return false;
  const parent = plan.steps[i]!.parent;
  return parent < 0 || groupSettled(plan, invokeStates, plan.steps[parent]!.group);
}

/** Steps whose invoke may start once group `g` has settled (children of all its members). */
export function unlockedByGroup(
  plan: Plan,
  invokeStates: readonly StepState[],
  g: number,
): number[] {
  const out: number[] = [];
  for (const m of plan.groups[g]!) {
    for (const c of plan.steps[m]!.children) if (invokeStates[c] === 'not_started') out.push(c);
  }
  return out;
}

/** The full forward wave (reference version of the incremental scheduler). */
export function invokeWave(plan: Plan, invokeStates: readonly StepState[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < plan.steps.length; i++)
    if (canStartInvoke(plan, invokeStates, i)) out.push(i);
  return out;
}

/** Steps that must compensate when the run rolls back: done or timed out, or failed permanently. */
export function stepsToRevert(invoke: readonly { state: StepState; status: string }[]): number[] {
  const out: number[] = [];
  invoke.forEach((r, i) => {
    if (REVERT_STATES.has(r.state) || r.status === 'permanent_failure') out.push(i);
  });
  return out;
}

/** May step `i` compensate now? All of its tree children have finished compensating. */
export function canStartCompensation(
  plan: Plan,
  compensateStates: readonly StepState[],
  i: number,
): boolean {
  if (compensateStates[i] !== 'not_started') return false;
  for (const c of plan.steps[i]!.children)
    if (!BACKWARD_STATES.has(compensateStates[c]!)) return false;
  return true;
}

/** The full backward wave, in compensation scan order. */
export function compensationWave(plan: Plan, compensateStates: readonly StepState[]): number[] {
  return plan.compensationOrder.filter((i) => canStartCompensation(plan, compensateStates, i));
}

/** Sorts a wave in Medusa's scan order (invoke: breadth first; compensation: deepest first). */
export function orderWave(plan: Plan, wave: number[], compensating: boolean): number[] {
  if (wave.length < 2) return wave;
  if (compensating)
    return wave.sort((a, b) => plan.compensationRank[a]! - plan.compensationRank[b]!);
  return wave.sort((a, b) => a - b);
}

/** The run state once nothing is left to do. */
export function finalRunState(hasFailed: boolean, hasReverted: boolean): RunState {
  if (hasFailed) return 'failed';
  return hasReverted ? 'reverted' : 'done';
}

/** Steps marked skipped_failure when `failed` fails with skipOnPermanentFailure (until `until`). */
export function stepsToSkipOnFailure(
  plan: Plan,
  failed: number,
  until: string | undefined,
): number[] {
  const out: number[] = [];
  let queue = [...plan.steps[failed]!.children];
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (until !== undefined && plan.steps[s]!.action === until) break;
    out.push(s);
    queue = queue.concat(plan.steps[s]!.children);
  }
  return out;
}
