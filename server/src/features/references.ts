// Language-server process: find references of a step, from a call or from its createStep: every
// call of it in every indexed workflow (and the createStep when the declaration is asked for).
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

export function registerReferences(ctx: ServerContext): void {
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
