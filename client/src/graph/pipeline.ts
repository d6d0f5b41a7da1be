// Extension host (graph panel, benchmark): the graph pipeline as one function, payload -> view
// graph -> layout, with no vscode and no webview in it (unit-tested as is). A previous result is
// reused when the drawn structure did not change, so most edits do not run elkjs again.
import type { GraphNode } from '../../../shared/model/analysisModel';
import { layoutGraph } from './layout';
import type { GraphMessage, GraphPayload, Laid, ViewGraph } from './messages';
import { buildViewGraph } from './viewGraph';

export interface Presented {
  view: ViewGraph;
  laid: Laid;
  /** The structure the layout was computed for (node models left out). */
  key: string;
  /** true when the layout was reused from `previous`. */
  reused: boolean;
}

export async function presentGraph(
  payload: GraphPayload,
  previous?: Presented,
): Promise<Presented> {
  const view = buildViewGraph(payload);
  const key = JSON.stringify(view, (k, v: unknown) => (k === 'model' ? undefined : v));
  if (previous && previous.key === key) return { view, laid: previous.laid, key, reused: true };
  return { view, laid: await layoutGraph(view), key, reused: false };
}

/** The message that draws it: each model node travels once, inside the view. */
export function graphMessage(
  payload: GraphPayload,
  presented: Presented,
  options: { trusted: boolean; edited: boolean },
): GraphMessage {
  return {
    type: 'graph',
    workflow: { id: payload.workflow.id, file: payload.workflow.location.file },
    errors: payload.diagnostics.filter((d) => d.severity === 'error').length,
    view: presented.view,
    laid: presented.laid,
    ...options,
  };
}

/** The model node behind a view id (`<compound id>::<node id>` inside nested workflows). */
export function findNode(payload: GraphPayload, id: string): GraphNode | undefined {
  const own = payload.workflow.nodes.find((n) => n.id === id);
  if (own) return own;
  const cut = id.lastIndexOf('::');
  if (cut < 0) return undefined;
  return payload.nested[id.slice(0, cut)]?.nodes.find((n) => n.id === id.slice(cut + 2));
}

/** The files whose edits change the graph: the workflow's, its steps' and its nested workflows'. */
export function graphFiles(payload: GraphPayload): Set<string> {
  return new Set([
    payload.workflow.location.file,
    ...payload.steps.map((s) => s.location.file),
    ...Object.values(payload.nested).map((m) => m.location.file),
  ]);
}
