// Pure scheduling decisions, the only place that makes them: the step table built from a flow
// tree, which steps may start (forward), which may compensate (backward), wave order and the
// final run state. `Scheduler` is what runtime/run.ts asks (incremental, O(1) per step); the
// whole-wave functions are its reference model (test/unit/engine/schedulerModel.test.ts). No I/O.
import type { FlowNode } from './flow';
import type { RunState, StepState } from '../instrumentation';

export interface PlanStep {
  /** The step's name: Medusa's `definition.action`. */
  name: string;
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
  byName: Map<string, number>;
  hasAsyncSteps: boolean;
  /** The name of a step Medusa's orchestrator finds no parent for (see `orchestratorFailure`). */
  parentless?: string;
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
  const byName = new Map<string, number>();
  // `level`: how many steps the path holds. A step's depth is its level, as Medusa counts it (the
  // segments of its id, so a '.' inside a step's name adds nothing).
  const queue: { node: FlowNode; parent: number; path: string; level: number }[] = [];
  const enqueue = (next: FlowNode['next'], parent: number, path: string, level: number): void => {
    if (Array.isArray(next)) for (const n of next) queue.push({ node: n, parent, path, level });
    else if (next && typeof next === 'object') queue.push({ node: next, parent, path, level });
  };
  if ((flow as FlowNode).action)
    queue.push({ node: flow as FlowNode, parent: -1, path: ROOT_ID, level: 0 });
  else enqueue((flow as FlowNode).next, -1, ROOT_ID, 0);
  for (let q = 0; q < queue.length; q++) {
    const { node, parent, path, level } = queue[q]!;
    let childPath = path;
    let childLevel = level;
    let self = parent;
    if (node.action) {
      if (byName.has(node.action)) {
        throw new Error(`Step ${node.action} is already defined in workflow.`);
      }
      const index = steps.length;
      const id = `${path}.${node.action}`;
      const definition = { ...node } as PlanStep['definition'];
      delete definition.next;
      const group = parent + 1;
      childLevel = level + 1;
      steps.push({
        name: node.action,
        id,
        depth: childLevel,
        parent,
        children: [],
        group,
        next: [],
        definition,
      });
      byName.set(node.action, index);
      groups[group]!.push(index);
      groups.push([]);
      if (parent >= 0) steps[parent]!.children.push(index);
      childPath = id;
      self = index;
    }
    enqueue(node.next, self, childPath, childLevel);
  }
  for (const s of steps) s.next = s.children.map((c) => steps[c]!.id);
  const order = steps.map((_, i) => i);
  order.sort((a, b) => steps[b]!.depth - steps[a]!.depth || a - b);
  const compensationRank = new Array<number>(steps.length);
  order.forEach((stepIndex, rank) => (compensationRank[stepIndex] = rank));
  const hasAsyncSteps = steps.some((s) => !!s.definition.async);
  const plan: Plan = {
    steps,
    groups,
    compensationOrder: order,
    compensationRank,
    byName,
    hasAsyncSteps,
  };
  // Medusa's orchestrator finds a step's parent by cutting the step's id at the last '.': only a
  // '.' in the step's own name can point that elsewhere, at a step that is usually not there.
  const dotted = steps.filter((s) => s.name.includes('.'));
  if (dotted.length > 0) {
    const ids = new Set(steps.map((s) => s.id));
    plan.parentless = dotted.find((s) => !ids.has(s.id.slice(0, s.id.lastIndexOf('.'))))?.name;
  }
  return plan;
}

/** What every run of this plan fails with in Medusa, before any step is invoked, when a step has
 * no parent there (`Plan.parentless`): reading the missing parent's id throws. */
export function orchestratorFailure(plan: Plan): TypeError | undefined {
  return plan.parentless
    ? new TypeError("Cannot read properties of undefined (reading 'id')")
    : undefined;
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
    if (until !== undefined && plan.steps[s]!.name === until) break;
    out.push(s);
    queue = queue.concat(plan.steps[s]!.children);
  }
  return out;
}

/** What the scheduler reads of a step's record (runtime/transaction.ts's StepRecord). */
export interface ScheduledStep {
  readonly invoke: { readonly state: StepState };
  readonly compensate: { readonly state: StepState };
  /** True once the step is flagged for compensation. */
  readonly stepFailed: boolean;
  getStates(): { readonly state: StepState; readonly status: string };
}

/** The run phases the scheduler hands out waves in. */
export type SchedulingPhase = 'invoking' | 'compensating';

/**
 * The incremental scheduler of one run: the same decisions as `invokeWave` and
 * `compensationWave`, kept per sibling group (forward) and per parent (backward) so a step costs
 * O(1). The run reports state changes; the scheduler answers with the next wave, in scan order.
 */
export class Scheduler {
  private readonly pendingInGroup: Int32Array;
  private forwardCount = 0;
  private ready: number[];
  private readonly retry: number[] = [];
  private readonly waveBuffer: number[] = [];
  private compPending: Int32Array | undefined;
  private readonly compReady: number[] = [];
  private compRemaining = 0;

  constructor(
    readonly plan: Plan,
    private readonly steps: readonly ScheduledStep[],
  ) {
    this.pendingInGroup = new Int32Array(plan.groups.length);
    for (let g = 0; g < plan.groups.length; g++) this.pendingInGroup[g] = plan.groups[g]!.length;
    this.ready = plan.groups[0]!.slice();
  }

  /** A step's invoke state moved from `was` to `now`; a settled group unlocks its children. */
  invokeStateChanged(i: number, was: StepState, now: StepState): void {
    if (FORWARD_STATES.has(was) || !FORWARD_STATES.has(now)) return;
    this.forwardCount++;
    const plan = this.plan;
    const g = plan.steps[i]!.group;
    if (--this.pendingInGroup[g]! !== 0) return;
    for (const m of plan.groups[g]!) {
      for (const c of plan.steps[m]!.children) {
        if (this.steps[c]!.invoke.state === 'not_started') this.ready.push(c);
      }
    }
  }

  /** A step's compensation finished (`reverted` or `failed`); its parent may be next. */
  compensationFinished(i: number): void {
    this.compRemaining--;
    const parent = this.plan.steps[i]!.parent;
    if (parent < 0 || !this.compPending) return;
    if (this.steps[parent]!.stepFailed && --this.compPending[parent]! === 0) {
      this.compReady.push(parent);
    }
  }

  /** The step runs again in the next wave (a temporary failure, or retryStep). */
  retryNext(i: number): void {
    this.retry.push(i);
  }

  /** The steps to compensate when the run rolls back (`stepsToRevert`, on the live records). */
  toRevert(): number[] {
    const out: number[] = [];
    const steps = this.steps;
    for (let i = 0; i < steps.length; i++) {
      const cur = steps[i]!.getStates();
      if (REVERT_STATES.has(cur.state) || cur.status === 'permanent_failure') out.push(i);
    }
    return out;
  }

  /** Compensation starts: `reverting` steps (from `toRevert`, now flagged) count as to do, and
   * every flagged step whose children have all finished compensating is ready. */
  beginCompensation(reverting: readonly number[]): void {
    this.compRemaining += reverting.length;
    const steps = this.steps;
    const pending = (this.compPending = new Int32Array(steps.length));
    for (let i = 0; i < steps.length; i++) {
      if (!steps[i]!.stepFailed) continue;
      let n = 0;
      for (const c of this.plan.steps[i]!.children)
        if (!BACKWARD_STATES.has(steps[c]!.compensate.state)) n++;
      pending[i] = n;
      if (n === 0) this.compReady.push(i);
    }
  }

  /** The next wave, in scan order: retries first, then the steps unlocked since the last wave.
   * Reuses one buffer: a wave settles before the next is asked for. */
  nextWave(phase: SchedulingPhase | undefined): number[] {
    const steps = this.steps;
    const wave = this.waveBuffer;
    wave.length = 0;
    const retry = this.retry;
    if (retry.length > 0) {
      for (const i of retry) {
        const status = steps[i]!.getStates().status;
        if (status === 'temp_failure' || status === 'waiting_response') wave.push(i);
      }
      retry.length = 0;
    }
    if (phase === 'compensating') {
      const ready = this.compReady;
      for (const i of ready) if (steps[i]!.compensate.state === 'not_started') wave.push(i);
      ready.length = 0;
    } else if (phase === 'invoking') {
      const ready = this.ready;
      for (const i of ready) if (steps[i]!.invoke.state === 'not_started') wave.push(i);
      ready.length = 0;
    }
    return orderWave(this.plan, wave, phase === 'compensating');
  }

  /** Nothing is left to run in this phase. */
  isComplete(phase: SchedulingPhase | undefined): boolean {
    if (phase === 'compensating') return this.compRemaining === 0;
    return phase === 'invoking' && this.forwardCount === this.steps.length;
  }
}
