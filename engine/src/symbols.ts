// Type tags carried by definition-time references. The string values equal Medusa's so that
// values observed by user code (e.g. a step reading `{ __type }` wrappers) look the same.

export const T_INPUT = 'Symbol(WorkflowInputReference)';
export const T_STEP = 'Symbol(WorkflowStep)';
export const T_HOOK = 'Symbol(WorkflowHook)';
export const T_DATA = 'Symbol(WorkflowWorkflowData)';
export const T_STEP_RESPONSE = 'Symbol(WorkflowStepResponse)';
export const T_STEP_BIND = 'Symbol(WorkflowStepBind)';
export const T_TRANSFORM = 'Symbol(WorkflowStepTransformer)';
export const T_WF_RESPONSE = 'Symbol(MedusaWorkflowResponse)';

/** A definition-time reference (step output, workflow input, transform, response). */
export interface Ref {
  __type: string;
  __step__?: string;
  [key: string]: unknown;
}
