// The analyzer behind index.ts: per-entry results cached while none of the files they read has
// changed, rules run over the union.
import type * as ts from 'typescript';
import { inPackage } from './medusa/workflowGraphRecorder';
import { analyzeFile, type FileAnalysis } from './fileAnalysis';
import type { AnalyzerHost } from './modules/host';
import type { AnalysisResult, Diagnostic, StepDefinition, WorkflowModel } from './model';
import { Resolver } from './modules/resolver';
import { rules } from './rules/index';
import type { RuleInput } from './rules/types';
import { Session, type FileCtx } from './interpreter/session';
import { SourceStore } from './modules/sourceStore';

interface CachedFile {
  analysis: FileAnalysis;
  ctx: FileCtx | undefined;
}

export class AnalyzerImpl {
  private readonly store: SourceStore;
  private readonly resolver: Resolver;
  private readonly cache = new Map<string, CachedFile>();
  private session: Session;

  constructor(host: AnalyzerHost) {
    this.store = new SourceStore(host);
    this.resolver = new Resolver(this.store);
    this.session = new Session(this.store, this.resolver);
  }

  setFile(path: string, text: string | undefined): void {
    this.store.setOverlay(path, text);
  }

  invalidate(path?: string): void {
    this.store.invalidate(path);
    this.resolver.clear();
    if (path === undefined) {
      this.cache.clear();
      this.session = new Session(this.store, this.resolver);
      return;
    }
    // The file's own change is seen by the next refresh(); a file created or deleted can change
    // what other files' imports resolve to.
    this.session.dropUnresolved();
    this.session.dropResolvedTo(path);
  }

  analyze(paths: string[]): AnalysisResult {
    const files: FileAnalysis[] = [];
    const session = this.session;
    session.refresh();
    for (const p of [...new Set(paths)]) {
      const cached = this.cache.get(p);
      if (cached && cached.ctx !== undefined && session.file(p) === cached.ctx) {
        files.push(cached.analysis);
        continue;
      }
      let analysis: FileAnalysis;
      try {
        analysis = analyzeFile(session, p);
      } catch (e) {
        analysis = {
          workflows: [],
          steps: [],
          stray: [],
          hookRegistrations: [],
          legacyImports: [],
          internalErrors: [{ file: p, message: String(e) }],
        };
      }
      this.cache.set(p, { analysis, ctx: session.file(p) });
      files.push(analysis);
    }
    return combine(files, new Set(paths));
  }
}

function combine(files: FileAnalysis[], entries: Set<string>): AnalysisResult {
  const input: RuleInput = {
    workflows: [],
    steps: [],
    stray: [],
    hookRegistrations: [],
    legacyImports: [],
  };
  for (const f of files) {
    input.workflows.push(...f.workflows);
    input.steps.push(...f.steps);
    input.stray.push(...f.stray);
    input.hookRegistrations.push(...f.hookRegistrations);
    input.legacyImports.push(...f.legacyImports);
  }
  // Handlers may live in other files: recomputed on every analysis, never accumulated.
  for (const wf of input.workflows) for (const hook of wf.model.hooks) hook.handlers = [];
  for (const reg of input.hookRegistrations) {
    for (const wf of input.workflows) {
      if (wf.ref !== reg.workflow && wf.model.id !== reg.workflow.id) continue;
      const hook = wf.model.hooks.find((h) => h.name === reg.hook);
      const loc = { file: reg.call.getSourceFile().fileName, span: spanOfCall(reg.call) };
      if (
        hook &&
        !hook.handlers.some(
          (h) =>
            h.file === loc.file &&
            h.span.start.line === loc.span.start.line &&
            h.span.start.character === loc.span.start.character,
        )
      ) {
        hook.handlers.push(loc);
      }
    }
  }
  const diagnostics: Diagnostic[] = [];
  const internalErrors = files.flatMap((f) =>
    f.internalErrors.map((e) => `${e.file}: ${e.message}`),
  );
  for (const rule of rules) {
    try {
      // A package's code is not the user's to fix: what a walk through it finds is placed at the
      // user's call (StepHandle.site) or dropped, unless that file itself was asked for.
      for (const d of rule.check(input))
        if (!inPackage(d.location.file) || entries.has(d.location.file)) diagnostics.push(d);
    } catch (e) {
      // A failing rule must not take the others down.
      internalErrors.push(
        `rule ${rule.code}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
    }
  }
  const workflows: WorkflowModel[] = input.workflows.map((w) => w.model);
  const steps: StepDefinition[] = input.steps.map((s) => s.model);
  const result: AnalysisResult = { workflows, steps, diagnostics };
  if (internalErrors.length > 0) result.internalErrors = internalErrors;
  return result;
}

function spanOfCall(call: ts.CallExpression): import('./model').Span {
  const sf = call.getSourceFile();
  const s = sf.getLineAndCharacterOfPosition(call.getStart(sf));
  const e = sf.getLineAndCharacterOfPosition(call.getEnd());
  return {
    start: { line: s.line, character: s.character },
    end: { line: e.line, character: e.character },
  };
}
