// Error classes the orchestrator recognises by name, mirroring @medusajs/orchestration's.
import { StepResponse } from './responses';

class BaseStepError extends Error {
  readonly #response: StepResponse | undefined;
  constructor(name: string, message?: string, response?: StepResponse) {
    super(message);
    this.name = name;
    this.#response = response;
  }
  getStepResponse(): StepResponse | undefined {
    return this.#response;
  }
}

export class PermanentStepFailureError extends BaseStepError {
  constructor(message?: string, response?: StepResponse) {
    super('PermanentStepFailure', message, response);
  }
  static is(e: unknown): boolean {
    return e instanceof PermanentStepFailureError || nameOf(e) === 'PermanentStepFailure';
  }
}

export class SkipStepResponse extends BaseStepError {
  constructor(message?: string, response?: StepResponse) {
    super('SkipStepResponse', message, response);
  }
  static is(e: unknown): boolean {
    return e instanceof SkipStepResponse || nameOf(e) === 'SkipStepResponse';
  }
}

export class TransactionStepTimeoutError extends BaseStepError {
  constructor(message?: string, response?: StepResponse) {
    super('TransactionStepTimeoutError', message, response);
  }
}

export class TransactionTimeoutError extends BaseStepError {
  constructor(message?: string, response?: StepResponse) {
    super('TransactionTimeoutError', message, response);
  }
  static is(e: unknown): boolean {
    return e instanceof TransactionTimeoutError || nameOf(e) === 'TransactionTimeoutError';
  }
}

/** Medusa's MedusaError-like error for orchestration misuse (type + message). */
export class EngineError extends Error {
  constructor(
    public readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'MedusaError';
  }
}

function nameOf(e: unknown): unknown {
  return e !== null && typeof e === 'object' ? (e as { name?: unknown }).name : undefined;
}
