// MedusaWorkflow: the registry of exported workflow functions by id (as the SDK's global; the
// first registration of an id wins, as there).
import { clearDefinitions, unregisterDefinition } from '../runtime/definition';
import type { WorkflowFunction } from './workflowFunction';

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

/** Forgets every registered workflow (tests, reloading a project). */
export function clearWorkflows(): void {
  clearDefinitions();
  for (const id of Object.keys(MedusaWorkflow.workflows)) MedusaWorkflow.unregisterWorkflow(id);
}

/** Forgets one workflow. */
export function unregisterWorkflow(id: string): void {
  unregisterDefinition(id);
  MedusaWorkflow.unregisterWorkflow(id);
}
