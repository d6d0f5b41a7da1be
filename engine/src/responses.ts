// StepResponse and WorkflowResponse: what user step functions and composers return.
import { PermanentStepFailureError, SkipStepResponse } from './errors';
import { T_STEP_RESPONSE, T_WF_RESPONSE } from './symbols';

export interface StepResponseJSON {
  __type: string;
  output: unknown;
  compensateInput: unknown;
}

export class StepResponse<TOutput = unknown, TCompensateInput = TOutput> {
  readonly #output: TOutput | undefined;
  readonly #compensateInput: TCompensateInput | TOutput | undefined;

  constructor(output?: TOutput, compensateInput?: TCompensateInput) {
    if (output !== undefined) this.#output = output;
    this.#compensateInput = compensateInput !== undefined ? compensateInput : output;
  }

  /** Fails the step without retries; `compensateInput` becomes the compensation's input. */
  static permanentFailure(message = 'Permanent failure', compensateInput?: unknown): never {
    const response = compensateInput !== undefined ? new StepResponse(compensateInput) : undefined;
    throw new PermanentStepFailureError(message, response);
  }

  /** Marks the step skipped (returned, not thrown). */
  static skip(): SkipStepResponse {
    return new SkipStepResponse();
  }

  get __type(): string {
    return T_STEP_RESPONSE;
  }
  get output(): TOutput | undefined {
    return this.#output;
  }
  get compensateInput(): TCompensateInput | TOutput | undefined {
    return this.#compensateInput;
  }
  toJSON(): StepResponseJSON {
    return {
      __type: T_STEP_RESPONSE,
      output: this.#output,
      compensateInput: this.#compensateInput,
    };
  }
}

export class WorkflowResponse<TResult = unknown, THooks = unknown[]> {
  readonly __type = T_WF_RESPONSE;
  constructor(
    public $result: TResult,
    public options?: { hooks?: THooks },
  ) {}
}
