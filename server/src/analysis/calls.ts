// Calls and `new` at definition time: SDK functions go to the composer recorder, step factories
// record steps, the project's own functions are walked inline, anything else is unknown.
import ts from 'typescript';
import { createStepValue, workflowRefOf } from './definitions';
import type { Evaluator } from './evaluator';
import { requireSpec } from './moduleInfo';
import { OBJECT_METHODS, skipParens } from './operators';
import { lit, UNDEF, UNKNOWN, type Scope, type Value } from './values';

/** Medusa's naming convention for step functions: `createProductsStep`. */
const STEP_NAME = /^[a-z_$][\w$]*Step$/;

export function newExpr(ev: Evaluator, node: ts.NewExpression, scope: Scope): Value {
  const callee = ev.eval(node.expression, scope);
  const name =
    callee.k === 'sdk' ? callee.name : ts.isIdentifier(node.expression) ? node.expression.text : '';
  const args = (node.arguments ?? []).map((a) => ev.eval(a, scope));
  if (name === 'WorkflowResponse' && ev.composer) return ev.composer.response(args, node);
  if (name === 'Date') return { k: 'date' };
  if (name === 'Map') return { k: 'map' };
  if (name === 'Set') return { k: 'set' };
  return UNKNOWN;
}

function evalArgs(ev: Evaluator, call: ts.CallExpression, scope: Scope): Value[] {
  const out: Value[] = [];
  for (const a of call.arguments) {
    const v = ev.eval(a, scope);
    if (ts.isSpreadElement(a) && v.k === 'arr') out.push(...v.items);
    else out.push(v);
  }
  return out;
}

export function callExpr(ev: Evaluator, call: ts.CallExpression, scope: Scope): Value {
  const spec = requireSpec(call);
  if (spec !== undefined) return ev.session.importModule(spec, scope.file);
  const callee = skipParens(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const obj = ev.eval(callee.expression, scope);
    return method(ev, obj, callee.name.text, call, scope);
  }
  const fn = ev.eval(callee, scope);
  return callValue(ev, fn, call, scope);
}

function method(
  ev: Evaluator,
  obj: Value,
  name: string,
  call: ts.CallExpression,
  scope: Scope,
): Value {
  const c = ev.composer;
  if (obj.k === 'ref') {
    if (name === 'config' && c) return c.config(obj, evalArgs(ev, call, scope)[0] ?? UNDEF, call);
    // Object.prototype methods exist on the placeholder; any other name is a lazy property
    // reference, and calling it throws "... is not a function" when the workflow is defined.
    if (!OBJECT_METHODS.has(name)) ev.fact('throws', call, `calling \`.${name}()\``);
    evalArgs(ev, call, scope);
    return UNKNOWN;
  }
  if (obj.k === 'workflow' && name === 'runAsStep') {
    const args = evalArgs(ev, call, scope);
    return c ? c.runAsStep(obj.wf, args, call) : UNKNOWN;
  }
  if (obj.k === 'hook' && name === 'getResult') return c ? c.hookResult(obj, call) : UNKNOWN;
  if (obj.k === 'when' && name === 'then') {
    const fn = call.arguments[0] ? ev.eval(call.arguments[0], scope) : UNDEF;
    return c ? c.then(obj.when, fn, call, ev) : UNKNOWN;
  }
  if (obj.k === 'hooks') {
    evalArgs(ev, call, scope);
    return UNKNOWN;
  }
  if (obj.k === 'unknown') {
    const text = call.expression.getText();
    if (ev.composer && (name === 'runAsStep' || STEP_NAME.test(name))) {
      const label = name === 'runAsStep' ? text.replace(/\.runAsStep$/, '') : name;
      return ev.composer.unresolvedStep(
        label,
        name === 'runAsStep',
        evalArgs(ev, call, scope),
        call,
      );
    }
    if (/^console\.\w+$/.test(text)) ev.fact('console', call, text);
    else if (/(?:^|\.)resolve$/.test(text) || /Service\.\w+$|Module\.\w+$/.test(text))
      ev.fact('sideEffect', call, text);
    evalArgs(ev, call, scope);
    return UNKNOWN;
  }
  if (obj.k === 'arr' && !obj.open && (name === 'map' || name === 'forEach')) {
    // A loop over a known list in the composer runs at definition: each callback call records.
    const fn = evalArgs(ev, call, scope)[0];
    if (fn?.k !== 'fn') return UNKNOWN;
    const items = obj.items.map((item, i) => ev.invoke(fn, [item, lit(i), obj]));
    return name === 'map' ? { k: 'arr', items } : UNDEF;
  }
  if (obj.k === 'arr' || obj.k === 'lit') {
    evalArgs(ev, call, scope);
    return UNKNOWN;
  }
  return callValue(ev, ev.get(obj, name), call, scope);
}

function callValue(ev: Evaluator, fn: Value, call: ts.CallExpression, scope: Scope): Value {
  if (fn.k === 'sdk') return sdkCall(ev, fn.name, call, scope);
  if (fn.k === 'stepFactory') {
    const args = evalArgs(ev, call, scope);
    if (ev.composer) return ev.composer.callStep(fn.def, args, call);
    ev.onStrayStepCall?.(fn.def, call);
    return UNKNOWN;
  }
  if (fn.k === 'fn') return ev.invoke(fn, evalArgs(ev, call, scope));
  if (fn.k === 'unknown' && ts.isIdentifier(skipParens(call.expression))) {
    const name = (skipParens(call.expression) as ts.Identifier).text;
    if (name === 'fetch') ev.fact('sideEffect', call, 'fetch');
    if (ev.composer && STEP_NAME.test(name)) {
      return ev.composer.unresolvedStep(name, false, evalArgs(ev, call, scope), call);
    }
  }
  evalArgs(ev, call, scope);
  return UNKNOWN;
}

function sdkCall(ev: Evaluator, name: string, call: ts.CallExpression, scope: Scope): Value {
  const c = ev.composer;
  switch (name) {
    case 'createStep':
      return createStepValue(ev, call, scope);
    case 'createWorkflow':
      return { k: 'workflow', wf: workflowRefOf(ev, call, scope) };
    case 'require': {
      const a0 = call.arguments[0];
      return a0 && ts.isStringLiteralLike(a0)
        ? ev.session.importModule(a0.text, scope.file)
        : UNKNOWN;
    }
    case 'createHook':
      return c ? c.createHook(evalArgs(ev, call, scope), call) : UNKNOWN;
    case 'when':
      return c ? c.when(evalArgs(ev, call, scope), call) : UNKNOWN;
    case 'parallelize':
      return c ? c.parallelize(evalArgs(ev, call, scope), call) : UNKNOWN;
    case 'transform':
      return c ? c.transform(evalArgs(ev, call, scope), call) : UNKNOWN;
    default:
      evalArgs(ev, call, scope);
      return UNKNOWN;
  }
}
