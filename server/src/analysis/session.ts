// One analysis run: the files it touched and the lazily evaluated module-level values of each.
import type * as ts from 'typescript';
import { moduleInfo, type ModuleInfo } from './moduleInfo';
import type { Resolver } from './resolver';
import type { SourceStore } from './sourceStore';
import { UNKNOWN, type StepDef, type Value, type WorkflowRef } from './values';

export interface FileCtx {
  path: string;
  sf: ts.SourceFile;
  info: ModuleInfo;
  locals: Map<string, Value>;
  inProgress: Set<string>;
  modules: Map<string, Value>;
}

export class Session {
  private readonly files = new Map<string, FileCtx | null>();
  /** Files read while analyzing the current entry, with the SourceFile seen (for caching). */
  deps = new Map<string, ts.SourceFile | undefined>();
  readonly stepDefs = new Map<ts.CallExpression, StepDef>();
  readonly workflowRefs = new Map<ts.CallExpression, WorkflowRef>();
  readonly declValues = new Map<ts.VariableDeclaration, Value>();
  /** Budget against pathological inputs: evaluation steps left. */
  fuel = 0;

  constructor(
    readonly store: SourceStore,
    readonly resolver: Resolver,
  ) {}

  file(path: string): FileCtx | undefined {
    let ctx = this.files.get(path);
    if (ctx === undefined) {
      const sf = this.store.sourceFile(path);
      ctx = sf ? { path, sf, info: moduleInfo(sf), locals: new Map(), inProgress: new Set(), modules: new Map() } : null;
      this.files.set(path, ctx);
    }
    if (!this.deps.has(path)) this.deps.set(path, ctx?.sf);
    return ctx ?? undefined;
  }

  /** The module a specifier names, as a value. */
  importModule(spec: string, from: FileCtx): Value {
    let v = from.modules.get(spec);
    if (!v) {
      const r = this.resolver.resolve(spec, from.path);
      const ctx = r.kind === 'file' ? this.file(r.path) : undefined;
      v = r.kind === 'sdk' ? { k: 'sdkModule' } : ctx ? { k: 'module', file: ctx } : UNKNOWN;
      from.modules.set(spec, v);
    }
    return v;
  }

  readonly exportIndex = new Map<string, boolean>();

  importBinding(spec: string, name: string, from: FileCtx, evalExport: ExportEvaluator): Value {
    const mod = this.importModule(spec, from);
    if (name === '*' || mod.k !== 'module') {
      if (mod.k === 'sdkModule' && name !== '*') return { k: 'sdk', name };
      return mod;
    }
    return evalExport(mod.file, name, new Set());
  }
}

export type ExportEvaluator = (file: FileCtx, name: string, seen: Set<string>) => Value;
