// Language-server process: document symbols (each workflow with its steps as children, plus the
// file's step definitions) and workspace symbols (workflows and step definitions by name).
import {
  SymbolKind,
  type DocumentSymbol,
  type SymbolInformation,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import type { GraphNode, GraphNodeKind, WorkflowModel } from '../analysis/index';
import type { ServerContext } from './context';
import { toLocation, toRange } from './convert';
import { executionOrder } from './order';
import { spanContains } from './workspaceIndex';

const nodeKinds: Record<GraphNodeKind, SymbolKind> = {
  step: SymbolKind.Method,
  hook: SymbolKind.Event,
  transform: SymbolKind.Operator,
  'nested-workflow': SymbolKind.Module,
  'when-then': SymbolKind.Boolean,
};

function nodeSymbol(workflow: WorkflowModel, node: GraphNode): DocumentSymbol {
  const order = executionOrder(workflow).get(node.id);
  const renamed = node.id !== node.name ? ` (${node.name})` : '';
  const range = toRange(node.callSite.span);
  return {
    name: node.id,
    detail: `${node.kind}${renamed}${order !== undefined ? ` #${order}` : ''}`,
    kind: nodeKinds[node.kind] ?? SymbolKind.Method,
    range,
    selectionRange: range,
  };
}

function workflowSymbol(
  workflow: WorkflowModel,
  sameFile: (n: GraphNode) => boolean,
): DocumentSymbol {
  const range = toRange(workflow.location.span);
  const children = workflow.nodes
    .filter((n) => n.kind !== 'transform' && sameFile(n))
    .filter((n) => spanContains(workflow.location.span, n.callSite.span.start))
    .map((n) => nodeSymbol(workflow, n));
  return {
    name: workflow.id,
    detail: 'workflow',
    kind: SymbolKind.Class,
    range,
    selectionRange: range,
    children,
  };
}

/** Case-insensitive subsequence match, the loose filter clients expect before their own. */
function matches(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  for (const ch of n) if (ch === q[i]) i++;
  return i === q.length;
}

const maxWorkspaceSymbols = 1000;

export function registerSymbols(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol((params) => {
    const path = ctx.fresh(params.textDocument.uri);
    const facts = path ? ctx.index.facts(path) : undefined;
    if (!path || !facts) return [];
    const sameFile = (n: GraphNode): boolean => ctx.index.file(n.callSite) === path;
    const workflows = facts.workflows.map((w) => workflowSymbol(w, sameFile));
    const steps = facts.steps.map((s): DocumentSymbol => {
      const range = toRange(s.location.span);
      return {
        name: s.name,
        detail: 'step',
        kind: SymbolKind.Function,
        range,
        selectionRange: range,
      };
    });
    return [...workflows, ...steps].sort(
      (a, b) =>
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character,
    );
  });

  ctx.connection.onWorkspaceSymbol(
    async (params): Promise<SymbolInformation[] | WorkspaceSymbol[]> => {
      await ctx.workspaceIndexed();
      const external = await ctx.includeExternal();
      const out: SymbolInformation[] = [];
      for (const w of ctx.index.workflows(external)) {
        if (out.length >= maxWorkspaceSymbols) break;
        if (!matches(params.query, w.id)) continue;
        out.push({
          name: w.id,
          kind: SymbolKind.Class,
          location: toLocation(w.location, ctx.uriOf),
          containerName: 'workflow',
        });
      }
      for (const s of ctx.index.stepDefinitions(external)) {
        if (out.length >= maxWorkspaceSymbols) break;
        if (!matches(params.query, s.name)) continue;
        out.push({
          name: s.name,
          kind: SymbolKind.Function,
          location: toLocation(s.location, ctx.uriOf),
          containerName: 'step',
        });
      }
      return out;
    },
  );
}
