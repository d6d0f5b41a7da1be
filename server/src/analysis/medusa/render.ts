// Renderings of a workflow model for the CLI and tools: Medusa's flow_ shape and Mermaid.
import type { FlowNode, WorkflowModel } from '../model';

type MedusaNode = { action: string; noCompensation: boolean; next?: MedusaNode | MedusaNode[] };

function strip(n: FlowNode | FlowNode[]): MedusaNode | MedusaNode[] {
  if (Array.isArray(n)) return n.map((x) => strip(x) as MedusaNode);
  const out: MedusaNode = { action: n.action, noCompensation: n.noCompensation };
  if (n.next) out.next = strip(n.next);
  return out;
}

/** `{ "<workflow id>": <tree> }`, the shape of `WorkflowManager.getWorkflows().get(id).flow_`
 * (a tree whose root is a parallel array is wrapped as `{ next: [...] }`, like Medusa). */
export function toMedusaFlow(workflows: WorkflowModel[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const wf of workflows) {
    if (!wf.flow) out[wf.id] = {};
    else if (Array.isArray(wf.flow)) out[wf.id] = { next: strip(wf.flow) };
    else out[wf.id] = strip(wf.flow);
  }
  return out;
}

export function toMermaid(wf: WorkflowModel): string {
  const lines = ['flowchart TD'];
  const ids = new Map<string, string>();
  const idOf = (action: string): string => {
    let id = ids.get(action);
    if (!id) {
      id = `n${ids.size + 1}`;
      ids.set(action, id);
      const comp = wf.nodes.find((n) => n.id === action)?.hasCompensation ? ' ↺' : '';
      lines.push(`  ${id}["${action.replace(/"/g, '#quot;')}${comp}"]`);
    }
    return id;
  };
  lines.push('  start((start))');
  const walk = (parent: string, n: FlowNode | FlowNode[] | undefined): void => {
    if (!n) return;
    for (const node of Array.isArray(n) ? n : [n]) {
      const id = idOf(node.action);
      lines.push(`  ${parent} --> ${id}`);
      walk(id, node.next);
    }
  };
  walk('start', wf.flow);
  return lines.join('\n') + '\n';
}
