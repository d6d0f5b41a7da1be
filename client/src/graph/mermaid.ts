// Extension host: the graph as a Mermaid flowchart (for the Export Graph command), built from the
// same view graph the webview draws: subgraphs for parallelize/when/nested, `-->` for execution
// order, `-.->` for data.
import { buildViewGraph, type ViewGraph, type ViewNode } from './viewGraph';
import type { GraphPayload } from './messages';

function mid(ids: Map<string, string>, id: string): string {
  let m = ids.get(id);
  if (!m) {
    m = `n${ids.size}`;
    ids.set(id, m);
  }
  return m;
}

function esc(text: string): string {
  return text.replace(/"/g, '#quot;');
}

function shape(node: ViewNode, id: string): string {
  const label = esc(node.sub ? `${node.label}<br/><small>${node.sub}</small>` : node.label);
  const comp = node.hasCompensation ? ' ↺' : '';
  switch (node.kind) {
    case 'hook':
      return `${id}(["${label}${comp}"])`;
    case 'transform':
      return `${id}[/"${label}"/]`;
    case 'nested-workflow':
      return `${id}[["${label}${comp}"]]`;
    case 'input':
    case 'result':
      return `${id}(("${label}"))`;
    default:
      return `${id}["${label}${comp}"]`;
  }
}

export function toMermaid(payload: GraphPayload): string {
  const view: ViewGraph = buildViewGraph(payload);
  const ids = new Map<string, string>();
  const lines = ['flowchart TD', `  %% workflow ${view.workflow}`];
  const emit = (parent: string | undefined, indent: string): void => {
    for (const g of view.groups.filter((x) => x.parent === parent)) {
      lines.push(
        `${indent}subgraph ${mid(ids, g.id)}["${esc(g.kind === 'nested' ? `workflow ${g.label}` : g.label)}"]`,
      );
      emit(g.id, `${indent}  `);
      lines.push(`${indent}end`);
    }
    for (const n of view.nodes.filter((x) => x.parent === parent))
      lines.push(`${indent}${shape(n, mid(ids, n.id))}`);
  };
  emit(undefined, '  ');
  for (const e of view.edges) {
    const arrow = e.kind === 'order' ? '-->' : e.label ? `-. "${esc(e.label)}" .->` : '-.->';
    lines.push(`  ${mid(ids, e.from)} ${arrow} ${mid(ids, e.to)}`);
  }
  return `${lines.join('\n')}\n`;
}
