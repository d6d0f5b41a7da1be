// The object user steps receive as their second argument (fields as Medusa's step context:
// `action` is invoke or compensate there, but `metadata.action` is the step's name).
import type { Container } from './container';
import type { Transaction } from './transaction';

export const RUN = Symbol('medusa-workflows.run');
const TX = Symbol('medusa-workflows.tx');
const TIMESTAMP = Symbol('medusa-workflows.timestamp');
const META = Symbol('medusa-workflows.metadata');

export class StepContext {
  readonly workflowId: string;
  readonly stepName: string;
  readonly action: 'invoke' | 'compensate';
  readonly idempotencyKey: string;
  readonly eventGroupId?: string;
  readonly parentStepIdempotencyKey?: string;
  readonly preventReleaseEvents: boolean;
  readonly transactionId: string;
  readonly runId: string;
  readonly ' stepDefinition': Record<string, unknown>;
  [RUN]: unknown;
  private readonly [TX]: Transaction;
  private readonly [TIMESTAMP]: number;
  private [META]?: Record<string, unknown>;

  constructor(
    tx: Transaction,
    stepName: string,
    action: 'invoke' | 'compensate',
    readonly attempt: number,
    readonly container: Container,
    readonly context: Record<string, unknown>,
    definition: Record<string, unknown>,
    timestamp: number,
    run: unknown,
  ) {
    const flow = tx.flow;
    const idempotencyKey = `${flow.modelId}:${flow.transactionId}:${stepName}:${action}`;
    context.idempotencyKey = idempotencyKey;
    const meta = flow.metadata;
    this.workflowId = flow.modelId;
    this.stepName = stepName;
    this.action = action;
    this.idempotencyKey = idempotencyKey;
    this[TIMESTAMP] = timestamp;
    this.eventGroupId = (meta.eventGroupId ?? context.eventGroupId) as string | undefined;
    this.parentStepIdempotencyKey = meta.parentStepIdempotencyKey as string | undefined;
    this.preventReleaseEvents = (meta.preventReleaseEvents as boolean | undefined) ?? false;
    this.transactionId = context.transactionId as string;
    this.runId = flow.runId;
    this[' stepDefinition'] = definition;
    this[RUN] = run;
    this[TX] = tx;
  }

  /** Medusa's step metadata (built on first read: most steps never look). */
  get metadata(): Record<string, unknown> {
    return (this[META] ??= {
      model_id: this.workflowId,
      idempotency_key: this.idempotencyKey,
      action: this.stepName,
      action_type: this.action,
      attempt: this.attempt,
      timestamp: this[TIMESTAMP],
    });
  }

  ' getStepResult'(step: string, kind: 'invoke' | 'compensate' = 'invoke'): unknown {
    const stored = this[TX].context[kind][step] as { output?: { output?: unknown } } | undefined;
    return stored?.output?.output;
  }
}
