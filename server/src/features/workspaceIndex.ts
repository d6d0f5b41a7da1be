// Language-server process: what the analyzer found, per file, for the whole workspace (and, once
// asked for, node_modules/@medusajs/core-flows). Features query this; only server.ts and
// indexing.ts feed it. It wraps the analyzer so that no analyzer failure reaches the protocol.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  Analyzer,
  AnalysisResult,
  Diagnostic,
  GraphNode,
  Location,
  Position,
  Span,
  StepDefinition,
  WorkflowModel,
} from '../analysis/index';

export interface FileFacts {
  workflows: WorkflowModel[];
  steps: StepDefinition[];
  diagnostics: Diagnostic[];
  external: boolean;
}

export type Log = (message: string) => void;

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function spanContains(span: Span, pos: Position): boolean {
  return comparePositions(span.start, pos) <= 0 && comparePositions(pos, span.end) <= 0;
}

function spanSize(span: Span): number {
  return (span.end.line - span.start.line) * 100000 + span.end.character - span.start.character;
}

function locationKey(location: Location): string {
  return `${location.file}:${location.span.start.line}:${location.span.start.character}`;
}

function realpath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileFacts>();
  /** Step definitions met while following imports out of the analyzed files. */
  private readonly foreignSteps = new Map<string, StepDefinition>();
  /** Analyzer file names (possibly real paths) back to the names we gave. */
  private readonly aliases = new Map<string, string>();
  /** The entry files of each set; a set is always analyzed whole, so that links across files
   * (hook handlers, duplicate registrations) hold. The analyzer caches unchanged files. */
  private readonly sets = { workspace: new Set<string>(), external: new Set<string>() };

  constructor(
    private readonly analyzer: Analyzer | undefined,
    private readonly log: Log,
  ) {}

  setOverlay(path: string, text: string | undefined): void {
    this.guard(`setFile(${path})`, () => this.analyzer?.setFile(path, text));
  }

  /** The file changed on disk (or was deleted): drop what the analyzer read of it. */
  invalidate(path: string): void {
    this.guard(`invalidate(${path})`, () => this.analyzer?.invalidate(path));
  }

  /** Adds entry files to a set (a workspace file stays in the workspace set). */
  track(paths: string[], external = false): void {
    for (const p of paths) {
      if (external && this.sets.workspace.has(p)) continue;
      if (!external) this.sets.external.delete(p);
      (external ? this.sets.external : this.sets.workspace).add(p);
      const real = realpath(p);
      if (real !== p) this.aliases.set(real, p);
    }
  }

  untrack(path: string): void {
    this.sets.workspace.delete(path);
    this.sets.external.delete(path);
    this.files.delete(path);
  }

  isExternal(path: string): boolean {
    return this.sets.external.has(path);
  }

  /** Re-analyzes the whole set `path` belongs to; a new file joins the workspace set, or the
   * external one when it lies under node_modules (e.g. a core-flows file opened to read). */
  refreshFor(path: string): void {
    const external = this.sets.external.has(path) || /[\\/]node_modules[\\/]/.test(path);
    if (!this.sets.workspace.has(path) && !this.sets.external.has(path))
      this.track([path], external);
    this.refresh(this.sets.external.has(path));
  }

  /** Re-analyzes a whole set and replaces what the index knew about its files. */
  refresh(external: boolean): void {
    this.analyzeFiles([...(external ? this.sets.external : this.sets.workspace)], external);
  }

  /** Analyzes these files as entries and replaces what the index knew about them. */
  analyzeFiles(paths: string[], external = false): void {
    if (paths.length === 0) return;
    this.track(paths, external);
    let result: AnalysisResult = { workflows: [], steps: [], diagnostics: [] };
    this.guard(`analysis of ${paths.length} file(s)`, () => {
      if (this.analyzer) result = this.analyzer.analyze(paths);
    });
    this.distribute(paths, result, external);
  }

  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.log(`${what} failed: ${stack}`);
    }
  }

  private fileOf(location: Location): string {
    const file = resolve(location.file);
    return this.aliases.get(file) ?? file;
  }

  private distribute(paths: string[], result: AnalysisResult, external: boolean): void {
    const buckets = new Map<string, FileFacts>();
    for (const p of paths) buckets.set(p, { workflows: [], steps: [], diagnostics: [], external });
    const bucket = (location: Location): FileFacts | undefined => {
      return buckets.get(this.fileOf(location));
    };
    for (const w of result.workflows) bucket(w.location)?.workflows.push(w);
    for (const d of result.diagnostics) bucket(d.location)?.diagnostics.push(d);
    for (const s of result.steps) {
      const b = bucket(s.location);
      if (b) b.steps.push(s);
      else this.foreignSteps.set(locationKey(s.location), s);
    }
    for (const [p, facts] of buckets) this.files.set(p, facts);
  }

  facts(path: string): FileFacts | undefined {
    return this.files.get(path);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  *entries(includeExternal: boolean): Iterable<[string, FileFacts]> {
    for (const entry of this.files) if (includeExternal || !entry[1].external) yield entry;
  }

  *workflows(includeExternal: boolean): Iterable<WorkflowModel> {
    for (const [, facts] of this.entries(includeExternal)) yield* facts.workflows;
  }

  *stepDefinitions(includeExternal: boolean): Iterable<StepDefinition> {
    const seen = new Set<string>();
    for (const [, facts] of this.entries(includeExternal)) {
      for (const s of facts.steps) {
        seen.add(locationKey(s.location));
        yield s;
      }
    }
    for (const [key, s] of this.foreignSteps) if (!seen.has(key)) yield s;
  }

  /** The innermost graph node whose call site contains `pos` in `path`. */
  nodeAt(path: string, pos: Position): { workflow: WorkflowModel; node: GraphNode } | undefined {
    let best: { workflow: WorkflowModel; node: GraphNode } | undefined;
    for (const workflow of this.facts(path)?.workflows ?? []) {
      for (const node of workflow.nodes) {
        if (this.fileOf(node.callSite) !== path || !spanContains(node.callSite.span, pos)) continue;
        if (!best || spanSize(node.callSite.span) < spanSize(best.node.callSite.span)) {
          best = { workflow, node };
        }
      }
    }
    return best;
  }

  /** The step definition at `pos`: inside `createStep(...)` but outside its handler bodies, or on
   * its variable's name on the first line (`word` is the identifier under the cursor). */
  stepDefinitionAt(path: string, pos: Position, word?: string): StepDefinition | undefined {
    for (const step of this.facts(path)?.steps ?? []) {
      const span = step.location.span;
      const onVariable =
        word !== undefined && word === step.variable && pos.line === span.start.line;
      if (onVariable) return step;
      if (!spanContains(span, pos)) continue;
      const inBody = [step.invoke, step.compensate].some((l) => l && spanContains(l.span, pos));
      if (!inBody) return step;
    }
    return undefined;
  }

  /** The definition a node refers to, among indexed step definitions. */
  definitionOf(node: GraphNode): StepDefinition | undefined {
    const all = [...this.stepDefinitions(true)];
    if (node.definition) {
      const def = node.definition;
      const file = this.fileOf(def);
      const found = all.find(
        (s) =>
          this.fileOf(s.location) === file &&
          (spanContains(s.location.span, def.span.start) ||
            spanContains(def.span, s.location.span.start)),
      );
      if (found) return found;
    }
    return node.kind === 'step' ? all.find((s) => s.name === node.name) : undefined;
  }

  /** Whether `node` is a call of `step`. */
  uses(node: GraphNode, step: StepDefinition): boolean {
    if (node.kind !== 'step') return false;
    if (node.definition) {
      return (
        this.fileOf(node.definition) === this.fileOf(step.location) &&
        (spanContains(step.location.span, node.definition.span.start) ||
          spanContains(node.definition.span, step.location.span.start))
      );
    }
    return node.name === step.name;
  }

  /** Every call of `step` in indexed workflows. */
  usages(
    step: StepDefinition,
    includeExternal: boolean,
  ): { workflow: WorkflowModel; node: GraphNode }[] {
    const out: { workflow: WorkflowModel; node: GraphNode }[] = [];
    for (const workflow of this.workflows(includeExternal)) {
      for (const node of workflow.nodes) if (this.uses(node, step)) out.push({ workflow, node });
    }
    return out;
  }

  /** Normalized absolute file name of a location (the name the index uses). */
  file(location: Location): string {
    return this.fileOf(location);
  }
}
