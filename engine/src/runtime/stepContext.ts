// The object user steps receive as their second argument.
import type { Container } from './container';
import type { Transaction } from './transaction';

export const RUN = Symbol('medusa-workflows.run');

export interface StepContext {
  workflowId: string;
  stepName: string;
  action: 'invoke' | 'compensate';
  idempotencyKey: string;
  attempt: number;
  container: Container;
  metadata: Record<string, unknown>;
  eventGroupId?: string;
  parentStepIdempotencyKey?: string;
  preventReleaseEvents: boolean;
  transactionId: string;
  runId: string;
  context: Record<string, unknown>;
  ' stepDefinition': Record<string, unknown>;
  ' getStepResult'(step: string, action?: 'invoke' | 'compensate'): unknown;
  [RUN]?: unknown;
}

export function buildStepContext(
  tx: Transaction,
  action: string,
  type: 'invoke' | 'compensate',
  attempt: number,
  container: Container,
  runContext: Record<string, unknown>,
  definition: Record<string, unknown>,
  timestamp: number,
): StepContext {
  const flow = tx.flow;
  const idempotencyKey = `${flow.modelId}:${flow.transactionId}:${action}:${type}`;
  runContext.idempotencyKey = idempotencyKey;
  const meta = flow.metadata;
  return {
    workflowId: flow.modelId,
    stepName: action,
    action: type,
    idempotencyKey,
    attempt,
    container,
    metadata: {
      model_id: flow.modelId,
      idempotency_key: idempotencyKey,
      action,
      action_type: type,
      attempt,
      timestamp,
    },
    eventGroupId: (meta.eventGroupId ?? runContext.eventGroupId) as string | undefined,
    parentStepIdempotencyKey: meta.parentStepIdempotencyKey as string | undefined,
    preventReleaseEvents: (meta.preventReleaseEvents as boolean | undefined) ?? false,
    transactionId: runContext.transactionId as string,
    runId: flow.runId,
    context: runContext,
    ' stepDefinition': definition,
    ' getStepResult'(step: string, kind: 'invoke' | 'compensate' = 'invoke'): unknown {
      const stored = tx.context[kind][step] as { output?: { output?: unknown } } | undefined;
      return stored?.output?.output;
    },
  };
}
