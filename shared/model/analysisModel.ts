// The analyzer's data model: plain, JSON-serializable data with 0-based source spans (like LSP).
// No LSP, VS Code or DAP types here. Shared by the server, the CLI, the debug adapter and the
// graph view (through the `medusaWorkflows/graph` request). Fields may be added; none renamed.

export interface Position {
  line: number;
  character: number;
}

export interface Span {
  start: Position;
  end: Position;
}

/** A span in a file; `file` is an absolute path. */
export interface Location {
  file: string;
  span: Span;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  /** Stable code, `MW001`... documented in the README. */
  code: string;
  severity: Severity;
  message: string;
  location: Location;
  fixes?: QuickFix[];
}

/** A `createStep(...)` definition. */
export interface StepDefinition {
  /** The step name (first argument or config `name`), resolved from constants when possible. */
  name: string;
  /** true when the name could not be resolved statically. */
  dynamic?: boolean;
  /** The whole `createStep(...)` call. */
  location: Location;
  /** The exported/declared variable holding the step, when there is one. */
  variable?: string;
  invoke?: Location;
  compensate?: Location;
  hasCompensation: boolean;
  /** Config given in createStep's first argument object (`async`, `maxRetries`, ...), literal values only. */
  config: Record<string, unknown>;
}

export type GraphNodeKind = 'step' | 'hook' | 'transform' | 'nested-workflow' | 'when-then';

/** One node the composer records, in call order. */
export interface GraphNode {
  /** Unique id in the workflow: the runtime step name (after `.config({ name })`) for step-like
   * nodes; `transform:<n>` for transforms. */
  id: string;
  kind: GraphNodeKind;
  /** The step's own name (before renaming) for steps; the hook name; the child workflow id. */
  name: string;
  /** Where the call appears in the composer. */
  callSite: Location;
  /** The definition (`createStep`, `createHook`, `createWorkflow` of the child), when found. */
  definition?: Location;
  hasCompensation: boolean;
  /** `.config({...})` at the call site merged over the definition's config, literal values only. */
  config: Record<string, unknown>;
  /** Index into `WorkflowModel.parallelGroups` when inside `parallelize`. */
  parallelGroup?: number;
  /** Index into `WorkflowModel.whenBlocks` when inside a `when(...).then(...)`. */
  whenBlock?: number;
  /** 1-based position in execution order (waves); parallel siblings share an order. */
  order?: number;
  /** true when something about this node cannot be known statically. */
  dynamic?: boolean;
  dynamicReason?: string;
  /** For transforms: the variable the result is assigned to (`const totals = transform(...)`). */
  variable?: string;
}

/** Which value feeds which node: `from` is a node id or `input` (the workflow input). */
export interface DataEdge {
  from: string;
  /** Property path read from the source, e.g. `id` in `brand.id`; empty for the whole value. */
  path: string[];
  to: string;
}

export interface ParallelGroup {
  nodes: string[];
  location: Location;
}

export interface WhenBlock {
  /** The name given with `when(name, ...)`, if any. */
  name?: string;
  condition: string;
  location: Location;
  nodes: string[];
}

export interface HookModel {
  name: string;
  location: Location;
  /** true when the composer reads the hook's result (adds `get-<name>-result`). */
  resultRead: boolean;
  handlers: Location[];
}

/** The execution tree, the same shape as Medusa's `WorkflowManager.getWorkflows().get(id).flow_`. */
export interface FlowNode {
  action: string;
  noCompensation: boolean;
  next?: FlowNode | FlowNode[];
  /** Extras beyond Medusa's shape (ignored when comparing with the real engine). */
  async?: boolean;
  dynamic?: boolean;
}

export interface WorkflowModel {
  id: string;
  dynamic?: boolean;
  /** The `createWorkflow(...)` call. */
  location: Location;
  /** The composer function. */
  composer?: Location;
  /** The variable the workflow is assigned to, when there is one. */
  variable?: string;
  /** The composer's input parameter name. */
  inputName?: string;
  nodes: GraphNode[];
  edges: DataEdge[];
  parallelGroups: ParallelGroup[];
  whenBlocks: WhenBlock[];
  hooks: HookModel[];
  /** Node ids (or `input`) the `WorkflowResponse` result reads. */
  result?: { location: Location; reads: string[] };
  /** The root of the execution tree (Medusa's `flow_` without the root wrapper: its `next`). */
  flow?: FlowNode | FlowNode[];
}

export interface AnalysisResult {
  workflows: WorkflowModel[];
  steps: StepDefinition[];
  diagnostics: Diagnostic[];
  /** Analyzer bugs caught on the way (the result is then partial); absent when there were none. */
  internalErrors?: string[];
}

/** A value a step compares a field with: a literal, or an enum member named by its key. */
export type CheckValue = string | number | boolean | { member: string };

/**
 * A field check a step makes before throwing (`if (!customer.has_account) throw ...`): the value
 * `record.field` must have for the step not to throw. Read for the auto-mocked container.
 */
export interface FieldCheck {
  /** The step that checks. */
  step: string;
  /** The name the code gives the record (`customer`, `quote`; `carts[0]` gives `carts`). */
  record: string;
  /** The field's name; a key of the record's JSON `metadata` is `metadata.<key>`. */
  field: string;
  /**
   * Set when the check is of what a service method returned (`const points = await
   * service.getPoints(id); if (points <= 0) throw`): `record` is `getPoints()` and `field` is
   * `length` or '' (the value itself).
   */
  method?: string;
  wants:
    | { truthy: boolean }
    | { equals: CheckValue }
    | { differs: CheckValue }
    | { oneOf: CheckValue[] }
    | { above: number }
    /** The field holds the id of one of the record's rows of this relation (`cart.promotions`). */
    | { idOf: string };
  /**
   * Set when the check holds only for some inputs of the step (`status === 'active' &&
   * rental.status !== 'pending'`): each guard names a field of the step's input and the value
   * it is compared with. The check applies when the run's input has those values.
   */
  when?: InputGuard[];
}

/** A test of a step's input field against a literal (`status === 'active'`). */
export interface InputGuard {
  input: string;
  equals: CheckValue;
}
