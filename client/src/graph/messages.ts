// The graph view's contract, imported by the extension host (graph panel, pipeline) and by the
// webview (browser): the view graph, its layout and the messages both ways, as discriminated
// unions on `type`. Types and validation only: it imports nothing but the analysis model's
// types, so nothing here can form an import cycle. Everything that arrives from the other side
// goes through a parse function first: a message that does not match is dropped.
import type {
  Diagnostic,
  GraphNode,
  StepDefinition,
  WorkflowModel,
} from '../../../shared/model/analysisModel';

export type ViewNodeKind = GraphNode['kind'] | 'input' | 'result';
export type GroupKind = 'parallel' | 'when' | 'nested';

export interface ViewNode {
  id: string;
  kind: ViewNodeKind;
  label: string;
  sub: string;
  hasCompensation: boolean;
  /** Id of the group (compound) that holds it, if any. */
  parent?: string;
  model?: GraphNode;
}

export interface ViewGroup {
  id: string;
  kind: GroupKind;
  label: string;
  parent?: string;
  /** For nested workflows: the node (runAsStep) the group stands for; same id as the group. */
  model?: GraphNode;
}

export interface ViewEdge {
  id: string;
  from: string;
  to: string;
  kind: 'order' | 'data';
  label: string;
}

/** What the view draws: leaf nodes, compound groups and edges (built by viewGraph.ts). */
export interface ViewGraph {
  workflow: string;
  nodes: ViewNode[];
  groups: ViewGroup[];
  edges: ViewEdge[];
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface EdgePath {
  points: Point[];
  /** true: points are a cubic Bézier (start, control, control, end); false: a polyline. */
  curve: boolean;
}

/** Where everything goes (built by layout.ts). */
export interface Laid {
  nodes: Record<string, Box>;
  groups: Record<string, Box>;
  edges: Record<string, EdgePath>;
  /** The label lines of each node and group (long names wrap inside their box). */
  labels: Record<string, string[]>;
  width: number;
  height: number;
  /** Time elkjs took, for the status line and the benchmark. */
  ms: number;
}

/** A step's state as the overlay draws it (the engine's states folded into what a user reads). */
export type DisplayState =
  | 'pending'
  | 'running'
  | 'paused'
  | 'done'
  | 'failed'
  | 'skipped'
  | 'not-run'
  | 'compensating'
  | 'compensated';

export interface NodeRunState {
  invoke: DisplayState;
  compensate: DisplayState;
}

export interface Overlay {
  /** Keyed by node id (the step's runtime name; `<compound>::<step>` inside nested workflows). */
  nodes: Record<string, NodeRunState>;
  /** The step the debugger stopped at (the focused thread). */
  paused?: {
    step: string;
    action: 'invoke' | 'compensate';
    /** Its handler returned and it waits for its response (an async step): setStepSuccess... */
    awaiting?: boolean;
  };
  /** Compensations that ran, in the order they began (node ids). */
  rollback: string[];
  /** The run's overall state (engine RunState). */
  runState: string;
  /** The first step that failed, when one did. */
  failed?: string;
  /** true once the debug session has ended (the last run can still be shown). */
  ended: boolean;
  /** The engine's (or its container's) error when it could not run the workflow: the state
   * event's `error`, e.g. Medusa's TypeError on a step named with a "." and why (rule MW019). */
  refused?: string;
  /** Set when the states come from a stored execution (Workflow Executions), not a session. */
  recorded?: RecordedOverlay;
}

export interface RecordedOverlay {
  /** The execution's id (`wf_exec_...`) and transaction id. */
  execution: string;
  transactionId: string;
  /** Parts of the record that do not match the code, one sentence each. */
  mismatches: string[];
  /** Live mode's sentence for this workflow (followed, or publishes nothing). */
  live?: string;
  /** What the record holds of each step, keyed like `nodes` (the node's hover card). */
  steps?: Record<string, RecordedNodeDetails>;
  /** The workflow input (`context.data.payload`) as JSON text, on the input node's card. */
  payload?: string;
}

export interface RecordedNodeDetails {
  attempts: number;
  /** JSON text, cut when long. */
  output?: string;
  compensateInput?: string;
  error?: RecordedErrorText;
  compensateError?: RecordedErrorText;
}

export interface RecordedErrorText {
  message: string;
  stack?: string;
  /** The frame in the user's code the stack points to: `file:line:column`. */
  at?: string;
}

export interface BreakpointMarks {
  step: string[];
  compensate: string[];
}

export interface GraphPayload {
  workflow: WorkflowModel;
  steps: StepDefinition[];
  diagnostics: Diagnostic[];
  /** Models of nested workflows (runAsStep), by node id, drawn as compound nodes. */
  nested: Record<string, WorkflowModel>;
}

export type ExportFormat = 'svg' | 'png';

/** The graph message: what the webview draws. Each model node travels once (inside `view`). */
export interface GraphMessage {
  type: 'graph';
  workflow: { id: string; file: string };
  /** How many error diagnostics the workflow and its steps have (the toolbar says so). */
  errors: number;
  view: ViewGraph;
  laid: Laid;
  trusted: boolean;
  /** true when an edit of the workflow's files caused this update (stale run states hide). */
  edited: boolean;
}

/** Host -> webview. */
export type HostMessage =
  | GraphMessage
  | { type: 'empty'; message: string }
  | { type: 'overlay'; overlay: Overlay | null }
  | { type: 'breakpoints'; marks: BreakpointMarks }
  | { type: 'export'; requestId: number; format: ExportFormat }
  | { type: 'fit' }
  | { type: 'test.query'; requestId: number }
  | { type: 'test.click'; requestId: number; selector: string; double: boolean };

export interface DomNode {
  id: string;
  kind: string;
  label: string;
  classes: string[];
  /** The computed outline colour of its shape (what the user sees, whatever the classes). */
  stroke: string;
  parent?: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Its run state line as drawn ("done", "paused: awaiting response"), and whether that line's
   * box meets its subtitle's ("async · retries 2"). */
  state: string;
  stateOverSub: boolean;
}

export interface DomEdge {
  from: string;
  to: string;
  kind: 'order' | 'data';
}

/** What the webview actually rendered, read back from its DOM (for tests and diagnostics). */
export interface DomSnapshot {
  workflow: string;
  nodes: DomNode[];
  /** `x`, `width`: the group's box (graph units); `labelX`: where its label is drawn, from its
   * left edge (it follows the view along a group reaching left of it); `labelWidth`: its length. */
  groups: {
    id: string;
    kind: string;
    label: string;
    x: number;
    width: number;
    labelX: number;
    labelWidth: number;
  }[];
  edges: DomEdge[];
  selected?: string;
  zoom: number;
  /** The graph area's size in webview pixels. */
  viewport: { width: number; height: number };
  /** The viewport's translation (pan), in webview pixels. */
  pan: { x: number; y: number };
  rollbackPath: string[];
  /** The rollback as the list beside the graph shows it: waves of node ids, in order. */
  rollbackWaves: string[][];
  pausedNode?: string;
  /** The message shown instead of a graph, if any. */
  message?: string;
  /** The outcome banner's text (empty when no run is shown). */
  banner: string;
  /** The legend's entries while it is shown. */
  legend: string[];
  drawnAt: number;
  /** The hover card's text while it is shown. */
  tooltip?: string;
  /** The body's theme classes (vscode-light, vscode-dark, vscode-high-contrast...). */
  theme: string;
}

/** Webview -> host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'drawn'; workflow: string; nodes: number; ms: number }
  | { type: 'reveal'; node: string; target: 'callSite' | 'definition' }
  | { type: 'exportResult'; requestId: number; data: string }
  | { type: 'test.result'; requestId: number; dom: DomSnapshot }
  | { type: 'error'; message: string };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown, max = 100_000): v is string => typeof v === 'string' && v.length <= max;
const int = (v: unknown): v is number => Number.isSafeInteger(v);

/** Validates a message from the webview; undefined when it is not one we know. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isObj(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'drawn':
      return str(raw.workflow, 1000) && int(raw.nodes) && typeof raw.ms === 'number'
        ? { type: 'drawn', workflow: raw.workflow, nodes: raw.nodes, ms: raw.ms }
        : undefined;
    case 'reveal':
      return str(raw.node, 1000) && (raw.target === 'callSite' || raw.target === 'definition')
        ? { type: 'reveal', node: raw.node, target: raw.target }
        : undefined;
    case 'exportResult':
      return int(raw.requestId) && str(raw.data, 50_000_000)
        ? { type: 'exportResult', requestId: raw.requestId, data: raw.data }
        : undefined;
    case 'test.result':
      return int(raw.requestId) && isObj(raw.dom) && Array.isArray(raw.dom.nodes)
        ? { type: 'test.result', requestId: raw.requestId, dom: raw.dom as unknown as DomSnapshot }
        : undefined;
    case 'error':
      return str(raw.message, 10_000) ? { type: 'error', message: raw.message } : undefined;
    default:
      return undefined;
  }
}

/** Validates a message from the host (the webview trusts nothing it did not check either). */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isObj(raw)) return undefined;
  switch (raw.type) {
    case 'graph':
      return isObj(raw.workflow) &&
        str(raw.workflow.id, 1000) &&
        str(raw.workflow.file, 10_000) &&
        int(raw.errors) &&
        typeof raw.edited === 'boolean' &&
        isObj(raw.view) &&
        Array.isArray(raw.view.nodes) &&
        isObj(raw.laid) &&
        isObj(raw.laid.nodes) &&
        typeof raw.trusted === 'boolean'
        ? (raw as unknown as HostMessage)
        : undefined;
    case 'empty':
      return str(raw.message) ? { type: 'empty', message: raw.message } : undefined;
    case 'overlay':
      return raw.overlay === null || isObj(raw.overlay)
        ? (raw as unknown as HostMessage)
        : undefined;
    case 'breakpoints':
      return isObj(raw.marks) &&
        Array.isArray(raw.marks.step) &&
        Array.isArray(raw.marks.compensate)
        ? (raw as unknown as HostMessage)
        : undefined;
    case 'export':
      return int(raw.requestId) && (raw.format === 'svg' || raw.format === 'png')
        ? { type: 'export', requestId: raw.requestId, format: raw.format }
        : undefined;
    case 'fit':
      return { type: 'fit' };
    case 'test.query':
      return int(raw.requestId) ? { type: 'test.query', requestId: raw.requestId } : undefined;
    case 'test.click':
      return int(raw.requestId) && str(raw.selector, 1000) && typeof raw.double === 'boolean'
        ? {
            type: 'test.click',
            requestId: raw.requestId,
            selector: raw.selector,
            double: raw.double,
          }
        : undefined;
    default:
      return undefined;
  }
}
