// What a workflow definition holds once its composer ran: the flow tree, one implementation per
// step name, options. Kept in a global registry like Medusa's WorkflowManager; the composer
// registers, the runtime reads.
import type { FlowNode } from './flow';
import type { Plan } from './scheduling';

export type { FlowNode };

export type InvokeFn = (input: unknown, context: never) => unknown;
export type CompensateFn = (input: unknown, context: never) => unknown;

export interface Condition {
  input: unknown;
  fn: (input: unknown, context: unknown) => unknown;
}

export interface StepImpl {
  /** The input as written in the composer (references resolved at run time). */
  input: unknown;
  invoke: InvokeFn;
  compensate?: CompensateFn;
  /** The step name whose stored output feeds the compensation (differs after some renames). */
  outputKey: string;
  condition?: Condition;
  /** Config the handler was built with (async handling). */
  async?: boolean;
}

export interface WorkflowOptions {
  name?: string;
  timeout?: number;
  store?: boolean;
  [key: string]: unknown;
}

export interface WorkflowDefinition {
  id: string;
  flow: FlowNode | Record<string, never>;
  handlers: Map<string, StepImpl>;
  options: WorkflowOptions;
  plan: Plan;
  sourcePath?: string;
  /** What the composer returned (the run result is resolved from it). */
  defaultResult?: unknown;
}

const registry = new Map<string, WorkflowDefinition>();

export function registerDefinition(def: WorkflowDefinition): void {
  const existing = registry.get(def.id);
  if (existing) {
    const strip = (k: string, v: unknown): unknown => (k === 'uuid' ? undefined : v);
    if (JSON.stringify(existing.flow, strip) !== JSON.stringify(def.flow, strip)) {
      throw new Error(`Workflow with id "${def.id}" and step definition already exists.`);
    }
  }
  registry.set(def.id, def);
}

export function getDefinition(id: string): WorkflowDefinition | undefined {
  return registry.get(id);
}

/** Why Medusa cannot run workflow `id` at all, for the CLI and the debugger to say beside the bare
 * TypeError its orchestrator throws (and the engine with it); undefined when it can. */
export function unrunnableReason(id: string): string | undefined {
  const step = getDefinition(id)?.plan.parentless;
  return step === undefined
    ? undefined
    : `step "${step}" has a "." in its name: Medusa finds a step's parent by cutting its id at the last ".", so it cannot run workflow "${id}"; rename the step (rule MW019)`;
}

/** Ids of every registered workflow, in registration order. */
export function getWorkflowIds(): string[] {
  return [...registry.keys()];
}

/** The flow tree of a workflow, same shape as Medusa's `WorkflowManager...get(id).flow_`. */
export function getWorkflowFlow(id: string): FlowNode | Record<string, never> | undefined {
  const def = registry.get(id);
  return def ? (JSON.parse(JSON.stringify(def.flow)) as FlowNode) : undefined;
}

/** Forgets every registered definition (composer/medusaWorkflow.ts also forgets the functions). */
export function clearDefinitions(): void {
  registry.clear();
}

/** Forgets one definition. */
export function unregisterDefinition(id: string): void {
  registry.delete(id);
}
