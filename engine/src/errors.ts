// Error classes the orchestrator recognises by name, mirroring @medusajs/orchestration's.

/** What a step error may carry: a StepResponse (responses.ts imports this file, so by shape). */
interface StepResponse {
  readonly output: unknown;
  readonly compensateInput: unknown;
}

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

/** Shaped like Medusa's MedusaError (name "Error", `type`, `code`, `date`, `__isMedusaError`). */
export class MedusaError extends Error {
  readonly __isMedusaError = true;
  readonly date = new Date();
  constructor(
    public readonly type: 'not_found' | 'not_allowed' | 'invalid_data',
    message: string,
    public readonly code?: string,
  ) {
    super(message);
  }
}

function nameOf(e: unknown): unknown {
  return e !== null && typeof e === 'object' ? (e as { name?: unknown }).name : undefined;
}
