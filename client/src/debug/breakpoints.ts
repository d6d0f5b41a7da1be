// Extension host: real VS Code breakpoints for graph nodes. A step breakpoint is a source
// breakpoint on the step's call site (one anywhere in its invoke function counts too); a
// compensation breakpoint is the function breakpoint `compensate:<step>` (one in the compensate
// function counts too): both stop at the step's boundary, while lines inside handlers belong to
// the JavaScript debugger ("debugStepCode"). The Breakpoints view and the graph stay in sync
// through onDidChangeBreakpoints.
import * as vscode from 'vscode';
import type { GraphNode, Location, StepDefinition } from '../../../shared/model/analysisModel';
import type { BreakpointMarks, GraphPayload } from '../graph/messages';

function lines(loc: Location | undefined): { file: string; from: number; to: number } | undefined {
  return loc && { file: loc.file, from: loc.span.start.line, to: loc.span.end.line };
}

function inside(bp: vscode.SourceBreakpoint, range: ReturnType<typeof lines>): boolean {
  if (!range) return false;
  const line = bp.location.range.start.line;
  return bp.location.uri.fsPath === range.file && line >= range.from && line <= range.to;
}

/** The definition of the step a node calls (matched by the step's own name). */
function definitionOf(node: GraphNode, steps: StepDefinition[]): StepDefinition | undefined {
  return steps.find((s) => s.name === node.name);
}

/** Node ids of a payload, with the nested-workflow prefix the graph uses. */
function allNodes(payload: GraphPayload): { key: string; node: GraphNode }[] {
  const out = payload.workflow.nodes.map((node) => ({ key: node.id, node }));
  for (const [prefix, model] of Object.entries(payload.nested)) {
    out.push(...model.nodes.map((node) => ({ key: `${prefix}::${node.id}`, node })));
  }
  return out;
}

/** The runtime step name of a graph node id (`<nested>::<step>` -> `<step>`). */
export function stepBreakpoints(node: GraphNode, steps: StepDefinition[]): vscode.Breakpoint[] {
  const def = definitionOf(node, steps);
  const call = lines(node.callSite);
  const invoke = lines(def?.invoke);
  return vscode.debug.breakpoints.filter((bp) => {
    if (bp instanceof vscode.FunctionBreakpoint) return bp.functionName === node.id;
    if (!(bp instanceof vscode.SourceBreakpoint)) return false;
    return (
      (call !== undefined &&
        bp.location.uri.fsPath === call.file &&
        bp.location.range.start.line === call.from) ||
      inside(bp, invoke)
    );
  });
}

export function compensationBreakpoints(
  node: GraphNode,
  steps: StepDefinition[],
): vscode.Breakpoint[] {
  const comp = lines(definitionOf(node, steps)?.compensate);
  return vscode.debug.breakpoints.filter((bp) => {
    if (bp instanceof vscode.FunctionBreakpoint) return bp.functionName === `compensate:${node.id}`;
    return bp instanceof vscode.SourceBreakpoint && inside(bp, comp);
  });
}

export function marksFor(payload: GraphPayload): BreakpointMarks {
  const marks: BreakpointMarks = { step: [], compensate: [] };
  for (const { key, node } of allNodes(payload)) {
    if (stepBreakpoints(node, payload.steps).some((b) => b.enabled)) marks.step.push(key);
    if (compensationBreakpoints(node, payload.steps).some((b) => b.enabled))
      marks.compensate.push(key);
  }
  return marks;
}

export function toggleStepBreakpoint(node: GraphNode, steps: StepDefinition[]): boolean {
  const existing = stepBreakpoints(node, steps);
  if (existing.length > 0) {
    vscode.debug.removeBreakpoints(existing);
    return false;
  }
  const at = new vscode.Position(node.callSite.span.start.line, 0);
  vscode.debug.addBreakpoints([
    new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(node.callSite.file), at)),
  ]);
  return true;
}

export function toggleCompensationBreakpoint(node: GraphNode, steps: StepDefinition[]): boolean {
  const existing = compensationBreakpoints(node, steps);
  if (existing.length > 0) {
    vscode.debug.removeBreakpoints(existing);
    return false;
  }
  const bp = new vscode.FunctionBreakpoint(`compensate:${node.id}`);
  vscode.debug.addBreakpoints([bp]);
  return true;
}
