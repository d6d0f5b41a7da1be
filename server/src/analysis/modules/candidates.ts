// Finds the calls an entry file's analysis starts from without walking the whole tree: a regex
// finds the names, then a descent from the root to each hit (which also yields its context).
import ts from 'typescript';
import type { ModuleInfo } from './moduleInfo';

export type CandidateKind = 'wf' | 'step' | 'hookReg' | 'stray';

export interface Candidate {
  kind: CandidateKind;
  call: ts.CallExpression;
}

const IDENT = /[\w$]/;

/** Starts of identifiers containing `step`/`Step` (createStep, fooStep, stepA), and of
 * createWorkflow and `.hooks.<name>`: plain scans, much cheaper than one regex over the text. */
function nameHits(text: string): number[] {
  const hits = new Set<number>();
  const identStart = (i: number): number => {
    while (i > 0 && IDENT.test(text[i - 1]!)) i--;
    return i;
  };
  const identEnd = (i: number): number => {
    while (i < text.length && IDENT.test(text[i]!)) i++;
    return i;
  };
  // A callee is followed by `(`, `<` (type arguments) or `)` (as in `(0, x.fooStep)(...)`), and
  // is not the class of a `new` (StepResponse).
  const callee = (start: number, end: number): boolean => {
    let j = end;
    while (
      j < text.length &&
      (text[j] === ' ' || text[j] === '\n' || text[j] === '\r' || text[j] === '\t')
    )
      j++;
    const next = text[j];
    if (next !== '(' && next !== '<' && next !== ')') return false;
    return !/\bnew\s+(?:[\w$]+\s*\.\s*)?$/.test(text.slice(Math.max(0, start - 40), start));
  };
  const add = (i: number): void => {
    const start = identStart(i);
    if (callee(start, identEnd(i))) hits.add(start);
  };
  for (let i = text.indexOf('tep'); i > 0; i = text.indexOf('tep', i + 3)) {
    const c = text[i - 1];
    if (c === 's' || c === 'S') add(i - 1);
  }
  for (let i = text.indexOf('createWorkflow'); i >= 0; i = text.indexOf('createWorkflow', i + 14))
    add(i);
  for (let i = text.indexOf('.hooks'); i >= 0; i = text.indexOf('.hooks', i + 6)) {
    let j = i + 6;
    while (j < text.length && /\s/.test(text[j]!)) j++;
    if (text[j] !== '.') continue;
    j++;
    while (j < text.length && /\s/.test(text[j]!)) j++;
    hits.add(j);
  }
  return [...hits];
}

export function lastName(e: ts.Expression): string | undefined {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken)
    return lastName(e.right);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

export function findCandidates(sf: ts.SourceFile, info: ModuleInfo): Candidate[] {
  const text = sf.text;
  const hits = nameHits(text);
  // Same-file step variables with any name (`const sendEmail = createStep(...)`).
  const stepLocals = [...info.locals]
    .filter(
      ([, d]) =>
        d.kind === 'var' &&
        d.decl.initializer &&
        ts.isCallExpression(d.decl.initializer) &&
        lastName(d.decl.initializer.expression) === 'createStep',
    )
    .map(([n]) => n);
  const extra = stepLocals.filter((n) => !/step/i.test(n)).map((n) => n.replace(/\$/g, '\\$'));
  if (extra.length > 0)
    for (const m of text.matchAll(new RegExp(`\\b(?:${extra.join('|')})\\b`, 'g')))
      hits.push(m.index);
  const byCall = new Map<ts.CallExpression, CandidateKind>();
  for (const pos of hits) {
    const c = candidateAt(sf, pos);
    if (c && !byCall.has(c.call)) byCall.set(c.call, c.kind);
  }
  return [...byCall]
    .map(([call, kind]) => ({ call, kind }))
    .sort((a, b) => a.call.getStart(sf) - b.call.getStart(sf) || b.call.end - a.call.end);
}

function candidateAt(sf: ts.SourceFile, pos: number): Candidate | undefined {
  const stack: ts.Node[] = [sf];
  let node: ts.Node = sf;
  for (;;) {
    const next: ts.Node | undefined = node.forEachChild((c) =>
      c.pos <= pos && pos < c.end ? c : undefined,
    );
    if (!next) break;
    stack.push(next);
    node = next;
  }
  if (!ts.isIdentifier(node) || node.getStart(sf) !== pos) return undefined;
  const id = node;
  const parent = stack[stack.length - 2];
  // `X.hooks.name(...)`
  if (
    parent &&
    ts.isPropertyAccessExpression(parent) &&
    parent.name === id &&
    ts.isPropertyAccessExpression(parent.expression) &&
    parent.expression.name.text === 'hooks'
  ) {
    const call = stack[stack.length - 3];
    return call && ts.isCallExpression(call) && call.expression === parent
      ? { kind: 'hookReg', call }
      : undefined;
  }
  let call: ts.CallExpression | undefined;
  for (let i = stack.length - 2; i >= 0; i--) {
    const n = stack[i]!;
    if (ts.isCallExpression(n)) {
      if (stack[i + 1] === n.expression && lastName(n.expression) === id.text) call = n;
      break;
    }
    if (
      !ts.isPropertyAccessExpression(n) &&
      !ts.isParenthesizedExpression(n) &&
      !ts.isBinaryExpression(n)
    )
      break;
  }
  if (!call) return undefined;
  if (id.text === 'createWorkflow') return { kind: 'wf', call };
  if (id.text === 'createStep') return { kind: 'step', call };
  const callee = call.expression;
  if (!ts.isIdentifier(callee) && !ts.isParenthesizedExpression(callee)) return undefined;
  // Steps belong in composers; elsewhere only top-level code and async functions are suspicious.
  let fn: ts.Node | undefined;
  for (let i = stack.length - 1; i >= 0 && !fn; i--) if (ts.isFunctionLike(stack[i])) fn = stack[i];
  if (!fn) return { kind: 'stray', call };
  const isComposer =
    ts.isCallExpression(fn.parent) && lastName(fn.parent.expression) === 'createWorkflow';
  const isAsync =
    (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
  return !isComposer && isAsync ? { kind: 'stray', call } : undefined;
}
