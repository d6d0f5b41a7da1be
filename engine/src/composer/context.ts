// The composition context: set while a createWorkflow composer runs, read by step calls.
import type { FlowBuilder } from '../../../shared/medusa/flowBuilder';
import type { StepImpl, Condition } from '../runtime/definition';
import type { Ref } from '../symbols';

export interface WhenScope {
  input: unknown;
  condition: Condition['fn'];
  steps: Ref[];
}

export interface Composer {
  workflowId: string;
  flow: FlowBuilder;
  handlers: Map<string, StepImpl>;
  overridden: Map<string, StepImpl | undefined>;
  isAsync: boolean;
  hooksDeclared: string[];
  hooksRegistered: string[];
  hookFns: Record<string, (invoke: never, compensate?: never) => void>;
  conditions: Record<string, Condition | undefined>;
  when?: WhenScope;
}

let current: Composer | undefined;

export function currentComposer(): Composer | undefined {
  return current;
}

export function setComposer(c: Composer | undefined): void {
  current = c;
}

export { uniqueId } from '../runtime/ids';
