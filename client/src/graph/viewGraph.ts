// Extension host (graph panel, Mermaid export; pure, no vscode): turns the analyzer's
// WorkflowModel and its nested workflows into the graph the view draws: leaf nodes, compound
// groups (parallelize, when, nested workflows) and two kinds of edges (execution order from the
// flow tree, data from the model's edges). No DOM, no layout. Imported by pipeline.ts and mermaid.ts.
import type { FlowNode, GraphNode, WorkflowModel } from '../../../shared/model/analysisModel';
import type { GraphPayload, ViewEdge, ViewGraph } from './messages';

export const INPUT_ID = '@input';
export const RESULT_ID = '@result';

/** A transform is named after the variable it is assigned to (`transform` when it is not). */
function labelOf(node: GraphNode): string {
  if (node.kind === 'transform') return node.variable ?? 'transform';
  return node.id;
}

function subtitle(node: GraphNode): string {
  const parts: string[] = [];
  if (node.kind === 'transform' && !node.variable) return '';
  if (node.kind !== 'step') parts.push(node.kind === 'nested-workflow' ? 'workflow' : node.kind);
  if (node.name !== node.id && node.kind === 'step') parts.push(node.name);
  const c = node.config;
  if (c.async === true) parts.push('async');
  if (typeof c.maxRetries === 'number' && c.maxRetries > 0) parts.push(`retries ${c.maxRetries}`);
  if (c.continueOnPermanentFailure === true) parts.push('continue on failure');
  if (c.skipOnPermanentFailure === true) parts.push('skip on failure');
  if (node.dynamic) parts.push('dynamic');
  return parts.join(' · ');
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Adds one workflow's nodes, groups and edges under `prefix` (empty for the top level). */
function addWorkflow(
  out: ViewGraph,
  model: WorkflowModel,
  nested: GraphPayload['nested'],
  prefix: string,
  container: string | undefined,
): void {
  const id = (local: string): string => (prefix ? `${prefix}::${local}` : local);
  const groupOf = (node: GraphNode): string | undefined => {
    if (node.parallelGroup !== undefined) return id(`parallel:${node.parallelGroup}`);
    if (node.whenBlock !== undefined) return id(`when:${node.whenBlock}`);
    return container;
  };
  model.whenBlocks.forEach((w, i) => {
    out.groups.push({
      id: id(`when:${i}`),
      kind: 'when',
      label: `when${w.name ? ` ${w.name}` : ''}: ${truncate(w.condition, 160)}`,
      parent: container,
    });
  });
  model.parallelGroups.forEach((g, i) => {
    // A parallelize inside a when block sits inside that block's group.
    const first = model.nodes.find((n) => g.nodes.includes(n.id) && n.whenBlock !== undefined);
    out.groups.push({
      id: id(`parallel:${i}`),
      kind: 'parallel',
      label: 'parallelize',
      parent: first?.whenBlock !== undefined ? id(`when:${first.whenBlock}`) : container,
    });
  });
  for (const node of model.nodes) {
    const key = id(node.id);
    const child = nested[key];
    if (node.kind === 'nested-workflow' && child) {
      out.groups.push({
        id: key,
        kind: 'nested',
        label: node.name,
        parent: groupOf(node),
        model: node,
      });
      addWorkflow(out, child, nested, key, key);
      continue;
    }
    out.nodes.push({
      id: key,
      kind: node.kind,
      label: labelOf(node),
      sub: subtitle(node),
      hasCompensation: node.hasCompensation,
      parent: groupOf(node),
      model: node,
    });
  }
  const known = new Set([...out.nodes.map((n) => n.id), ...out.groups.map((g) => g.id)]);
  addOrderEdges(out, model, id, known);
  addDataEdges(out, model, id, known, prefix === '');
}

function addOrderEdges(
  out: ViewGraph,
  model: WorkflowModel,
  id: (local: string) => string,
  known: Set<string>,
): void {
  const seen = new Set<string>();
  const push = (from: string, to: string): void => {
    const key = `${from}->${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    out.edges.push({ id: `order:${key}`, from, to, kind: 'order', label: '' });
  };
  if (model.flow) {
    // Actions the view has no node for (generated names) are bridged: their children attach to
    // the nearest drawn ancestor.
    const walk = (node: FlowNode, drawnParent: string | undefined): void => {
      const here = known.has(id(node.action)) ? id(node.action) : undefined;
      if (here && drawnParent) push(drawnParent, here);
      const next =
        node.next === undefined ? [] : Array.isArray(node.next) ? node.next : [node.next];
      for (const n of next) walk(n, here ?? drawnParent);
    };
    for (const root of Array.isArray(model.flow) ? model.flow : [model.flow]) walk(root, undefined);
    return;
  }
  // No flow tree (dynamic or broken code): order waves by `order`.
  const waves = new Map<number, string[]>();
  for (const n of model.nodes) {
    if (n.order === undefined || !known.has(id(n.id))) continue;
    waves.set(n.order, [...(waves.get(n.order) ?? []), id(n.id)]);
  }
  const orders = [...waves.keys()].sort((a, b) => a - b);
  for (let i = 1; i < orders.length; i++) {
    for (const from of waves.get(orders[i - 1]!)!)
      for (const to of waves.get(orders[i]!)!) push(from, to);
  }
}

function addDataEdges(
  out: ViewGraph,
  model: WorkflowModel,
  id: (local: string) => string,
  known: Set<string>,
  topLevel: boolean,
): void {
  const merged = new Map<string, ViewEdge>();
  const add = (from: string, to: string, path: string): void => {
    if (!known.has(from) || !known.has(to) || from === to) return;
    const key = `${from}->${to}`;
    const edge = merged.get(key);
    if (!edge) {
      merged.set(key, { id: `data:${key}`, from, to, kind: 'data', label: path });
    } else if (path && !edge.label.split(', ').includes(path)) {
      edge.label = edge.label ? `${edge.label}, ${path}` : path;
    }
  };
  for (const e of model.edges) {
    const from = e.from === 'input' ? (topLevel ? INPUT_ID : undefined) : id(e.from);
    if (from) add(from, id(e.to), e.path.join('.'));
  }
  out.edges.push(...merged.values());
}

export function buildViewGraph(payload: GraphPayload): ViewGraph {
  const model = payload.workflow;
  const out: ViewGraph = { workflow: model.id, nodes: [], groups: [], edges: [] };
  out.nodes.push({
    id: INPUT_ID,
    kind: 'input',
    label: model.inputName && model.inputName !== 'input' ? `input (${model.inputName})` : 'input',
    sub: 'workflow input',
    hasCompensation: false,
  });
  addWorkflow(out, model, payload.nested, '', undefined);
  if (model.result) {
    out.nodes.push({
      id: RESULT_ID,
      kind: 'result',
      label: 'WorkflowResponse',
      sub: 'result',
      hasCompensation: false,
    });
  }
  if (model.result) {
    const known = new Set([...out.nodes.map((n) => n.id), ...out.groups.map((g) => g.id)]);
    for (const r of model.result.reads) {
      const from = r === 'input' ? INPUT_ID : r;
      if (known.has(from))
        out.edges.push({
          id: `data:${from}->${RESULT_ID}`,
          from,
          to: RESULT_ID,
          kind: 'data',
          label: '',
        });
    }
  }
  // Drop the input node when nothing reads it.
  if (!out.edges.some((e) => e.from === INPUT_ID)) out.nodes.shift();
  return out;
}
