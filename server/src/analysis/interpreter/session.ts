// The evaluation state kept between analyses: per file, its lazily evaluated module-level values.
// When a file's text changes, it and every file that (transitively) imports it are dropped.
import type * as ts from 'typescript';
import { mayExport } from '../modules/exportScan';
import { moduleInfo, type ModuleInfo } from '../modules/moduleInfo';
import type { Resolver } from '../modules/resolver';
import type { SourceStore } from '../modules/sourceStore';
import { UNKNOWN, type StepDef, type Value, type WorkflowRef } from './abstractValues';

export interface FileCtx {
  path: string;
  sf: ts.SourceFile;
  info: ModuleInfo;
  locals: Map<string, Value>;
  inProgress: Set<string>;
  modules: Map<string, Value>;
  exportIndex: Map<string, boolean>;
  /** Files whose values were computed from this one's. */
  dependents: Set<string>;
  /** Definitions evaluated at module level, by their call (dropped with the file's values). */
  stepDefs: Map<ts.CallExpression, StepDef>;
  workflowRefs: Map<ts.CallExpression, WorkflowRef>;
}

export class Session {
  private files = new Map<string, FileCtx | null>();
  /** Budget against pathological inputs: evaluation steps left. */
  fuel = 0;
  /** Exceptions caught while evaluating (analyzer bugs), reported with the result. */
  errors: string[] = [];

  noteError(e: unknown): void {
    if (this.errors.length < 20)
      this.errors.push(
        e instanceof Error
          ? `${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n') ?? ''}`
          : String(e),
      );
  }

  constructor(
    readonly store: SourceStore,
    readonly resolver: Resolver,
  ) {}

  /** Files with an import that resolved to nothing: a new file on disk may satisfy it. */
  private readonly unresolved = new Set<string>();
  /** Files ruled out by their text alone (`mayExport`), not parsed: the text seen and the files
   * whose values assumed it. */
  private readonly peeked = new Map<string, { text: string; dependents: Set<string> }>();

  /** After files appeared or disappeared: forget the files whose imports may resolve differently. */
  dropUnresolved(): void {
    this.drop([...this.unresolved]);
    this.unresolved.clear();
  }

  /** A deleted file: whoever imported it must resolve again (maybe to another file now). */
  dropResolvedTo(path: string): void {
    const ctx = this.files.get(path);
    if (ctx) this.drop([path]);
  }

  /** Drops every file whose text changed since it was read, and everything computed from it. */
  refresh(): void {
    const stale: string[] = [];
    for (const [path, ctx] of this.files) {
      if ((ctx?.sf ?? undefined) !== this.store.sourceFile(path)) stale.push(path);
    }
    for (const [path, peek] of this.peeked) {
      if (this.store.text(path) === peek.text) continue;
      this.peeked.delete(path);
      stale.push(...peek.dependents);
    }
    this.drop(stale);
  }

  private drop(stale: string[]): void {
    while (stale.length > 0) {
      const path = stale.pop()!;
      const ctx = this.files.get(path);
      if (ctx === undefined) continue;
      this.files.delete(path);
      if (ctx) stale.push(...ctx.dependents);
    }
  }

  file(path: string): FileCtx | undefined {
    let ctx = this.files.get(path);
    if (ctx === undefined) {
      const sf = this.store.sourceFile(path);
      ctx = sf
        ? {
            path,
            sf,
            info: moduleInfo(sf),
            locals: new Map(),
            inProgress: new Set(),
            modules: new Map(),
            exportIndex: new Map(),
            dependents: new Set(),
            stepDefs: new Map(),
            workflowRefs: new Map(),
          }
        : null;
      this.files.set(path, ctx);
    }
    return ctx ?? undefined;
  }

  /** The module a specifier names, as a value. */
  importModule(spec: string, from: FileCtx): Value {
    let v = from.modules.get(spec);
    if (!v) {
      const r = this.resolver.resolve(spec, from.path);
      const ctx = r.kind === 'file' ? this.file(r.path) : undefined;
      if (ctx) ctx.dependents.add(from.path);
      if (r.kind === 'missing') this.unresolved.add(from.path);
      v = r.kind === 'sdk' ? { k: 'sdkModule' } : ctx ? { k: 'module', file: ctx } : UNKNOWN;
      from.modules.set(spec, v);
    }
    return v;
  }

  /** Whether the module `spec` names can export `name`, possibly through `export *`: false only
   * when its text proves it cannot (exportScan.ts), and then the file is not parsed. */
  mayExport(spec: string, from: FileCtx, name: string): boolean {
    const r = this.resolver.resolve(spec, from.path);
    if (r.kind !== 'file' || this.files.has(r.path)) return true;
    const text = this.store.text(r.path);
    if (text === undefined || mayExport(text, name)) return true;
    let peek = this.peeked.get(r.path);
    if (peek?.text !== text) this.peeked.set(r.path, (peek = { text, dependents: new Set() }));
    peek.dependents.add(from.path);
    return false;
  }

  importBinding(spec: string, name: string, from: FileCtx, evalExport: ExportEvaluator): Value {
    const mod = this.importModule(spec, from);
    if (name === '*' || mod.k !== 'module') {
      if (mod.k === 'sdkModule' && name !== '*') return { k: 'sdk', name };
      return mod;
    }
    return evalExport(mod.file, name);
  }
}

export type ExportEvaluator = (file: FileCtx, name: string) => Value;
