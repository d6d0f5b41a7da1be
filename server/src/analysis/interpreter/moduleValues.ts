// Module-level values, evaluated lazily and memoized per file: top-level bindings, imports, and
// exports followed through re-exports and `export *` (as tsc emits them for CommonJS too).
import type { Evaluator } from './evaluator';
import { bindingNames } from '../modules/moduleInfo';
import type { FileCtx } from './session';
import { UNKNOWN, type Value } from './abstractValues';

export function evalLocal(ev: Evaluator, file: FileCtx, name: string): Value {
  const memo = file.locals.get(name);
  if (memo) return memo;
  if (file.inProgress.has(name)) return UNKNOWN;
  const decl = file.info.locals.get(name);
  if (!decl) return name === 'exports' ? { k: 'module', file } : UNKNOWN;
  file.inProgress.add(name);
  let v: Value = UNKNOWN;
  try {
    if (decl.kind === 'fn') v = { k: 'fn', node: decl.node, scope: ev.moduleScope(file) };
    else if (decl.kind === 'class') v = { k: 'class' };
    else if (decl.kind === 'import')
      v = ev.session.importBinding(decl.spec, decl.name, file, ev.evalExport);
    else {
      const scope = ev.moduleScope(file);
      // No initializer: `declare const x` or a `let` assigned later; either way not known here.
      const init = decl.decl.initializer ? ev.eval(decl.decl.initializer, scope) : UNKNOWN;
      ev.bindPattern(decl.decl.name, init, scope);
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
export function evalExport(ev: Evaluator, file: FileCtx, name: string, depth: number): Value {
  if (depth > 40) return UNKNOWN;
  const e = file.info.exports.get(name);
  if (e?.kind === 'local') return evalLocal(ev, file, e.local);
  if (e?.kind === 'expr') {
    const memoKey = `\0export:${name}`;
    const memo = file.locals.get(memoKey);
    if (memo) return memo;
    if (file.inProgress.has(memoKey)) return UNKNOWN;
    file.inProgress.add(memoKey);
    let v: Value;
    try {
      v = ev.eval(e.expr, ev.moduleScope(file));
    } finally {
      file.inProgress.delete(memoKey);
    }
    file.locals.set(memoKey, v);
    return v;
  }
  if (e?.kind === 'reexport') {
    const m = ev.session.importModule(e.spec, file);
    if (e.name === '*') return m;
    if (m.k === 'sdkModule') return { k: 'sdk', name: e.name };
    return m.k === 'module' ? evalExport(ev, m.file, e.name, depth + 1) : UNKNOWN;
  }
  for (const spec of file.info.stars) {
    if (!ev.session.mayExport(spec, file, name)) continue;
    const m = ev.session.importModule(spec, file);
    if (m.k === 'module' && hasExport(ev, m.file, name, new Set()))
      return evalExport(ev, m.file, name, depth + 1);
  }
  if (name === 'default') return { k: 'module', file };
  return UNKNOWN;
}

function hasExport(ev: Evaluator, file: FileCtx, name: string, seen: Set<string>): boolean {
  if (file.info.exports.has(name)) return true;
  if (seen.has(file.path)) return false;
  const top = seen.size === 0;
  seen.add(file.path);
  const memo = file.exportIndex.get(name);
  if (memo !== undefined) return memo;
  let found = false;
  for (const spec of file.info.stars) {
    if (!ev.session.mayExport(spec, file, name)) continue;
    const m = ev.session.importModule(spec, file);
    if (m.k === 'module' && hasExport(ev, m.file, name, seen)) {
      found = true;
      break;
    }
  }
  if (top || found) file.exportIndex.set(name, found);
  return found;
}
