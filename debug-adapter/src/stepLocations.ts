// Debug adapter: where steps live in the source, from the static analyzer (which never runs user
// code). Maps source lines to step boundaries (breakpoints) and boundaries to lines (stack frames).
import { readFileSync } from 'node:fs';
import type { StepAction } from '../../engine/src/instrumentation';
import type {
  AnalysisResult,
  GraphNode,
  Location,
  StepDefinition,
  WorkflowModel,
} from '../../server/src/analysis/index';
import { analyzeSession } from './analysisRounds';
import type { AnalysisThread } from './analysisThread';

type Analysis = typeof import('../../server/src/analysis/index');

/** The analyzer (and the TypeScript compiler it holds) in this thread: only when no worker runs. */
function analysisModule(): Analysis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../server/src/analysis/index') as Analysis;
}

export interface Target {
  step: string;
  action: StepAction;
  workflowId?: string;
}

/** The answer for one source line: targets (verified) or a reason (unverified). 0-based lines. */
export interface LineMapping {
  targets: Target[];
  line: number;
  reason?: string;
  /** A line of a step's invoke or compensation function (its head included: V8 can break there
   * too, on the parameters). */
  inHandler?: boolean;
}

export const NOT_A_STEP =
  "Not a workflow step: breakpoints pause at a step call in a workflow composer, or on a line of a step's invoke or compensation function.";

export class StepLocations {
  private analysis?: AnalysisResult;
  private readonly entries: string[] = [];
  private unavailable?: string;
  private requested = false;

  /** @param thread where the analysis runs; in this thread, on first use, when absent. */
  constructor(
    entry: string,
    private readonly thread?: AnalysisThread,
  ) {
    this.entries.push(entry);
  }

  /** Starts the analysis in the worker thread now; its answer is collected on first use. */
  warm(): void {
    if (this.analysis || this.requested || !this.thread) return;
    this.thread.request([...this.entries]);
    this.requested = true;
  }

  /** Makes sure `file` is part of the analysis (breakpoints in files the entry does not import). */
  include(file: string): void {
    if (this.covers(file) || this.entries.includes(file)) return;
    this.entries.push(file);
    this.analysis = undefined;
    this.requested = false;
  }

  private get result(): AnalysisResult {
    if (this.analysis) return this.analysis;
    this.warm();
    const reply = this.requested ? this.thread?.join() : undefined;
    this.requested = false;
    try {
      if (reply?.error !== undefined) throw new Error(reply.error);
      const done = reply ?? analyzeSession(analysisModule().createAnalyzer(), this.entries);
      this.entries.splice(0, this.entries.length, ...done.entries);
      this.analysis = done.result;
      this.unavailable = undefined;
    } catch (err) {
      this.analysis = { workflows: [], steps: [], diagnostics: [] };
      this.unavailable = `Source analysis is unavailable: ${(err as Error).message}`;
    }
    return this.analysis;
  }

  private covers(file: string): boolean {
    return (
      this.result.steps.some((s) => s.location.file === file) ||
      this.result.workflows.some((w) => w.location.file === file)
    );
  }

  workflow(id: string): WorkflowModel | undefined {
    return this.result.workflows.find((w) => w.id === id);
  }

  /** Runtime step names of a workflow, including those of the workflows it runs as steps. */
  stepNames(workflowId: string, seen = new Set<string>()): Set<string> | undefined {
    const wf = this.workflow(workflowId);
    if (!wf || seen.has(workflowId)) return undefined;
    seen.add(workflowId);
    const names = new Set<string>();
    for (const node of wf.nodes) {
      if (node.kind === 'transform') continue;
      names.add(node.id);
      if (node.kind === 'nested-workflow')
        for (const n of this.stepNames(node.name, seen) ?? []) names.add(n);
    }
    return names;
  }

  allStepNames(): Set<string> {
    const names = new Set<string>();
    for (const wf of this.result.workflows)
      for (const n of wf.nodes) if (n.kind !== 'transform') names.add(n.id);
    for (const s of this.result.steps) names.add(s.name);
    return names;
  }

  mapLine(file: string, line: number): LineMapping {
    const result = this.result;
    if (this.unavailable) return { targets: [], line, reason: this.unavailable };
    for (const def of result.steps) {
      for (const action of ['invoke', 'compensate'] as const) {
        const span = def[action];
        if (!span || !contains(span, file, line)) continue;
        const moved = isBlank(file, line) ? span.span.start.line : line;
        return { targets: this.targetsOf(def, action), line: moved, inHandler: true };
      }
    }
    for (const wf of this.result.workflows) {
      for (const hook of wf.hooks) {
        if (hook.handlers.some((h) => contains(h, file, line))) {
          return { targets: [{ step: hook.name, action: 'invoke', workflowId: wf.id }], line };
        }
      }
      const node = wf.nodes.find((n) => contains(n.callSite, file, line));
      if (!node) continue;
      if (node.kind === 'transform') {
        return {
          targets: [],
          line,
          reason: 'A transform is not a step: it runs lazily when a step reads it.',
        };
      }
      return {
        targets: [{ step: node.id, action: 'invoke', workflowId: wf.id }],
        line: node.callSite.span.start.line,
      };
    }
    return { targets: [], line, reason: NOT_A_STEP };
  }

  private targetsOf(def: StepDefinition, action: StepAction): Target[] {
    const targets: Target[] = [];
    for (const wf of this.result.workflows) {
      for (const node of wf.nodes) {
        if (this.definitionOf(node) === def)
          targets.push({ step: node.id, action, workflowId: wf.id });
      }
    }
    return targets.length > 0 ? targets : [{ step: def.name, action }];
  }

  private definitionOf(node: GraphNode): StepDefinition | undefined {
    if (node.kind !== 'step') return undefined;
    const d = node.definition;
    if (d) {
      const found = this.result.steps.find((s) => sameStart(s.location, d));
      if (found) return found;
    }
    return this.result.steps.find((s) => s.name === node.name);
  }

  /** The line a step's frame shows: its invoke or compensate function, else its call site. */
  stepFrame(workflowId: string, step: string, action: StepAction): Location | undefined {
    const wf = this.workflow(workflowId);
    const node = wf?.nodes.find((n) => n.id === step);
    const hook = wf?.hooks.find((h) => h.name === step);
    if (hook?.handlers[0]) return hook.handlers[0];
    if (!node) return this.result.steps.find((s) => s.name === step)?.[action];
    const def = this.definitionOf(node);
    return def?.[action] ?? node.definition ?? node.callSite;
  }

  callSite(workflowId: string, step: string): Location | undefined {
    return this.workflow(workflowId)?.nodes.find((n) => n.id === step)?.callSite;
  }

  workflowLocation(workflowId: string): Location | undefined {
    const wf = this.workflow(workflowId);
    return wf?.composer ?? wf?.location;
  }
}

function contains(loc: Location, file: string, line: number): boolean {
  return loc.file === file && loc.span.start.line <= line && line <= loc.span.end.line;
}

function sameStart(a: Location, b: Location): boolean {
  return (
    a.file === b.file &&
    a.span.start.line === b.span.start.line &&
    a.span.start.character === b.span.start.character
  );
}

const lineCache = new Map<string, string[]>();

function isBlank(file: string, line: number): boolean {
  let lines = lineCache.get(file);
  if (!lines) {
    try {
      lines = readFileSync(file, 'utf8').split(/\r?\n/);
    } catch {
      return false;
    }
    lineCache.set(file, lines);
  }
  const text = (lines[line] ?? '').trim();
  return text === '' || text.startsWith('//');
}
