// The flow tree a composer builds (Medusa's `flow_`): what runtime/scheduling.ts plans from.
// Imported by the runtime; shared/medusa/flowBuilder.ts builds it.

/** A node of the flow tree: a step (its name and options) and what runs after it. */
export interface FlowNode {
  action: string;
  noCompensation?: boolean;
  next?: FlowNode | FlowNode[];
  [option: string]: unknown;
}
