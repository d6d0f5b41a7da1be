// The object user steps receive as their second argument (fields as Medusa's step context).
import type { Container } from './container';
import type { Transaction } from './transaction';

export const RUN = Symbol('medusa-workflows.run');
const TX = Symbol('medusa-workflows.tx');

export class StepContext {
  readonly workflowId: string;
  readonly stepName: string;
  readonly action: 'invoke' | 'compensate';
  readonly idempotencyKey: string;
  readonly metadata: Record<string, unknown>;
  readonly eventGroupId?: string;
  readonly parentStepIdempotencyKey?: string;
  readonly preventReleaseEvents: boolean;
  readonly transactionId: string;
  readonly runId: string;
  readonly ' stepDefinition': Record<string, unknown>;
  [RUN]: unknown;
  private readonly [TX]: Transaction;

  constructor(
    tx: Transaction,
    action: string,
    type: 'invoke' | 'compensate',
    readonly attempt: number,
    readonly container: Container,
    readonly context: Record<string, unknown>,
    definition: Record<string, unknown>,
    timestamp: number,
    run: unknown,
  ) {
    const flow = tx.flow;
    const idempotencyKey = `${flow.modelId}:${flow.transactionId}:${action}:${type}`;
    context.idempotencyKey = idempotencyKey;
    const meta = flow.metadata;
    this.workflowId = flow.modelId;
    this.stepName = action;
    this.action = type;
    this.idempotencyKey = idempotencyKey;
    this.metadata = {
      model_id: flow.modelId,
      idempotency_key: idempotencyKey,
      action,
      action_type: type,
      attempt,
      timestamp,
    };
    this.eventGroupId = (meta.eventGroupId ?? context.eventGroupId) as string | undefined;
    this.parentStepIdempotencyKey = meta.parentStepIdempotencyKey as string | undefined;
    this.preventReleaseEvents = (meta.preventReleaseEvents as boolean | undefined) ?? false;
    this.transactionId = context.transactionId as string;
    this.runId = flow.runId;
    this[' stepDefinition'] = definition;
    this[RUN] = run;
    this[TX] = tx;
  }

  ' getStepResult'(step: string, kind: 'invoke' | 'compensate' = 'invoke'): unknown {
    const stored = this[TX].context[kind][step] as { output?: { output?: unknown } } | undefined;
    return stored?.output?.output;
  }
}
