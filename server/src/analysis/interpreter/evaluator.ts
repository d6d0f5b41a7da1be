// A small abstract interpreter over the TypeScript AST: folds constants, follows imports and
// requires across files, and runs composer functions symbolically, reporting SDK calls to a ComposerRecorder.
// It never executes workspace code: functions are only ever walked, never called for real.
import ts from 'typescript';
import type { FileCtx, Session } from './session';
import {
  arrayExpr,
  binaryExpr,
  conditionalExpr,
  objectExpr,
  prefixExpr,
  propName,
  templateExpr,
} from './expressions';
import type { ComposerRecorder, FactKind } from './composerRecorder';
import { evalExport, evalLocal } from './moduleValues';
import { execBlock } from './statements';
import { callExpr, newExpr } from './calls';
import { lit, UNDEF, UNKNOWN, type Scope, type StepDef, type Value } from './abstractValues';

const MAX_DEPTH = 12;

export class Evaluator {
  private depth = 0;
  /** Called when a step factory is called with no composer around (outside createWorkflow). */
  onStrayStepCall?: (def: StepDef, call: ts.CallExpression) => void;

  constructor(
    readonly session: Session,
    /** Set while a composer function is walked: gets its SDK calls (steps, when, hooks...). */
    readonly recorder?: ComposerRecorder,
    private readonly moduleLevel?: Evaluator,
  ) {}

  /** An evaluator that records nothing: for functions that run later (a transform's). */
  detached(): Evaluator {
    return new Evaluator(this.session);
  }

  get moduleEvaluator(): Evaluator {
    return this.moduleLevel ?? this;
  }

  moduleScope(file: FileCtx): Scope {
    return { vars: new Map(), file };
  }

  // ---- module level (always evaluated without a composer) -----------------------------------

  evalLocal(file: FileCtx, name: string): Value {
    return evalLocal(this.moduleEvaluator, file, name);
  }

  readonly evalExport = (file: FileCtx, name: string, depth = 0): Value =>
    evalExport(this.moduleEvaluator, file, name, depth);

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

  fact(kind: FactKind, node: ts.Node, detail: string): void {
    this.recorder?.fact(kind, node, detail);
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
        return templateExpr(this, node as ts.TemplateExpression, scope);
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
        return callExpr(this, node as ts.CallExpression, scope);
      case ts.SyntaxKind.NewExpression:
        return newExpr(this, node as ts.NewExpression, scope);
      case ts.SyntaxKind.ObjectLiteralExpression:
        return objectExpr(this, node as ts.ObjectLiteralExpression, scope);
      case ts.SyntaxKind.ArrayLiteralExpression:
        return arrayExpr(this, node as ts.ArrayLiteralExpression, scope);
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        return { k: 'fn', node: node as ts.ArrowFunction, scope };
      case ts.SyntaxKind.ClassExpression:
        return { k: 'class' };
      case ts.SyntaxKind.BinaryExpression:
        return binaryExpr(this, node as ts.BinaryExpression, scope);
      case ts.SyntaxKind.ConditionalExpression:
        return conditionalExpr(this, node as ts.ConditionalExpression, scope);
      case ts.SyntaxKind.PrefixUnaryExpression:
        return prefixExpr(this, node as ts.PrefixUnaryExpression, scope);
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
        return this.moduleEvaluator.evalExport(obj.file, key);
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

  withDynamic<T>(fn: () => T): T {
    if (this.recorder) this.recorder.dynamicDepth++;
    try {
      return fn();
    } finally {
      if (this.recorder) this.recorder.dynamicDepth--;
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
      return execBlock(this, body.statements, scope)?.v ?? UNDEF;
    } finally {
      this.depth--;
    }
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
        const key = keyNode ? propName(this, keyNode, scope) : undefined;
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
}
