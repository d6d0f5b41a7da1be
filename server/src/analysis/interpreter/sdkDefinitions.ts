// Interpreter: what `createStep(...)` and `createWorkflow(...)` define: names resolved from
// constants, config literals, whether a compensation exists (Medusa: noCompensation =
// !compensateFn). Imported by calls.ts (evaluating those calls) and fileAnalysis.ts.
import ts from 'typescript';
import type { Evaluator } from './evaluator';
import { locationOf } from '../spans';
import {
  toPlain,
  UNDEF,
  type Scope,
  type StepDef,
  type Value,
  type WorkflowRef,
} from './abstractValues';

export function createStepValue(ev: Evaluator, call: ts.CallExpression, scope: Scope): Value {
  const memo = !scope.parent ? scope.file.stepDefs.get(call) : undefined;
  if (memo) return { k: 'stepFactory', def: memo };
  const [a0, invokeFn, compensateFn] = call.arguments;
  const first = a0 ? ev.eval(a0, scope) : UNDEF;
  const nameV = first.k === 'obj' ? (first.props.get('name') ?? UNDEF) : first;
  const config = first.k === 'obj' ? ((toPlain(first) as Record<string, unknown>) ?? {}) : {};
  delete config.name;
  let name = nameV.k === 'lit' && typeof nameV.v === 'string' ? nameV.v : undefined;
  if (name === undefined && invokeFn && ts.isFunctionExpression(invokeFn) && invokeFn.name)
    name = invokeFn.name.text;
  let hasCompensation = compensateFn !== undefined;
  if (compensateFn) {
    const cv = ev.eval(compensateFn, scope);
    if (cv.k === 'lit' && (cv.v === undefined || cv.v === null)) hasCompensation = false;
  }
  const def: StepDef = {
    name: name ?? (a0 ? a0.getText() : '<unnamed>'),
    dynamic: name === undefined,
    hasCompensation,
    config,
    location: locationOf(call, scope.file.sf),
    call,
    file: scope.file,
    invokeFn,
    compensateFn: hasCompensation ? compensateFn : undefined,
  };
  if (!scope.parent) scope.file.stepDefs.set(call, def);
  return { k: 'stepFactory', def };
}

export function workflowRefOf(ev: Evaluator, call: ts.CallExpression, scope: Scope): WorkflowRef {
  const memo = scope.file.workflowRefs.get(call);
  if (memo) return memo;
  const a0 = call.arguments[0];
  const first = a0 ? ev.moduleEvaluator.eval(a0, scope) : UNDEF;
  const nameV = first.k === 'obj' ? (first.props.get('name') ?? UNDEF) : first;
  const id = nameV.k === 'lit' && typeof nameV.v === 'string' ? nameV.v : undefined;
  const ref: WorkflowRef = {
    id: id ?? (a0 ? a0.getText() : '<unnamed>'),
    dynamic: id === undefined,
    call,
    file: scope.file,
  };
  scope.file.workflowRefs.set(call, ref);
  return ref;
}
