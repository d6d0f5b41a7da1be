// Language-server process: hover on a step call (in a composer) or on a step definition: name,
// compensation, config, execution position and the workflows that use the step. Answers from the
// opened file's own facts after a short grace period, while the workspace is still being indexed.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { GraphNode, WorkflowModel } from '../analysis/index';
import type { ServerContext } from './context';
import { toRange } from './convert';
import { executionOrder } from './order';
import type { StepRef } from './workspaceIndex';

export function wordAt(doc: TextDocument | undefined, pos: Position): string | undefined {
  if (!doc) return undefined;
  const line = doc.getText({
    start: { line: pos.line, character: 0 },
    end: { line: pos.line + 1, character: 0 },
  });
  const re = /[A-Za-z_$][\w$]*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index <= pos.character && pos.character <= m.index + m[0].length) return m[0];
  }
  return undefined;
}

function configText(config: Record<string, unknown>): string | undefined {
  const keys = Object.keys(config);
  if (keys.length === 0) return undefined;
  return keys.map((k) => `${k}: ${JSON.stringify(config[k])}`).join(', ');
}

const maxUsedBy = 12;
/** How long a hover waits for the workspace index before answering from what is known. */
export const indexGraceMs = 400;
const stillIndexing = '(still indexing the workspace)';

/** Waits for the workspace index at most `ms`; true when it is complete. */
async function indexedWithin(ctx: ServerContext, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
  const done = await Promise.race([ctx.workspaceIndexed().then(() => true), late]);
  clearTimeout(timer);
  return done;
}

/** The workflows using `step`; `complete` false says the list may still grow. */
function usedBy(ctx: ServerContext, step: StepRef, external: boolean, complete: boolean): string {
  const ids = [...new Set(ctx.index.usages(step, external).map((u) => u.workflow.id))].sort();
  if (ids.length === 0) {
    return complete
      ? 'not used by any indexed workflow'
      : `not used by any workflow indexed so far ${stillIndexing}`;
  }
  const shown = ids.slice(0, maxUsedBy).map((id) => `\`${id}\``);
  const more = ids.length > maxUsedBy ? ` and ${ids.length - maxUsedBy} more` : '';
  return `used by ${shown.join(', ')}${more}${complete ? '' : ` so far ${stillIndexing}`}`;
}

function nodeLines(workflow: WorkflowModel, node: GraphNode): string[] {
  const lines: string[] = [];
  if (node.id !== node.name) lines.push(`runs as \`${node.id}\``);
  const order = executionOrder(workflow).get(node.id);
  if (order !== undefined) {
    const group =
      node.parallelGroup !== undefined ? `, parallel group ${node.parallelGroup + 1}` : '';
    lines.push(`position ${order} in \`${workflow.id}\`${group}`);
  }
  if (node.whenBlock !== undefined) {
    const block = workflow.whenBlocks[node.whenBlock];
    if (block) lines.push(`runs only when \`${block.condition}\``);
  }
  if (node.dynamic) lines.push(`dynamic: ${node.dynamicReason ?? 'not known statically'}`);
  return lines;
}

/** The "used by" line of a node, if any. The step's createStep may not be indexed: not yet
 * (while indexing), or never (core-flows, when node_modules is not indexed). The call's own link
 * to it (resolved from the opened file) then stands in for it. */
function usedByNode(
  ctx: ServerContext,
  node: GraphNode,
  external: boolean,
  complete: boolean,
): string[] {
  const def = ctx.index.definitionOf(node);
  if (def) return [usedBy(ctx, def, external, complete)];
  if (node.kind !== 'step') return [];
  if (node.definition)
    return [usedBy(ctx, { name: node.name, location: node.definition }, external, complete)];
  return complete ? [] : [`used by: not known yet ${stillIndexing}`];
}

async function hoverText(
  ctx: ServerContext,
  path: string,
  pos: Position,
  word: string | undefined,
  complete: boolean,
): Promise<{ text: string; range: Hover['range'] } | undefined> {
  const external = await ctx.includeExternal();
  const at = ctx.index.nodeAt(path, pos);
  if (at && at.node.kind !== 'transform') {
    const { node, workflow } = at;
    const config = configText(node.config);
    const lines = [
      `**${node.kind}** \`${node.name}\``,
      `compensation: ${node.hasCompensation ? 'yes' : 'no'}`,
      ...(config ? [`config: \`${config}\``] : []),
      ...nodeLines(workflow, node),
      ...usedByNode(ctx, node, external, complete),
    ];
    return { text: lines.join('  \n'), range: toRange(node.callSite.span) };
  }
  const step = ctx.index.stepDefinitionAt(path, pos, word);
  if (!step) return undefined;
  const config = configText(step.config);
  const lines = [
    `**step** \`${step.name}\`${step.dynamic ? ' (name not known statically)' : ''}`,
    `compensation: ${step.hasCompensation ? 'yes' : 'no'}`,
    ...(config ? [`config: \`${config}\``] : []),
    usedBy(ctx, step, external, complete),
  ];
  return { text: lines.join('  \n'), range: undefined };
}

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(async (params): Promise<Hover | null> => {
    const path = ctx.fresh(params.textDocument.uri);
    if (!path) return null;
    const complete = await indexedWithin(ctx, indexGraceMs);
    const word = wordAt(ctx.documents.get(params.textDocument.uri), params.position);
    const found = await hoverText(ctx, path, params.position, word, complete);
    if (!found) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: found.text },
      ...(found.range ? { range: found.range } : {}),
    };
  });
}
