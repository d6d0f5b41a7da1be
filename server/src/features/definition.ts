// Language-server process: go to definition from a step call to its createStep (and from a hook
// or nested workflow call to its createHook / createWorkflow).
import type { Location as LspLocation } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { toLocation } from './convert';

export function registerDefinition(ctx: ServerContext): void {
  ctx.connection.onDefinition(async (params): Promise<LspLocation[] | null> => {
    const path = ctx.fresh(params.textDocument.uri);
    if (!path) return null;
    const at = ctx.index.nodeAt(path, params.position);
    if (!at || at.node.kind === 'transform') return null;
    if (at.node.definition) return [toLocation(at.node.definition, ctx.uriOf)];
    // The opened file did not link the call: found by name, which only the whole index can
    // answer rightly (a partial one may miss the step or offer another of the same name).
    await ctx.workspaceIndexed();
    const def = ctx.index.definitionOf(at.node);
    return def ? [toLocation(def.location, ctx.uriOf)] : null;
  });
}
