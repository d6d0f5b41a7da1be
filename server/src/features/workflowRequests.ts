// Language-server process: the custom requests `medusaWorkflows/graph`, `medusaWorkflows/listWorkflows`
// and `medusaWorkflows/inputTemplate` (protocol.ts), used by the graph view and the debug commands.
// A graph answer carries the nested workflows (runAsStep) too, so the view needs one request.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Diagnostic, StepDefinition, WorkflowModel } from '../analysis/index';
import {
  GraphRequest,
  InputTemplateRequest,
  ListWorkflowsRequest,
  type WorkflowSummary,
} from '../protocol';
import type { ServerContext } from './context';
import { uriToPath } from './convert';
import { inputTemplate } from './inputTemplate';
import { spanContains } from './workspaceIndex';

function summary(ctx: ServerContext, workflow: WorkflowModel, external: boolean): WorkflowSummary {
  return {
    id: workflow.id,
    file: ctx.index.file(workflow.location),
    line: workflow.location.span.start.line,
    steps: workflow.nodes
      .filter((n) => n.kind !== 'transform')
      .map((n) => ({
        id: n.id,
        name: n.name,
        kind: n.kind,
        line: n.callSite.span.start.line,
        file: ctx.index.file(n.callSite),
      })),
    external,
  };
}

function byFileAndLine(a: WorkflowSummary, b: WorkflowSummary): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

function findWorkflow(
  ctx: ServerContext,
  id: string,
  path: string | undefined,
): WorkflowModel | undefined {
  let fallback: WorkflowModel | undefined;
  for (const [file, facts] of ctx.index.entries(true)) {
    for (const w of facts.workflows) {
      if (w.id !== id) continue;
      if (file === path) return w;
      if (
        !fallback ||
        (ctx.index.facts(ctx.index.file(fallback.location))?.external && !facts.external)
      ) {
        fallback = w;
      }
    }
  }
  return fallback;
}

const NESTED_DEPTH = 3;

/** The models of the workflows `workflow` runs as steps, by node path, `depth` levels down. */
async function nestedModels(
  ctx: ServerContext,
  workflow: WorkflowModel,
  depth: number,
  seen: ReadonlySet<string>,
): Promise<Record<string, WorkflowModel>> {
  const out: Record<string, WorkflowModel> = {};
  if (depth <= 0) return out;
  for (const node of workflow.nodes) {
    if (node.kind !== 'nested-workflow' || seen.has(node.name)) continue;
    const file = ctx.index.file(node.definition ?? node.callSite);
    let child = findWorkflow(ctx, node.name, file);
    if (!child && node.definition && !ctx.index.has(file)) {
      // The file that defines it (often core-flows'), analyzed now rather than after indexing
      // all of node_modules: the graph in front of the user never waits for the index.
      ctx.index.analyzeFiles([file], /[\\/]node_modules[\\/]/.test(file));
      child = findWorkflow(ctx, node.name, file);
    }
    if (!child) {
      await ctx.externalIndexed();
      child = findWorkflow(ctx, node.name, file);
    }
    if (!child) continue;
    out[node.id] = child;
    const deeper = await nestedModels(ctx, child, depth - 1, new Set([...seen, node.name]));
    for (const [k, v] of Object.entries(deeper)) out[`${node.id}::${k}`] = v;
  }
  return out;
}

function graphFor(
  ctx: ServerContext,
  workflow: WorkflowModel,
  nested: Record<string, WorkflowModel>,
): GraphRequest.Result {
  const steps: StepDefinition[] = [];
  for (const node of workflow.nodes) {
    const def = node.kind === 'step' ? ctx.index.definitionOf(node) : undefined;
    if (def && !steps.includes(def)) steps.push(def);
  }
  const inside = (
    d: Diagnostic,
    scope: { file: string; span: WorkflowModel['location']['span'] },
  ): boolean =>
    ctx.index.file(d.location) === ctx.index.file(scope) &&
    spanContains(scope.span, d.location.span.start);
  const scopes = [workflow.location, ...steps.map((s) => s.location)];
  const files = new Set(scopes.map((s) => ctx.index.file(s)));
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    for (const d of ctx.index.facts(file)?.diagnostics ?? []) {
      if (scopes.some((s) => inside(d, s))) diagnostics.push(d);
    }
  }
  return { workflow, steps, diagnostics, nested };
}

/** The workflow a `{ workflow, uri }` request names, the workspace's before node_modules'. */
async function requested(
  ctx: ServerContext,
  params: { workflow?: unknown; uri?: string } | undefined,
  method: string,
): Promise<WorkflowModel | undefined> {
  if (typeof params?.workflow !== 'string')
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `${method} needs { workflow: string } (a workflow id)`,
    );
  const path = params.uri
    ? params.uri.startsWith('file:')
      ? uriToPath(params.uri)
      : params.uri
    : undefined;
  if (path && params.uri?.startsWith('file:')) ctx.fresh(params.uri);
  // The workflow of the file in front of the user is answered without waiting for the index.
  const own = path
    ? ctx.index.facts(path)?.workflows.find((w) => w.id === params.workflow)
    : undefined;
  if (own) return own;
  await ctx.workspaceIndexed();
  const workflow = findWorkflow(ctx, params.workflow, path);
  if (workflow) return workflow;
  await ctx.externalIndexed();
  return findWorkflow(ctx, params.workflow, path);
}

export function registerWorkflowRequests(ctx: ServerContext): void {
  ctx.connection.onRequest(GraphRequest.type, async (params) => {
    const workflow = await requested(ctx, params, GraphRequest.method);
    if (!workflow) return null;
    const depth =
      typeof params.nestedDepth === 'number'
        ? Math.max(0, Math.min(NESTED_DEPTH, Math.floor(params.nestedDepth)))
        : NESTED_DEPTH;
    const nested = await nestedModels(ctx, workflow, depth, new Set([workflow.id]));
    return graphFor(ctx, workflow, nested);
  });

  ctx.connection.onRequest(InputTemplateRequest.type, async (params) => {
    const workflow = await requested(ctx, params, InputTemplateRequest.method);
    if (!workflow) return null;
    const file = ctx.index.file(workflow.location);
    return inputTemplate(file, workflow.location.span.start.line) ?? null;
  });

  ctx.connection.onRequest(ListWorkflowsRequest.type, async (params) => {
    const includeExternal = params?.includeExternal === true;
    if (params?.uri) {
      const path = ctx.fresh(params.uri);
      const facts = path ? ctx.index.facts(path) : undefined;
      return (facts?.workflows ?? []).map((w) => summary(ctx, w, facts?.external ?? false));
    }
    await ctx.workspaceIndexed();
    if (includeExternal) await ctx.externalIndexed();
    const out: WorkflowSummary[] = [];
    for (const [, facts] of ctx.index.entries(includeExternal)) {
      for (const w of facts.workflows) out.push(summary(ctx, w, facts.external));
    }
    return out.sort(byFileAndLine);
  });
}
