// Everything found in one entry file: its workflows (with their composers walked), its step
// definitions, step calls made outside any composer, and hook handler registrations.
import ts from 'typescript';
import { findCandidates } from './modules/candidates';
import {
  WorkflowGraphRecorder,
  type Fact,
  type RecordedWhen,
  type StepCall,
} from './medusa/workflowGraphRecorder';
import { workflowRefOf } from './interpreter/sdkDefinitions';
import { Evaluator } from './interpreter/evaluator';
import type { StepDefinition, WorkflowModel } from './model';
import type { FileCtx, Session } from './interpreter/session';
import { locationOf } from './spans';
import { UNKNOWN, type StepDef, type Value, type WorkflowRef } from './interpreter/abstractValues';

export interface WorkflowAnalysis {
  model: WorkflowModel;
  ref: WorkflowRef;
  composer?: ts.SignatureDeclaration;
  facts: Fact[];
  calls: StepCall[];
  whens: RecordedWhen[];
  unthenedWhens: ts.CallExpression[];
  parallelGroups: WorkflowGraphRecorder['parallelGroups'];
  smallParallels: ts.CallExpression[];
}

export interface HookRegistration {
  workflow: WorkflowRef;
  hook: string;
  call: ts.CallExpression;
}

export interface FileAnalysis {
  workflows: WorkflowAnalysis[];
  steps: { def: StepDef; model: StepDefinition }[];
  stray: { def: StepDef; call: ts.CallExpression }[];
  hookRegistrations: HookRegistration[];
  /** Imports of the pre-v2 `@medusajs/workflows` package: such a file is not analyzed. */
  legacyImports: ts.Node[];
  internalErrors: { file: string; message: string }[];
}

const FUEL_PER_WORKFLOW = 300_000;

export function analyzeFile(session: Session, path: string): FileAnalysis {
  const out: FileAnalysis = {
    workflows: [],
    steps: [],
    stray: [],
    hookRegistrations: [],
    legacyImports: [],
    internalErrors: [],
  };
  const file = session.file(path);
  if (!file) return out;
  out.legacyImports = legacyImports(file.sf);
  if (out.legacyImports.length > 0) return out;
  session.errors = [];
  const ev = new Evaluator(session);
  const scope = ev.moduleScope(file);
  ev.onStrayStepCall = (def, call) => out.stray.push({ def, call });
  for (const c of findCandidates(file.sf, file.info)) {
    session.fuel = FUEL_PER_WORKFLOW;
    try {
      if (c.kind === 'wf') {
        const wf = workflowAt(ev, c.call, file);
        if (wf) out.workflows.push(wf);
      } else if (c.kind === 'step') {
        const v = ev.eval(c.call, scope);
        if (v.k === 'stepFactory') out.steps.push({ def: v.def, model: stepModel(v.def) });
      } else if (c.kind === 'hookReg') {
        const reg = hookRegistration(ev, c.call, scope);
        if (reg) out.hookRegistrations.push(reg);
      } else {
        const callee = ev.eval(c.call.expression, scope);
        if (callee.k === 'stepFactory') out.stray.push({ def: callee.def, call: c.call });
      }
    } catch (e) {
      session.noteError(e);
    }
  }
  for (const message of session.errors) out.internalErrors.push({ file: path, message });
  return out;
}

function workflowAt(
  ev: Evaluator,
  call: ts.CallExpression,
  file: FileCtx,
): WorkflowAnalysis | undefined {
  const scope = ev.moduleScope(file);
  const callee = ev.eval(call.expression, scope);
  if (callee.k !== 'sdk' || callee.name !== 'createWorkflow') return undefined;
  const ref = workflowRefOf(ev, call, scope);
  const model: WorkflowModel = {
    id: ref.id,
    location: locationOf(call, file.sf),
    nodes: [],
    edges: [],
    parallelGroups: [],
    whenBlocks: [],
    hooks: [],
  };
  if (ref.dynamic) model.dynamic = true;
  const variable = declaredName(call);
  if (variable) model.variable = variable;
  const rec = new WorkflowGraphRecorder((n) => n.getSourceFile());
  const analysis: WorkflowAnalysis = {
    model,
    ref,
    facts: rec.facts,
    calls: rec.calls,
    whens: rec.whenBlocks,
    unthenedWhens: [],
    parallelGroups: rec.parallelGroups,
    smallParallels: rec.smallParallels,
  };
  const composerArg = call.arguments[1];
  const fn: Value = composerArg ? ev.eval(composerArg, scope) : UNKNOWN;
  if (fn.k !== 'fn') {
    model.dynamic = true;
    rec.finish(model, UNKNOWN, undefined);
    return analysis;
  }
  const node = fn.node;
  analysis.composer = node;
  model.composer = locationOf(node, node.getSourceFile());
  const p0 = node.parameters[0];
  if (p0 && ts.isIdentifier(p0.name)) model.inputName = p0.name.text;
  if ((ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Async) !== 0)
    rec.fact('await', node, 'async');
  const composerEv = new Evaluator(ev.session, rec, ev);
  const returned = composerEv.invoke(fn, [{ k: 'ref', src: { kind: 'input' }, path: [] }]);
  // Out of budget, or a loop / parallelize whose shape depends on run-time values.
  if (ev.session.fuel < 0 || rec.facts.some((f) => f.kind === 'dynamic')) model.dynamic = true;
  rec.finish(model, returned, returnNode(node));
  analysis.unthenedWhens = rec.whens.filter((w) => !w.thenCalled).map((w) => w.call);
  return analysis;
}

function returnNode(fn: ts.SignatureDeclaration): ts.Node | undefined {
  const body = 'body' in fn ? fn.body : undefined;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body;
  for (let i = body.statements.length - 1; i >= 0; i--) {
    const st = body.statements[i]!;
    if (ts.isReturnStatement(st)) return st.expression ?? st;
  }
  return undefined;
}

/** `const x = createX(...)`, `exports.x = createX(...)`: the name the definition is held by. */
export function declaredName(call: ts.Node): string | undefined {
  const p = call.parent;
  if (!p) return undefined;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const l = p.left;
    if (ts.isPropertyAccessExpression(l)) return l.name.text;
    if (ts.isIdentifier(l)) return l.text;
  }
  if (ts.isAsExpression(p) || ts.isParenthesizedExpression(p) || ts.isSatisfiesExpression(p))
    return declaredName(p);
  return undefined;
}

function stepModel(def: StepDef): StepDefinition {
  const sf = def.file.sf;
  const m: StepDefinition = {
    name: def.name,
    location: def.location,
    hasCompensation: def.hasCompensation,
    config: def.config,
  };
  if (def.dynamic) m.dynamic = true;
  const variable = declaredName(def.call);
  if (variable) m.variable = variable;
  if (def.invokeFn) m.invoke = locationOf(def.invokeFn, sf);
  if (def.compensateFn) m.compensate = locationOf(def.compensateFn, sf);
  return m;
}

function hookRegistration(
  ev: Evaluator,
  call: ts.CallExpression,
  scope: ReturnType<Evaluator['moduleScope']>,
): HookRegistration | undefined {
  const callee = call.expression as ts.PropertyAccessExpression;
  const hooks = ev.eval(callee.expression, scope);
  if (hooks.k !== 'hooks') return undefined;
  return { workflow: hooks.wf, hook: callee.name.text, call };
}

const LEGACY = /^@medusajs\/workflows(?:\/|$)/;

/** `import ... from '@medusajs/workflows'` or a top-level `require` of it (Medusa v1). */
function legacyImports(sf: ts.SourceFile): ts.Node[] {
  const out: ts.Node[] = [];
  for (const st of sf.statements) {
    if (
      ts.isImportDeclaration(st) &&
      ts.isStringLiteral(st.moduleSpecifier) &&
      LEGACY.test(st.moduleSpecifier.text)
    )
      out.push(st.moduleSpecifier);
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        const arg = init && ts.isCallExpression(init) ? init.arguments[0] : undefined;
        if (arg && ts.isStringLiteral(arg) && LEGACY.test(arg.text)) out.push(arg);
      }
  }
  return out;
}
