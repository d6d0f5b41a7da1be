// A small abstract interpreter over the TypeScript AST: folds constants, follows imports and
// requires across files, and runs composer functions symbolically through a Composer recorder.
// It never executes workspace code: functions are only ever walked, never called for real.
import ts from 'typescript';
import { bindingNames } from './moduleInfo';
import { requireSpec } from './moduleInfo';
import type { FileCtx, Session } from './session';
import { locationOf } from './spans';
import {
  lit,
  toPlain,
  UNDEF,
  UNKNOWN,
  type Scope,
  type StepDef,
  type Value,
  type WhenState,
  type WorkflowRef,
} from './values';

/** `jsLogic`: meaningless on a placeholder; `throws`: Medusa throws when the workflow is defined. */
export type FactKind = 'await' | 'jsLogic' | 'throws' | 'console' | 'sideEffect' | 'dynamic';

/** What a composer run records; the evaluator calls it for SDK operations inside a composer. */
export interface Composer {
  dynamicDepth: number;
  fact(kind: FactKind, node: ts.Node, detail: string): void;
  callStep(def: StepDef, args: Value[], call: ts.CallExpression): Value;
  config(ref: Value, arg: Value, call: ts.CallExpression): Value;
  runAsStep(wf: WorkflowRef, args: Value[], call: ts.CallExpression): Value;
  createHook(args: Value[], call: ts.CallExpression): Value;
  hookResult(v: Value, call: ts.CallExpression): Value;
  when(args: Value[], call: ts.CallExpression): Value;
  then(when: WhenState, fn: Value, call: ts.CallExpression, ev: Evaluator): Value;
  parallelize(args: Value[], call: ts.CallExpression): Value;
  transform(args: Value[], call: ts.CallExpression): Value;
  response(args: Value[], node: ts.NewExpression): Value;
}

type Completion = { v: Value } | undefined;

const MAX_DEPTH = 12;

export class Evaluator {
  private depth = 0;
  /** Called when a step factory is called with no composer around (outside createWorkflow). */
  onStrayStepCall?: (def: StepDef, call: ts.CallExpression) => void;

  constructor(
    readonly session: Session,
    readonly composer?: Composer,
    private readonly moduleLevel?: Evaluator,
  ) {}

  private get mod(): Evaluator {
    return this.moduleLevel ?? this;
  }

  moduleScope(file: FileCtx): Scope {
    return { vars: new Map(), file };
  }

  // ---- module level -------------------------------------------------------------------------

  evalLocal(file: FileCtx, name: string): Value {
    if (this.moduleLevel) return this.moduleLevel.evalLocal(file, name);
    const memo = file.locals.get(name);
    if (memo) return memo;
    if (file.inProgress.has(name)) return UNKNOWN;
    const decl = file.info.locals.get(name);
    if (!decl) return name === 'exports' ? { k: 'module', file } : UNKNOWN;
    file.inProgress.add(name);
    let v: Value = UNKNOWN;
    try {
      if (decl.kind === 'fn') v = { k: 'fn', node: decl.node, scope: this.moduleScope(file) };
      else if (decl.kind === 'class') v = { k: 'class' };
      else if (decl.kind === 'import')
        v = this.session.importBinding(decl.spec, decl.name, file, this.evalExport);
      else {
        const scope = this.moduleScope(file);
        // No initializer: `declare const x` or a `let` assigned later; either way not known here.
        const init = decl.decl.initializer ? this.eval(decl.decl.initializer, scope) : UNKNOWN;
        this.bindPattern(decl.decl.name, init, scope);
        for (const n of bindingNames(decl.decl.name))
          file.locals.set(n, scope.vars.get(n) ?? UNKNOWN);
        v = scope.vars.get(name) ?? UNKNOWN;
      }
    } finally {
      file.inProgress.delete(name);
    }
    file.locals.set(name, v);
    return v;
  }

  /** `depth` bounds re-export chains (and cycles between them). */
  readonly evalExport = (file: FileCtx, name: string, depth = 0): Value => {
    if (depth > 40) return UNKNOWN;
    const e = file.info.exports.get(name);
    if (e?.kind === 'local') return this.evalLocal(file, e.local);
    if (e?.kind === 'expr') {
      const memoKey = `\0export:${name}`;
      const memo = file.locals.get(memoKey);
      if (memo) return memo;
      if (file.inProgress.has(memoKey)) return UNKNOWN;
      file.inProgress.add(memoKey);
      let v: Value;
      try {
        v = this.mod.eval(e.expr, this.moduleScope(file));
      } finally {
        file.inProgress.delete(memoKey);
      }
      file.locals.set(memoKey, v);
      return v;
    }
    if (e?.kind === 'reexport') {
      const m = this.session.importModule(e.spec, file);
      if (e.name === '*') return m;
      if (m.k === 'sdkModule') return { k: 'sdk', name: e.name };
      return m.k === 'module' ? this.evalExport(m.file, e.name, depth + 1) : UNKNOWN;
    }
    for (const spec of file.info.stars) {
      const m = this.session.importModule(spec, file);
      if (m.k === 'module' && this.hasExport(m.file, name, new Set()))
        return this.evalExport(m.file, name, depth + 1);
    }
    if (name === 'default') return { k: 'module', file };
    return UNKNOWN;
  };

  private hasExport(file: FileCtx, name: string, seen: Set<string>): boolean {
    if (file.info.exports.has(name)) return true;
    if (seen.has(file.path)) return false;
    const top = seen.size === 0;
    seen.add(file.path);
    const memo = file.exportIndex.get(name);
    if (memo !== undefined) return memo;
    let found = false;
    for (const spec of file.info.stars) {
      const m = this.session.importModule(spec, file);
      if (m.k === 'module' && this.hasExport(m.file, name, seen)) {
        found = true;
        break;
      }
    }
    if (top || found) file.exportIndex.set(name, found);
    return found;
  }

  // ---- expressions --------------------------------------------------------------------------

  lookup(name: string, scope: Scope): Value {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
      if (!s.parent) {
        if (s.file.info.locals.has(name)) return this.evalLocal(s.file, name);
        if (name === 'exports') return { k: 'module', file: s.file };
        if (name === 'module')
          return { k: 'obj', props: new Map([['exports', { k: 'module', file: s.file }]]) };
        if (name === 'require') return { k: 'sdk', name: 'require' };
      }
    }
    if (name === 'undefined') return UNDEF;
    return UNKNOWN;
  }

  eval(node: ts.Expression, scope: Scope): Value {
    if (--this.session.fuel < 0) return UNKNOWN;
    try {
      return this.evalInner(node, scope);
    } catch (e) {
      this.session.noteError(e);
      return UNKNOWN;
    }
  }

  private fact(kind: FactKind, node: ts.Node, detail: string): void {
    this.composer?.fact(kind, node, detail);
  }

  private evalInner(node: ts.Expression, scope: Scope): Value {
    switch (node.kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return lit((node as ts.StringLiteral).text);
      case ts.SyntaxKind.NumericLiteral:
        return lit(Number((node as ts.NumericLiteral).text));
      case ts.SyntaxKind.TrueKeyword:
        return lit(true);
      case ts.SyntaxKind.FalseKeyword:
        return lit(false);
      case ts.SyntaxKind.NullKeyword:
        return lit(null);
      case ts.SyntaxKind.Identifier:
        return this.lookup((node as ts.Identifier).text, scope);
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
      case ts.SyntaxKind.SatisfiesExpression:
        return this.eval((node as ts.ParenthesizedExpression).expression, scope);
      case ts.SyntaxKind.TemplateExpression:
        return this.template(node as ts.TemplateExpression, scope);
      case ts.SyntaxKind.PropertyAccessExpression: {
        const pa = node as ts.PropertyAccessExpression;
        return this.get(this.eval(pa.expression, scope), pa.name.text);
      }
      case ts.SyntaxKind.ElementAccessExpression: {
        const ea = node as ts.ElementAccessExpression;
        const obj = this.eval(ea.expression, scope);
        const key = this.eval(ea.argumentExpression, scope);
        if (key.k === 'lit' && (typeof key.v === 'string' || typeof key.v === 'number'))
          return this.get(obj, String(key.v));
        return obj.k === 'ref' ? { ...obj, path: [...obj.path, '[]'] } : UNKNOWN;
      }
      case ts.SyntaxKind.CallExpression:
        return this.call(node as ts.CallExpression, scope);
      case ts.SyntaxKind.NewExpression:
        return this.newExpr(node as ts.NewExpression, scope);
      case ts.SyntaxKind.ObjectLiteralExpression:
        return this.object(node as ts.ObjectLiteralExpression, scope);
      case ts.SyntaxKind.ArrayLiteralExpression:
        return this.array(node as ts.ArrayLiteralExpression, scope);
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        return { k: 'fn', node: node as ts.ArrowFunction, scope };
      case ts.SyntaxKind.ClassExpression:
        return { k: 'class' };
      case ts.SyntaxKind.BinaryExpression:
        return this.binary(node as ts.BinaryExpression, scope);
      case ts.SyntaxKind.ConditionalExpression:
        return this.conditional(node as ts.ConditionalExpression, scope);
      case ts.SyntaxKind.PrefixUnaryExpression:
        return this.prefix(node as ts.PrefixUnaryExpression, scope);
      case ts.SyntaxKind.PostfixUnaryExpression:
        this.eval((node as ts.PostfixUnaryExpression).operand, scope);
        return UNKNOWN;
      case ts.SyntaxKind.AwaitExpression:
        this.fact('await', node, 'await');
        return this.eval((node as ts.AwaitExpression).expression, scope);
      case ts.SyntaxKind.VoidExpression:
        this.eval((node as ts.VoidExpression).expression, scope);
        return UNDEF;
      case ts.SyntaxKind.TypeOfExpression:
        this.eval((node as ts.TypeOfExpression).expression, scope);
        return UNKNOWN;
      case ts.SyntaxKind.SpreadElement:
        return this.eval((node as ts.SpreadElement).expression, scope);
      default:
        return UNKNOWN;
    }
  }

  get(obj: Value, key: string): Value {
    switch (obj.k) {
      case 'obj':
        return obj.props.get(key) ?? (obj.open ? UNKNOWN : UNDEF);
      case 'arr': {
        if (key === 'length' && !obj.open) return lit(obj.items.length);
        const i = Number(key);
        return Number.isInteger(i) ? (obj.items[i] ?? (obj.open ? UNKNOWN : UNDEF)) : UNKNOWN;
      }
      case 'ref':
        return { k: 'ref', src: obj.src, path: [...obj.path, key] };
      case 'module':
        if (key === '__esModule') return lit(true);
        return this.mod.evalExport(obj.file, key);
      case 'sdkModule':
        return { k: 'sdk', name: key };
      case 'workflow':
        return key === 'hooks' ? { k: 'hooks', wf: obj.wf } : UNKNOWN;
      case 'lit':
        return key === 'length' && typeof obj.v === 'string' ? lit(obj.v.length) : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private template(node: ts.TemplateExpression, scope: Scope): Value {
    let text = node.head.text;
    let known = true;
    let proxy = false;
    for (const span of node.templateSpans) {
      const v = this.eval(span.expression, scope);
      if (v.k === 'ref') proxy = true;
      if (v.k === 'lit') text += String(v.v) + span.literal.text;
      else known = false;
    }
    if (proxy) this.fact('throws', node, 'a template string');
    return known ? lit(text) : UNKNOWN;
  }

  private object(node: ts.ObjectLiteralExpression, scope: Scope): Value {
    const props = new Map<string, Value>();
    let open = false;
    let spreads = 0;
    for (const p of node.properties) {
      if (ts.isPropertyAssignment(p)) {
        const key = this.propName(p.name, scope);
        const v = this.eval(p.initializer, scope);
        if (key === undefined) open = true;
        else props.set(key, v);
      } else if (ts.isShorthandPropertyAssignment(p)) {
        props.set(p.name.text, this.lookup(p.name.text, scope));
      } else if (ts.isSpreadAssignment(p)) {
        const v = this.eval(p.expression, scope);
        if (v.k === 'obj') {
          for (const [k, x] of v.props) props.set(k, x);
          open ||= !!v.open;
        } else if (v.k !== 'lit') {
          open = true;
          props.set(`...${spreads++}`, v);
        }
      } else if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p)) {
        const key = this.propName(p.name, scope);
        if (key !== undefined) props.set(key, { k: 'fn', node: p, scope });
      }
    }
    return { k: 'obj', props, open };
  }

  private propName(name: ts.PropertyName, scope: Scope): string | undefined {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
      return name.text;
    if (ts.isComputedPropertyName(name)) {
      const v = this.eval(name.expression, scope);
      return v.k === 'lit' && v.v !== undefined && v.v !== null ? String(v.v) : undefined;
    }
    return undefined;
  }

  private array(node: ts.ArrayLiteralExpression, scope: Scope): Value {
    const items: Value[] = [];
    let open = false;
    for (const el of node.elements) {
      if (ts.isSpreadElement(el)) {
        const v = this.eval(el.expression, scope);
        if (v.k === 'arr') {
          items.push(...v.items);
          open ||= !!v.open;
        } else {
          if (v.k === 'ref')
            this.fact('throws', el, 'spreading `...` (a placeholder is not iterable)');
          open = true;
          items.push(v);
        }
      } else if (ts.isOmittedExpression(el)) items.push(UNDEF);
      else items.push(this.eval(el, scope));
    }
    return { k: 'arr', items, open };
  }

  private truthy(v: Value): boolean | 'proxy' | 'unknown' {
    if (v.k === 'lit') return !!v.v;
    if (v.k === 'ref') return 'proxy';
    if (v.k === 'unknown') return 'unknown';
    return true;
  }

  private binary(node: ts.BinaryExpression, scope: Scope): Value {
    const op = node.operatorToken.kind;
    if (
      op === ts.SyntaxKind.AmpersandAmpersandToken ||
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.QuestionQuestionToken
    ) {
      const l = this.eval(node.left, scope);
      const t = this.truthy(l);
      if (t === 'proxy') this.fact('jsLogic', node, `\`${node.operatorToken.getText()}\``);
      if (t === 'unknown') {
        this.withDynamic(() => this.eval(node.right, scope));
        return UNKNOWN;
      }
      if (op === ts.SyntaxKind.QuestionQuestionToken) {
        return l.k === 'lit' && (l.v === null || l.v === undefined)
          ? this.eval(node.right, scope)
          : l;
      }
      const takeRight = op === ts.SyntaxKind.AmpersandAmpersandToken ? t !== false : t === false;
      return takeRight ? this.eval(node.right, scope) : l;
    }
    if (op === ts.SyntaxKind.EqualsToken) {
      const r = this.eval(node.right, scope);
      this.assign(node.left, r, scope);
      return r;
    }
    if (op === ts.SyntaxKind.CommaToken) {
      this.eval(node.left, scope);
      return this.eval(node.right, scope);
    }
    const l = this.eval(node.left, scope);
    const r = this.eval(node.right, scope);
    if (l.k === 'ref' || r.k === 'ref') {
      // Anything that converts a placeholder to a primitive throws (its Symbol.toPrimitive is a
      // lazy reference, not a function); strict equality, `in` and `instanceof` do not.
      const kind = STRICT_OR_NON_CONVERTING.has(op) ? 'jsLogic' : 'throws';
      this.fact(kind, node, `the \`${node.operatorToken.getText()}\` operator`);
      // A placeholder object never equals a literal.
      if ((l.k === 'lit' || r.k === 'lit') && EQUALITY.has(op))
        return lit(
          op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
            op === ts.SyntaxKind.ExclamationEqualsToken,
        );
      return UNKNOWN;
    }
    if (l.k !== 'lit' || r.k !== 'lit') return UNKNOWN;
    return fold(op, l.v, r.v);
  }

  private assign(target: ts.Expression, v: Value, scope: Scope): void {
    if (ts.isIdentifier(target)) {
      for (let s: Scope | undefined = scope; s; s = s.parent) {
        if (s.vars.has(target.text) || !s.parent) {
          if (s.parent || s.vars.has(target.text)) s.vars.set(target.text, v);
          return;
        }
      }
    } else if (ts.isPropertyAccessExpression(target)) {
      const obj = this.eval(target.expression, scope);
      if (obj.k === 'obj') obj.props.set(target.name.text, v);
    } else if (ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target)) {
      // Destructuring assignment: not tracked.
    }
  }

  private conditional(node: ts.ConditionalExpression, scope: Scope): Value {
    const t = this.truthy(this.eval(node.condition, scope));
    if (t === 'proxy') this.fact('jsLogic', node, 'a `?:` conditional');
    if (t === 'unknown') return this.withDynamic(() => this.eval(node.whenTrue, scope));
    return this.eval(t === false ? node.whenFalse : node.whenTrue, scope);
  }

  private prefix(node: ts.PrefixUnaryExpression, scope: Scope): Value {
    const v = this.eval(node.operand, scope);
    if (v.k === 'ref') {
      const kind = node.operator === ts.SyntaxKind.ExclamationToken ? 'jsLogic' : 'throws';
      this.fact(kind, node, `the \`${ts.tokenToString(node.operator) ?? ''}\` operator`);
      // A placeholder is an object: `!placeholder` is false at definition time, whatever it holds.
      return node.operator === ts.SyntaxKind.ExclamationToken ? lit(false) : UNKNOWN;
    }
    if (v.k !== 'lit')
      return node.operator === ts.SyntaxKind.ExclamationToken && v.k !== 'unknown'
        ? lit(false)
        : UNKNOWN;
    switch (node.operator) {
      case ts.SyntaxKind.ExclamationToken:
        return lit(!v.v);
      case ts.SyntaxKind.MinusToken:
        return lit(-Number(v.v));
      case ts.SyntaxKind.PlusToken:
        return lit(Number(v.v));
      default:
        return UNKNOWN;
    }
  }

  withDynamic<T>(fn: () => T): T {
    if (this.composer) this.composer.dynamicDepth++;
    try {
      return fn();
    } finally {
      if (this.composer) this.composer.dynamicDepth--;
    }
  }

  private newExpr(node: ts.NewExpression, scope: Scope): Value {
    const callee = this.eval(node.expression, scope);
    const name =
      callee.k === 'sdk'
        ? callee.name
        : ts.isIdentifier(node.expression)
          ? node.expression.text
          : '';
    const args = (node.arguments ?? []).map((a) => this.eval(a, scope));
    if (name === 'WorkflowResponse' && this.composer) return this.composer.response(args, node);
    if (name === 'Date') return { k: 'date' };
    if (name === 'Map') return { k: 'map' };
    if (name === 'Set') return { k: 'set' };
    return UNKNOWN;
  }

  // ---- calls --------------------------------------------------------------------------------

  private evalArgs(call: ts.CallExpression, scope: Scope): Value[] {
    const out: Value[] = [];
    for (const a of call.arguments) {
      const v = this.eval(a, scope);
      if (ts.isSpreadElement(a) && v.k === 'arr') out.push(...v.items);
      else out.push(v);
    }
    return out;
  }

  private call(call: ts.CallExpression, scope: Scope): Value {
    const spec = requireSpec(call);
    if (spec !== undefined) return this.session.importModule(spec, scope.file);
    const callee = skipParens(call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const obj = this.eval(callee.expression, scope);
      return this.method(obj, callee.name.text, call, scope);
    }
    const fn = this.eval(callee, scope);
    return this.callValue(fn, call, scope);
  }

  private method(obj: Value, name: string, call: ts.CallExpression, scope: Scope): Value {
    const c = this.composer;
    if (obj.k === 'ref') {
      if (name === 'config' && c)
        return c.config(obj, this.evalArgs(call, scope)[0] ?? UNDEF, call);
      // Object.prototype methods exist on the placeholder; any other name is a lazy property
      // reference, and calling it throws "... is not a function" when the workflow is defined.
      if (!OBJECT_METHODS.has(name)) this.fact('throws', call, `calling \`.${name}()\``);
      this.evalArgs(call, scope);
      return UNKNOWN;
    }
    if (obj.k === 'workflow' && name === 'runAsStep') {
      const args = this.evalArgs(call, scope);
      return c ? c.runAsStep(obj.wf, args, call) : UNKNOWN;
    }
    if (obj.k === 'hook' && name === 'getResult') return c ? c.hookResult(obj, call) : UNKNOWN;
    if (obj.k === 'when' && name === 'then') {
      const fn = call.arguments[0] ? this.eval(call.arguments[0], scope) : UNDEF;
      return c ? c.then(obj.when, fn, call, this) : UNKNOWN;
    }
    if (obj.k === 'hooks') {
      this.evalArgs(call, scope);
      return UNKNOWN;
    }
    if (obj.k === 'unknown') {
      const text = call.expression.getText();
      if (/^console\.\w+$/.test(text)) this.fact('console', call, text);
      else if (/(?:^|\.)resolve$/.test(text) || /Service\.\w+$|Module\.\w+$/.test(text))
        this.fact('sideEffect', call, text);
      this.evalArgs(call, scope);
      return UNKNOWN;
    }
    if (obj.k === 'arr' && !obj.open && (name === 'map' || name === 'forEach')) {
      // A loop over a known list in the composer runs at definition: each callback call records.
      const fn = this.evalArgs(call, scope)[0];
      if (fn?.k !== 'fn') return UNKNOWN;
      const items = obj.items.map((item, i) => this.invoke(fn, [item, lit(i), obj]));
      return name === 'map' ? { k: 'arr', items } : UNDEF;
    }
    if (obj.k === 'arr' || obj.k === 'lit') {
      this.evalArgs(call, scope);
      return UNKNOWN;
    }
    return this.callValue(this.get(obj, name), call, scope);
  }

  private callValue(fn: Value, call: ts.CallExpression, scope: Scope): Value {
    if (fn.k === 'sdk') return this.sdkCall(fn.name, call, scope);
    if (fn.k === 'stepFactory') {
      const args = this.evalArgs(call, scope);
      if (this.composer) return this.composer.callStep(fn.def, args, call);
      this.onStrayStepCall?.(fn.def, call);
      return UNKNOWN;
    }
    if (fn.k === 'fn') return this.invoke(fn, this.evalArgs(call, scope));
    if (fn.k === 'unknown' && ts.isIdentifier(skipParens(call.expression))) {
      const name = (skipParens(call.expression) as ts.Identifier).text;
      if (name === 'fetch') this.fact('sideEffect', call, 'fetch');
    }
    this.evalArgs(call, scope);
    return UNKNOWN;
  }

  private sdkCall(name: string, call: ts.CallExpression, scope: Scope): Value {
    const c = this.composer;
    switch (name) {
      case 'createStep':
        return this.createStep(call, scope);
      case 'createWorkflow':
        return { k: 'workflow', wf: this.workflowRef(call, scope) };
      case 'require': {
        const a0 = call.arguments[0];
        return a0 && ts.isStringLiteralLike(a0)
          ? this.session.importModule(a0.text, scope.file)
          : UNKNOWN;
      }
      case 'createHook':
        return c ? c.createHook(this.evalArgs(call, scope), call) : UNKNOWN;
      case 'when':
        return c ? c.when(this.evalArgs(call, scope), call) : UNKNOWN;
      case 'parallelize':
        return c ? c.parallelize(this.evalArgs(call, scope), call) : UNKNOWN;
      case 'transform':
        return c ? c.transform(this.evalArgs(call, scope), call) : UNKNOWN;
      default:
        this.evalArgs(call, scope);
        return UNKNOWN;
    }
  }

  invoke(fn: Extract<Value, { k: 'fn' }>, args: Value[]): Value {
    const node = fn.node;
    if (this.depth >= MAX_DEPTH || !('body' in node) || !node.body) return UNKNOWN;
    this.depth++;
    try {
      const scope: Scope = { vars: new Map(), parent: fn.scope, file: fn.scope.file };
      node.parameters.forEach((p, i) => {
        let v: Value = p.dotDotDotToken ? { k: 'arr', items: args.slice(i) } : (args[i] ?? UNDEF);
        if (p.initializer && v.k === 'lit' && v.v === undefined)
          v = this.eval(p.initializer, scope);
        this.bindPattern(p.name, v, scope);
      });
      const body = node.body;
      if (!ts.isBlock(body)) return this.eval(body, scope);
      return this.execBlock(body.statements, scope)?.v ?? UNDEF;
    } finally {
      this.depth--;
    }
  }

  // ---- statements ---------------------------------------------------------------------------

  execBlock(stmts: ts.NodeArray<ts.Statement>, scope: Scope): Completion {
    for (const st of stmts) {
      if (ts.isFunctionDeclaration(st) && st.name)
        scope.vars.set(st.name.text, { k: 'fn', node: st, scope });
    }
    for (const st of stmts) {
      if (this.session.fuel < 0) return undefined;
      const r = this.exec(st, scope);
      if (r) return r;
    }
    return undefined;
  }

  private exec(st: ts.Statement, scope: Scope): Completion {
    switch (st.kind) {
      case ts.SyntaxKind.VariableStatement:
        for (const d of (st as ts.VariableStatement).declarationList.declarations) {
          this.bindPattern(d.name, d.initializer ? this.eval(d.initializer, scope) : UNDEF, scope);
        }
        return undefined;
      case ts.SyntaxKind.ExpressionStatement:
        this.eval((st as ts.ExpressionStatement).expression, scope);
        return undefined;
      case ts.SyntaxKind.ReturnStatement: {
        const e = (st as ts.ReturnStatement).expression;
        return { v: e ? this.eval(e, scope) : UNDEF };
      }
      case ts.SyntaxKind.ThrowStatement:
        this.eval((st as ts.ThrowStatement).expression, scope);
        return { v: UNKNOWN };
      case ts.SyntaxKind.Block:
        return this.execBlock((st as ts.Block).statements, {
          vars: new Map(),
          parent: scope,
          file: scope.file,
        });
      case ts.SyntaxKind.IfStatement:
        return this.ifStatement(st as ts.IfStatement, scope);
      case ts.SyntaxKind.TryStatement: {
        const t = st as ts.TryStatement;
        const r = this.execBlock(t.tryBlock.statements, {
          vars: new Map(),
          parent: scope,
          file: scope.file,
        });
        if (t.finallyBlock)
          this.execBlock(t.finallyBlock.statements, {
            vars: new Map(),
            parent: scope,
            file: scope.file,
          });
        return r;
      }
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement:
        return this.loop(st as ts.IterationStatement, scope);
      case ts.SyntaxKind.SwitchStatement: {
        const v = this.eval((st as ts.SwitchStatement).expression, scope);
        if (v.k === 'ref') this.fact('jsLogic', st, 'a `switch`');
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private ifStatement(st: ts.IfStatement, scope: Scope): Completion {
    const t = this.truthy(this.eval(st.expression, scope));
    if (t === 'proxy') this.fact('jsLogic', st.expression, 'an `if`');
    const sub = (s: ts.Statement): Completion =>
      this.exec(s, { vars: new Map(), parent: scope, file: scope.file });
    if (t === 'unknown') {
      const r = this.withDynamic(() => sub(st.thenStatement));
      return r && r.v.k !== 'unknown' ? undefined : undefined;
    }
    if (t === false) return st.elseStatement ? sub(st.elseStatement) : undefined;
    return sub(st.thenStatement);
  }

  private loop(st: ts.IterationStatement, scope: Scope): Completion {
    const inner: Scope = { vars: new Map(), parent: scope, file: scope.file };
    if (ts.isForOfStatement(st)) {
      const it = this.eval(st.expression, scope);
      const decl = ts.isVariableDeclarationList(st.initializer)
        ? st.initializer.declarations[0]
        : undefined;
      if (it.k === 'arr' && !it.open && decl) {
        for (const item of it.items) {
          const s: Scope = { vars: new Map(), parent: scope, file: scope.file };
          this.bindPattern(decl.name, item, s);
          const r = this.exec(st.statement, s);
          if (r) return r;
        }
        return undefined;
      }
      if (it.k === 'ref')
        this.fact('throws', st, 'a `for...of` loop (a placeholder is not iterable)');
      if (decl) this.bindPattern(decl.name, UNKNOWN, inner);
    } else if (
      (ts.isWhileStatement(st) || ts.isDoStatement(st)) &&
      this.eval(st.expression, scope).k === 'ref'
    ) {
      this.fact('jsLogic', st, 'a loop');
    }
    this.fact('dynamic', st, 'a loop');
    this.withDynamic(() => this.exec(st.statement, inner));
    return undefined;
  }

  bindPattern(name: ts.BindingName, v: Value, scope: Scope): void {
    if (ts.isIdentifier(name)) {
      scope.vars.set(name.text, v);
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        if (el.dotDotDotToken) {
          this.bindPattern(el.name, v.k === 'ref' ? v : UNKNOWN, scope);
          continue;
        }
        const keyNode = el.propertyName ?? (ts.isIdentifier(el.name) ? el.name : undefined);
        const key = keyNode ? this.propName(keyNode, scope) : undefined;
        let sub = key === undefined ? UNKNOWN : this.get(v, key);
        if (el.initializer && sub.k === 'lit' && sub.v === undefined)
          sub = this.eval(el.initializer, scope);
        this.bindPattern(el.name, sub, scope);
      }
      return;
    }
    if (v.k === 'ref')
      this.fact('throws', name, 'array destructuring (a placeholder is not iterable)');
    name.elements.forEach((el, i) => {
      if (ts.isOmittedExpression(el)) return;
      let sub: Value = el.dotDotDotToken
        ? v.k === 'arr'
          ? { k: 'arr', items: v.items.slice(i) }
          : UNKNOWN
        : this.get(v, String(i));
      if (el.initializer && sub.k === 'lit' && sub.v === undefined)
        sub = this.eval(el.initializer, scope);
      this.bindPattern(el.name, sub, scope);
    });
  }

  // ---- SDK definitions ----------------------------------------------------------------------

  private createStep(call: ts.CallExpression, scope: Scope): Value {
    const memo = !scope.parent ? scope.file.stepDefs.get(call) : undefined;
    if (memo) return { k: 'stepFactory', def: memo };
    const [a0, invokeFn, compensateFn] = call.arguments;
    const first = a0 ? this.eval(a0, scope) : UNDEF;
    const nameV = first.k === 'obj' ? (first.props.get('name') ?? UNDEF) : first;
    const config = first.k === 'obj' ? ((toPlain(first) as Record<string, unknown>) ?? {}) : {};
    delete config.name;
    let name = nameV.k === 'lit' && typeof nameV.v === 'string' ? nameV.v : undefined;
    if (name === undefined && invokeFn && ts.isFunctionExpression(invokeFn) && invokeFn.name)
      name = invokeFn.name.text;
    let hasCompensation = compensateFn !== undefined;
    if (compensateFn) {
      const cv = this.eval(compensateFn, scope);
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

  workflowRef(call: ts.CallExpression, scope: Scope): WorkflowRef {
    const memo = scope.file.workflowRefs.get(call);
    if (memo) return memo;
    const a0 = call.arguments[0];
    const first = a0 ? this.mod.eval(a0, scope) : UNDEF;
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
}

const OBJECT_METHODS = new Set([
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
]);

const STRICT_OR_NON_CONVERTING = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.InKeyword,
  ts.SyntaxKind.InstanceOfKeyword,
]);

const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken)
    return skipParens(e.right);
  return e;
}

function fold(op: ts.SyntaxKind, a: unknown, b: unknown): Value {
  const x = a as number;
  const y = b as number;
  switch (op) {
    case ts.SyntaxKind.PlusToken:
      return typeof a === 'string' || typeof b === 'string'
        ? lit(String(a) + String(b))
        : lit(x + y);
    case ts.SyntaxKind.MinusToken:
      return lit(x - y);
    case ts.SyntaxKind.AsteriskToken:
      return lit(x * y);
    case ts.SyntaxKind.SlashToken:
      return lit(x / y);
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
      return lit(a === b);
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      return lit(a !== b);
    default:
      return UNKNOWN;
  }
}
