// Debug adapter: stack frames, scopes, variables, setVariable and evaluate. Values live in the
// runner child (handles expanded lazily there); this store maps frames to paused boundaries and
// turns the child's answers into DAP shapes. References are valid only while stopped.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Location } from '../../server/src/analysis/index';
import type { WireBoundary, WireValue } from './ipc';
import type { RunnerProcess } from './runnerProcess';
import type { StepLocations } from './stepLocations';

export interface FrameSource {
  name: string;
  location?: Location;
}

export class VariableStore {
  private frames = new Map<number, { boundary: number; depth: number; live: boolean }>();
  private nextFrame = 1;

  constructor(
    private readonly child: () => RunnerProcess | undefined,
    private readonly toClientLine: (line: number) => number,
  ) {}

  /** Forgets frames (on every resume). */
  reset(): void {
    this.frames.clear();
  }

  /** `live` false: the step's code runs (JavaScript is paused in it), so the runner cannot answer
   * for these frames; the JavaScript session's own frames have the values. */
  stackFrames(
    wire: WireBoundary,
    locations: StepLocations | undefined,
    live = true,
  ): DebugProtocol.StackFrame[] {
    const out: DebugProtocol.StackFrame[] = [];
    const push = (depth: number, f: FrameSource): void => {
      const id = this.nextFrame++;
      this.frames.set(id, { boundary: wire.id, depth, live });
      const loc = f.location;
      out.push({
        id,
        name: f.name,
        line: loc ? this.toClientLine(loc.span.start.line) : 0,
        column: loc ? loc.span.start.character + 1 : 0,
        source: loc ? { name: basename(loc.file), path: loc.file } : undefined,
      });
    };
    const { run, step, action } = wire;
    if (step !== '') {
      push(0, {
        name: `${step} (${action})`,
        location: locations?.stepFrame(run.workflowId, step, action),
      });
      push(0, { name: run.workflowId, location: locations?.callSite(run.workflowId, step) });
    } else {
      push(0, { name: run.workflowId, location: locations?.workflowLocation(run.workflowId) });
    }
    [...run.parents].reverse().forEach((p, i) => {
      push(i + 1, {
        name: `${p.workflowId} › ${p.step}`,
        location: locations?.callSite(p.workflowId, p.step),
      });
    });
    return out;
  }

  frame(frameId: number): { boundary: number; depth: number; live: boolean } | undefined {
    return this.frames.get(frameId);
  }

  async scopes(frameId: number): Promise<DebugProtocol.Scope[]> {
    const frame = this.frames.get(frameId);
    // VS Code's views ask for the frames of the last stop even after the run has moved on or
    // ended; a stale frame simply has no scopes any more.
    if (!frame?.live || !this.child()?.alive) return [];
    const r = await this.runner().query({
      kind: 'scopes',
      boundary: frame.boundary,
      depth: frame.depth,
    });
    if (r.kind !== 'scopes') return [];
    return r.scopes.map((s) => ({
      name: s.name,
      variablesReference: s.ref,
      expensive: s.expensive,
    }));
  }

  async variables(args: DebugProtocol.VariablesArguments): Promise<DebugProtocol.Variable[]> {
    if (!this.child()?.alive) return [];
    const r = await this.runner().query({
      kind: 'variables',
      ref: args.variablesReference,
      start: args.start,
      count: args.count,
    });
    return r.kind === 'variables' ? r.variables.map(toVariable) : [];
  }

  async setVariable(args: DebugProtocol.SetVariableArguments): Promise<DebugProtocol.Variable> {
    const r = await this.runner().query({
      kind: 'setVariable',
      ref: args.variablesReference,
      name: args.name,
      value: args.value,
    });
    if (r.kind !== 'value') throw new Error('unexpected answer');
    return toVariable(r.value);
  }

  async evaluate(
    expression: string,
    boundary: number | undefined,
  ): Promise<DebugProtocol.Variable> {
    const r = await this.runner().query({ kind: 'evaluate', boundary, expression });
    if (r.kind !== 'value') throw new Error('unexpected answer');
    return toVariable(r.value);
  }

  private runner(): RunnerProcess {
    const child = this.child();
    if (!child?.alive) throw new Error('The workflow process is not running.');
    return child;
  }
}

function toVariable(v: WireValue): DebugProtocol.Variable {
  const out: DebugProtocol.Variable = {
    name: v.name,
    value: v.value,
    type: v.type,
    variablesReference: v.ref,
  };
  if (v.indexed !== undefined) out.indexedVariables = v.indexed;
  if (v.named !== undefined) out.namedVariables = v.named;
  if (!v.editable) out.presentationHint = { attributes: ['readOnly'] };
  return out;
}

function basename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
