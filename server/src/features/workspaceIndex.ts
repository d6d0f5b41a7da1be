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
import { AppRoots } from './apps';

export interface FileFacts {
  workflows: WorkflowModel[];
  steps: StepDefinition[];
  diagnostics: Diagnostic[];
  external: boolean;
}

/** What identifies a step definition: its name and where its createStep is. */
export type StepRef = Pick<StepDefinition, 'name' | 'location'>;

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

/** The world of the node_modules files indexed (core-flows' dist): one, shared by every app. */
export const EXTERNAL = '\0external';

export class WorkspaceIndex {
  private readonly files = new Map<string, FileFacts>();
  /** Step definitions met while following imports out of the analyzed files. */
  private readonly foreignSteps = new Map<string, StepDefinition>();
  /** Analyzer file names (possibly real paths) back to the names we gave. */
  private readonly aliases = new Map<string, string>();
  /** The entry files of each world: an app (see apps.ts) or EXTERNAL. A world is always analyzed
   * whole and alone, so that links across files (hook handlers, duplicate registrations) hold
   * inside an app and never across apps. The analyzer caches unchanged files. */
  private readonly worlds = new Map<string, Set<string>>();
  private readonly worldOfFile = new Map<string, string>();
  /** Files whose facts came from the disk cache, not yet analyzed in this session. */
  private readonly restored = new Set<string>();
  readonly apps = new AppRoots();

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

  /** The world a file belongs to (or would belong to, once tracked). */
  worldOf(path: string, external = false): string {
    return this.worldOfFile.get(path) ?? (external ? EXTERNAL : this.apps.of(path));
  }

  /** Adds entry files to their worlds (a workspace file stays in its app's world). */
  track(paths: string[], external = false): void {
    for (const p of paths) {
      const current = this.worldOfFile.get(p);
      if (current !== undefined && (external || current !== EXTERNAL)) continue;
      if (current !== undefined) this.worlds.get(current)?.delete(p);
      const world = external ? EXTERNAL : this.apps.of(p);
      let set = this.worlds.get(world);
      if (!set) this.worlds.set(world, (set = new Set()));
      set.add(p);
      this.worldOfFile.set(p, world);
      const real = realpath(p);
      if (real !== p) this.aliases.set(real, p);
    }
  }

  untrack(path: string): void {
    const world = this.worldOfFile.get(path);
    if (world !== undefined) this.worlds.get(world)?.delete(path);
    this.worldOfFile.delete(path);
    this.files.delete(path);
    this.restored.delete(path);
  }

  isExternal(path: string): boolean {
    return this.worldOfFile.get(path) === EXTERNAL;
  }

  isTracked(path: string): boolean {
    return this.worldOfFile.has(path);
  }

  /** The entry files of a world, as tracked so far. */
  worldFiles(world: string): string[] {
    return [...(this.worlds.get(world) ?? [])];
  }

  /** Re-analyzes the world `path` belongs to; a new file joins its app's world, or the external
   * one when it lies under node_modules (e.g. a core-flows file opened to read). */
  refreshFor(path: string): void {
    if (!this.worldOfFile.has(path)) this.track([path], /[\\/]node_modules[\\/]/.test(path));
    this.refreshWorld(this.worldOfFile.get(path)!);
  }

  /** Re-analyzes every app's world (`external` false) or the external one. */
  refresh(external: boolean): void {
    for (const world of this.worlds.keys()) {
      if ((world === EXTERNAL) === external) this.refreshWorld(world);
    }
  }

  /** Re-analyzes one world whole and replaces what the index knew about its files. */
  refreshWorld(world: string): void {
    const paths = this.worldFiles(world);
    if (paths.length > 0) this.analyzeNow(paths, world === EXTERNAL);
  }

  /** Analyzes these files as entries (alone: their world's other files are not linked in) and
   * replaces what the index knew about them; `refreshWorld` links them with the rest. */
  analyzeFiles(paths: string[], external = false): void {
    if (paths.length === 0) return;
    this.track(paths, external);
    this.analyzeNow(paths, external);
  }

  /** Tracks files and analyzes them alone without replacing any facts (background indexing). */
  warm(paths: string[], external = false): void {
    if (paths.length === 0) return;
    this.track(paths, external);
    this.guard(`analysis of ${paths.length} file(s)`, () => this.analyzer?.analyze(paths));
  }

  private analyzeNow(paths: string[], external: boolean): void {
    let result: AnalysisResult = { workflows: [], steps: [], diagnostics: [] };
    this.guard(`analysis of ${paths.length} file(s)`, () => {
      if (this.analyzer) result = this.analyzer.analyze(paths);
    });
    this.distribute(paths, result, external);
  }

  /** Facts known without analysis (the disk cache): the files join their worlds. */
  restore(path: string, facts: FileFacts): void {
    this.track([path], facts.external);
    this.files.set(path, facts);
    this.restored.add(path);
  }

  /** Whether the file's facts came from the disk cache and it was not analyzed since. */
  isRestored(path: string): boolean {
    return this.restored.has(path);
  }

  /** Every world and its files' facts (for the disk cache). */
  *worldFacts(): Iterable<[string, Record<string, FileFacts>]> {
    for (const [world, paths] of this.worlds) {
      const facts: Record<string, FileFacts> = {};
      for (const p of paths) {
        const f = this.files.get(p);
        if (f) facts[p] = f;
      }
      yield [world, facts];
    }
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
    for (const [p, facts] of buckets) {
      this.files.set(p, facts);
      this.restored.delete(p);
    }
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

  /** Whether `node` is a call of `step` (a definition, or where one is: its name and location). */
  uses(node: GraphNode, step: StepRef): boolean {
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
  usages(step: StepRef, includeExternal: boolean): { workflow: WorkflowModel; node: GraphNode }[] {
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
