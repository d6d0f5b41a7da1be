// Public typings of the composer API. Definition-time values are lazy references; their types
// follow the data they stand for loosely (as in JavaScript), so user code typechecks without
// Medusa's full type machinery.
import type { StepResponse } from '../responses';
import type { StepContext } from '../runtime/stepContext';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Config accepted by `createStep({ ... })` and `step(...).config({ ... })`. */
export interface StepConfig {
  name?: string;
  maxRetries?: number;
  retryInterval?: number;
  timeout?: number;
  async?: boolean;
  compensateAsync?: boolean;
  noCompensation?: boolean;
  continueOnPermanentFailure?: boolean;
  skipOnPermanentFailure?: boolean | string;
  saveResponse?: boolean;
  [key: string]: unknown;
}

interface RefMethods<T> {
  config(config: StepConfig): WorkflowData<T>;
  if(input: unknown, condition: (input: any, context: any) => unknown): WorkflowData<T>;
}

/** A lazy reference to a value produced at run time (step output, input, transform). */
export type WorkflowData<T = any> = (T extends object
  ? { [K in keyof T]-?: WorkflowData<T[K]> }
  : T extends undefined | null
    ? any
    : T) &
  RefMethods<T> & { __type: string; __step__?: string; [key: string]: any };

type Unwrap<R> = R extends StepResponse<infer O, any> ? O : R;

export type StepOutput<R> = Unwrap<Awaited<R>>;

export type StepExecutionContext = StepContext;

export interface StepFunction<TInput = any, TOutput = any> {
  (input?: TInput | WorkflowData<TInput> | Record<string, unknown>): WorkflowData<TOutput>;
  __type: string;
  __step__: string;
}

export type InvokeFunction<TInput, R> = (input: TInput, context: StepExecutionContext) => R;
export type CompensateFunction<TCompInput> = (
  input: TCompInput,
  context: StepExecutionContext,
) => unknown;
