// The composition context: set while a createWorkflow composer runs, read by step calls.
import type { FlowBuilder } from './flowBuilder';
import type { StepImpl, Condition } from '../definition';
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

let counter = 0;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 26-character unique id in the style of a ulid (time prefix + counter + randomness). */
export function uniqueId(): string {
  let t = Date.now();
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32]! + out;
    t = Math.floor(t / 32);
  }
  let c = ++counter;
  for (let i = 0; i < 6; i++) {
    out += ALPHABET[c % 32]!;
    c = Math.floor(c / 32);
  }
  for (let i = 0; i < 10; i++) out += ALPHABET[Math.floor(Math.random() * 32)]!;
  return out;
}
