// Abstract values the analyzer computes for expressions, without running anything.
import type * as ts from 'typescript';
import type { GraphNode, HookModel, Location } from '../model';
import type { FileCtx } from './session';

export interface StepDef {
  name: string;
  dynamic: boolean;
  hasCompensation: boolean;
  config: Record<string, unknown>;
  location: Location;
  call: ts.CallExpression;
  file: FileCtx;
  invokeFn?: ts.Expression;
  compensateFn?: ts.Expression;
}

export interface WorkflowRef {
  id: string;
  dynamic: boolean;
  call: ts.CallExpression;
  file: FileCtx;
}

/** A step the composer recorded; `node.id` follows `.config({ name })` renames. */
export interface StepHandle {
  uuid: string;
  node: GraphNode;
  call: ts.CallExpression;
  /** Where the user sees the call: `call` itself, or, when `call` sits in a wrapper function of a
   * package (core-flows' `useQueryGraphStep = (input) => step(input)`), the user's call of it. */
  site: ts.CallExpression;
}

export type RefSource =
  | { kind: 'input' }
  | { kind: 'step'; handle: StepHandle }
  /** `returns`: what the transform's function returns, as far as it is known. */
  | { kind: 'transform'; node: GraphNode; returns?: Value };

export interface HookState {
  model: HookModel;
  result?: Value;
}

export interface WhenState {
  name?: string;
  condition: string;
  call: ts.CallExpression;
  thenCalled: boolean;
}

export interface Scope {
  vars: Map<string, Value>;
  parent?: Scope;
  file: FileCtx;
}

export type Value =
  | { k: 'unknown' }
  | { k: 'lit'; v: string | number | boolean | null | undefined }
  | { k: 'obj'; props: Map<string, Value>; open?: boolean }
  | { k: 'arr'; items: Value[]; open?: boolean }
  | { k: 'fn'; node: ts.SignatureDeclaration; scope: Scope }
  | { k: 'module'; file: FileCtx }
  | { k: 'sdkModule' }
  | { k: 'sdk'; name: string }
  /** `configured`: `myStep.config({...})`, a misuse (see calls.ts) whose config is still applied. */
  | { k: 'stepFactory'; def: StepDef; configured?: { arg: Value; call: ts.CallExpression } }
  | { k: 'workflow'; wf: WorkflowRef }
  | { k: 'hooks'; wf: WorkflowRef }
  | { k: 'ref'; src: RefSource; path: string[] }
  | { k: 'hook'; hook: HookState }
  | { k: 'when'; when: WhenState }
  | { k: 'response'; value: Value; call: ts.NewExpression }
  | { k: 'date' | 'map' | 'set' | 'class' };

export const UNKNOWN: Value = { k: 'unknown' };
export const UNDEF: Value = { k: 'lit', v: undefined };

export function lit(v: string | number | boolean | null | undefined): Value {
  return { k: 'lit', v };
}

export function isStepRef(
  v: Value,
): v is { k: 'ref'; src: { kind: 'step'; handle: StepHandle }; path: string[] } {
  return v.k === 'ref' && v.src.kind === 'step' && v.path.length === 0;
}

/** The literal value of a plain-data Value, or undefined when it is not fully known. */
export function toPlain(v: Value, depth = 0): unknown {
  if (depth > 6) return undefined;
  if (v.k === 'lit') return v.v;
  if (v.k === 'arr') return v.items.map((x) => toPlain(x, depth + 1));
  if (v.k === 'obj') {
    const out: Record<string, unknown> = {};
    for (const [key, val] of v.props) {
      const p = toPlain(val, depth + 1);
      if (p !== undefined) out[key] = p;
    }
    return out;
  }
  return undefined;
}
