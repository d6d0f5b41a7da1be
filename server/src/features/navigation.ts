// Language-server process: go to definition (a step call to its createStep, a hook or nested
// workflow call to its definition) and find references (every call of a step, all workflows).
import type { Location as LspLocation, Position } from 'vscode-languageserver';
import type { StepDefinition } from '../analysis/index';
import type { ServerContext } from './context';
import { toLocation } from './convert';
import { wordAt } from './hover';

function stepAt(
  ctx: ServerContext,
  uri: string,
  path: string,
  pos: Position,
): StepDefinition | undefined {
  const at = ctx.index.nodeAt(path, pos);
  if (at) return at.node.kind === 'step' ? ctx.index.definitionOf(at.node) : undefined;
  return ctx.index.stepDefinitionAt(path, pos, wordAt(ctx.documents.get(uri), pos));
}

export function registerNavigation(ctx: ServerContext): void {
  ctx.connection.onDefinition(async (params): Promise<LspLocation[] | null> => {
    const path = ctx.fresh(params.textDocument.uri);
    if (!path) return null;
    const at = ctx.index.nodeAt(path, params.position);
    if (!at || at.node.kind === 'transform') return null;
    if (at.node.definition) return [toLocation(at.node.definition, ctx.uriOf)];
    await ctx.workspaceIndexed();
    const def = ctx.index.definitionOf(at.node);
    return def ? [toLocation(def.location, ctx.uriOf)] : null;
  });

  ctx.connection.onReferences(async (params): Promise<LspLocation[] | null> => {
    const uri = params.textDocument.uri;
    const path = ctx.fresh(uri);
    if (!path) return null;
    await ctx.workspaceIndexed();
    const step = stepAt(ctx, uri, path, params.position);
    if (!step) return null;
    const external = await ctx.includeExternal();
    const out = ctx.index.usages(step, external).map((u) => toLocation(u.node.callSite, ctx.uriOf));
    if (params.context.includeDeclaration) out.unshift(toLocation(step.location, ctx.uriOf));
    return out;
  });
}
