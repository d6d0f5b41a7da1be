// Language-server process: after each step call, its position in execution order and, inside
// `parallelize`, its parallel group (e.g. `#2 ∥1`).
import type { InlayHint } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { rangesIntersect, toRange } from './convert';
import { executionOrder } from './order';

export function registerInlayHints(ctx: ServerContext): void {
  ctx.connection.languages.inlayHint.on(async (params) => {
    const uri = params.textDocument.uri;
    if (!(await ctx.settings(uri)).inlayHints.enable) return [];
    const path = ctx.fresh(uri);
    if (!path) return [];
    const hints: InlayHint[] = [];
    for (const workflow of ctx.index.facts(path)?.workflows ?? []) {
      const order = executionOrder(workflow);
      for (const node of workflow.nodes) {
        const position = order.get(node.id);
        if (position === undefined || ctx.index.file(node.callSite) !== path) continue;
        if (!rangesIntersect(toRange(node.callSite.span), params.range)) continue;
        const group = node.parallelGroup;
        const siblings =
          group !== undefined
            ? (workflow.parallelGroups[group]?.nodes ?? []).filter((n) => n !== node.id)
            : [];
        hints.push({
          position: node.callSite.span.end,
          label: `#${position}${group !== undefined ? ` ∥${group + 1}` : ''}`,
          paddingLeft: true,
          tooltip:
            `Step ${position} in the execution order of ${workflow.id}` +
            (siblings.length > 0 ? `; runs in parallel with ${siblings.join(', ')}` : ''),
        });
      }
    }
    return hints;
  });
}
