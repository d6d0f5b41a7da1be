// MedusaWorkflow: the registry of exported workflow functions by id (as the SDK's global; the
// first registration of an id wins, as there).
import type { WorkflowFunction } from './createWorkflow';

export const MedusaWorkflow = {
  workflows: {} as Record<string, WorkflowFunction>,
  registerWorkflow(workflowId: string, workflow: WorkflowFunction): void {
    if (workflowId in MedusaWorkflow.workflows) return;
    MedusaWorkflow.workflows[workflowId] = workflow;
  },
  unregisterWorkflow(workflowId: string): void {
    delete MedusaWorkflow.workflows[workflowId];
  },
  getWorkflow(workflowId: string): WorkflowFunction | undefined {
    return MedusaWorkflow.workflows[workflowId];
  },
};
