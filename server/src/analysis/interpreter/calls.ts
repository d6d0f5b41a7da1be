// Calls and `new` at definition time: SDK functions go to the composer recorder, step factories
// record steps, the project's own functions are walked inline, anything else is unknown.
import ts from 'typescript';
import { createStepValue, workflowRefOf } from './sdkDefinitions';
import type { Evaluator } from './evaluator';
import { requireSpec } from '../modules/moduleInfo';
import { OBJECT_METHODS, skipParens } from './operators';
import { lit, UNDEF, UNKNOWN, type Scope, type Value } from './abstractValues';

/** Medusa's naming convention for step functions: `createProductsStep`. */
const STEP_NAME = /^[a-z_$][\w$]*Step$/;

export function newExpr(ev: Evaluator, node: ts.NewExpression, scope: Scope): Value {
  const callee = ev.eval(node.expression, scope);
  const name =
    callee.k === 'sdk' ? callee.name : ts.isIdentifier(node.expression) ? node.expression.text : '';
  const args = (node.arguments ?? []).map((a) => ev.eval(a, scope));
  if (name === 'WorkflowResponse' && ev.recorder) return ev.recorder.response(args, node);
  if (name === 'Date') {
    if (args.length === 0) ev.fact('frozen', node, 'new Date()');
    return { k: 'date' };
  }
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
  if (ev.recorder && isFrozenCall(callee, scope)) ev.fact('frozen', call, `${callee.getText()}()`);
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
  const c = ev.recorder;
  if (obj.k === 'ref') {
    if (name === 'config' && c) return c.config(obj, evalArgs(ev, call, scope)[0] ?? UNDEF, call);
    // Object.prototype methods exist on the placeholder; any other name is a lazy property
    // reference, and calling it throws "... is not a function" when the workflow is defined.
    if (!OBJECT_METHODS.has(name)) ev.fact('throws', call, `calling \`.${name}()\``);
    evalArgs(ev, call, scope);
    return UNKNOWN;
  }
  if (obj.k === 'stepFactory' && name === 'config') {
    // Medusa's step function has no `.config` (only the result of calling it has): this throws
    // "is not a function" at definition. Reported, and applied as meant so the node stays.
    ev.fact('stepConfig', call, call.expression.getText());
    return { ...obj, configured: { arg: evalArgs(ev, call, scope)[0] ?? UNDEF, call } };
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
    if (ev.recorder && (name === 'runAsStep' || STEP_NAME.test(name))) {
      const label = name === 'runAsStep' ? text.replace(/\.runAsStep$/, '') : name;
      return ev.recorder.unresolvedStep(
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
    if (ev.recorder) {
      const ref = ev.recorder.callStep(fn.def, args, call);
      const cfg = fn.configured;
      return cfg ? ev.recorder.config(ref, cfg.arg, cfg.call) : ref;
    }
    ev.onStrayStepCall?.(fn.def, call);
    return UNKNOWN;
  }
  if (fn.k === 'fn') {
    const args = evalArgs(ev, call, scope);
    const stack = ev.recorder?.callStack;
    stack?.push(call);
    try {
      return ev.invoke(fn, args);
    } finally {
      stack?.pop();
    }
  }
  if (fn.k === 'unknown' && ts.isIdentifier(skipParens(call.expression))) {
    const name = (skipParens(call.expression) as ts.Identifier).text;
    if (name === 'fetch') ev.fact('sideEffect', call, 'fetch');
    if (ev.recorder && STEP_NAME.test(name)) {
      return ev.recorder.unresolvedStep(name, false, evalArgs(ev, call, scope), call);
    }
  }
  evalArgs(ev, call, scope);
  return UNKNOWN;
}

function sdkCall(ev: Evaluator, name: string, call: ts.CallExpression, scope: Scope): Value {
  const c = ev.recorder;
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
    case 'transform': {
      if (!c) return UNKNOWN;
      const args = evalArgs(ev, call, scope);
      const fn = args[args.length - 1];
      // The last function's result is what later steps receive; it runs at run time, so it is
      // walked without recording anything, only to know its shape (a Date, an object...).
      const returns = fn?.k === 'fn' ? ev.detached().invoke(fn, [UNKNOWN]) : UNKNOWN;
      return c.transform(args, call, returns);
    }
    default:
      evalArgs(ev, call, scope);
      return UNKNOWN;
  }
}

/** Clocks, randomness and id generators: their value depends on when they are called. */
const FROZEN_MEMBER =
  /^(?:Date\.now|Math\.random|(?:globalThis\.)?crypto\.(?:randomUUID|randomBytes|getRandomValues|randomInt)|performance\.now|process\.hrtime(?:\.bigint)?)$/;
const FROZEN_NAME =
  /^(?:ulid|uuid|uuidv[1-7]|randomUUID|randomBytes|randomInt|nanoid|cuid2?|createId|generateEntityId)$/;
const ID_PACKAGES = /^(?:uuid|ulid|nanoid|cuid|@paralleldrive\/cuid2|(?:node:)?crypto)$/;
/** `crypto` also has deterministic functions (createHash): only its random ones count. */
const CRYPTO_RANDOM = /^(?:random\w*|getRandomValues)$/;

function isFrozenCall(callee: ts.Expression, scope: Scope): boolean {
  if (ts.isIdentifier(callee)) {
    if (FROZEN_NAME.test(callee.text)) return true;
    const decl = scope.file.info.locals.get(callee.text);
    return decl?.kind === 'import' && fromIdPackage(decl.spec, decl.name);
  }
  if (!ts.isPropertyAccessExpression(callee)) return false;
  if (FROZEN_MEMBER.test(callee.getText().replace(/\s+/g, ''))) return true;
  // `uuid.v4()`, `crypto.randomUUID()` with `import * as crypto from 'node:crypto'`.
  const obj = callee.expression;
  if (!ts.isIdentifier(obj)) return false;
  const decl = scope.file.info.locals.get(obj.text);
  return decl?.kind === 'import' && fromIdPackage(decl.spec, callee.name.text);
}

function fromIdPackage(spec: string, member: string): boolean {
  if (!ID_PACKAGES.test(spec)) return false;
  return !/crypto$/.test(spec) || CRYPTO_RANDOM.test(member);
}
