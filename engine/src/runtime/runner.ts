// The per-workflow runner returned by `wf(container)`: run, registerStepSuccess/Failure, cancel.
// Mirrors @medusajs/workflows-sdk's exported workflow (return shape, throwOnError, result).
import { systemClock, type Clock } from '../clock';
import { getDefinition, type WorkflowDefinition, type WorkflowOptions } from './definition';
import { uniqueId } from './ids';
import type { Instrumentation, RunEndError, RunFrame } from '../instrumentation';
import { MedusaError } from '../errors';
import { toContainer } from './container';
import { withReleaseEvents } from './finishEvents';
import { findLive, forget, runOf, track } from './liveRuns';
import { resolveValue } from './resolve';
import { Run } from './run';
import type { RunOptions } from './runOptions';
import { snapshotOfRun } from './runSnapshot';
import { Transaction, type TransactionError } from './transaction';

type Obj = Record<string, unknown>;

export type { RunOptions } from './runOptions';

export interface ResponseOptions extends Omit<RunOptions, 'input'> {
  idempotencyKey: string;
  response?: unknown;
  forcePermanentFailure?: boolean;
}

export interface CancelOptions extends Omit<RunOptions, 'input'> {
  transaction?: Transaction;
  transactionId?: string;
}

export interface RunResult {
  result: unknown;
  errors: TransactionError[];
  transaction: Transaction;
  thrownError?: unknown;
}

/** Internal: how a nested run (runAsStep) links to its parent. */
export interface ParentLink {
  ins?: Instrumentation;
  clock: Clock;
  frame?: RunFrame;
  step: string;
  attach?: (child: Run) => void;
  /** Medusa's workflow engine reports a nested run that a later call finished to its parent's
   * step (setStepSuccess with its result, setStepFailure with its errors). */
  settle?: (
    child: Run,
    outcome: { result: unknown } | { errors: TransactionError[] },
  ) => Promise<void>;
}

/** The parent link of each nested run, for the calls that finish it after its step returned. */
const parentLinks = new WeakMap<Run, ParentLink>();

export const PARENT = Symbol('medusa-workflows.parent');

function notFound(message: string): Error {
  return new MedusaError('not_found', message);
}

function notAllowed(message: string): Error {
  return new MedusaError('not_allowed', message);
}

export class WorkflowRunner {
  private custom: WorkflowOptions = {};

  constructor(
    readonly workflowId: string,
    private readonly defaultResult: unknown,
    private readonly boundContainer?: unknown,
  ) {}

  setOptions(options: WorkflowOptions): this {
    this.custom = options;
    return this;
  }

  config(options: WorkflowOptions): void {
    this.custom = options;
  }

  private definition(): WorkflowDefinition {
    const def = getDefinition(this.workflowId);
    if (!def) throw notFound(`Workflow with id "${this.workflowId}" not found.`);
    return def;
  }

  run = async (opts: RunOptions = {}): Promise<RunResult> => {
    const def = this.definition();
    const context: Obj = { ...opts.context, __type: 'MedusaContext' };
    const uniq = uniqueId();
    context.transactionId ??= 'auto-' + uniq;
    context.eventGroupId ??= uniq;
    const options = { ...def.options, ...this.custom };
    const parent = (opts as { [PARENT]?: ParentLink })[PARENT];
    const existing = findLive(def.id, context.transactionId as string);
    if (existing) return this.resume(existing, opts, context);
    const tx = new Transaction(
      def.plan,
      def.id,
      context.transactionId as string,
      (context.runId as string | undefined) ?? uniqueId(),
      opts.input,
      options,
      {
        eventGroupId: context.eventGroupId,
        parentStepIdempotencyKey: context.parentStepIdempotencyKey,
        sourcePath: def.sourcePath,
        preventReleaseEvents: context.preventReleaseEvents,
        cancelingFromParentStep: context.cancelingFromParentStep,
      },
    );
    const ins = opts.instrumentation ?? parent?.ins;
    const frame: RunFrame | undefined = ins
      ? {
          workflowId: def.id,
          transactionId: tx.transactionId,
          parents: parent?.frame
            ? [
                ...parent.frame.parents,
                {
                  workflowId: parent.frame.workflowId,
                  transactionId: parent.frame.transactionId,
                  step: parent.step,
                },
              ]
            : [],
        }
      : undefined;
    const container = toContainer(opts.container ?? this.boundContainer);
    const run = new Run({
      def,
      tx,
      container,
      context,
      clock: opts.clock ?? parent?.clock ?? systemClock,
      ins,
      frame,
      onFinish: finished,
      events: withReleaseEvents(opts, context, container),
    });
    track(run, isStored(def, options));
    if (parent) parentLinks.set(run, parent);
    parent?.attach?.(run);
    if (ins?.attach)
      ins.attach({ frame: frame!, snapshot: (o) => snapshotOfRun(run, o?.values ?? true) });
    return run.within(async () => {
      await run.start();
      return this.finish(run, opts, 'run');
    });
  };

  /** run() with the id of a stored, unfinished transaction resumes it (Medusa loads it back). */
  private resume(run: Run, opts: RunOptions, context: Obj): Promise<RunResult> {
    run.container = toContainer(opts.container ?? this.boundContainer);
    run.subscribe(withReleaseEvents(opts, context, run.container), false);
    return run.within(async () => {
      run.emit('onResume');
      await run.drive();
      return this.finish(run, opts, 'run');
    });
  }

  registerStepSuccess = async (opts: ResponseOptions): Promise<RunResult> => {
    const { run, rec } = this.locate(opts, 'success');
    return run.within(async () => {
      run.emit('onResume');
      run.setStepSuccess(rec, opts.response);
      await run.drive();
      return this.finish(run, opts, 'success');
    });
  };

  registerStepFailure = async (opts: ResponseOptions): Promise<RunResult> => {
    const { run, rec } = this.locate(opts, 'failure');
    run.emit('onResume');
    const max = opts.forcePermanentFailure
      ? 0
      : ((rec.definition.maxRetries as number | undefined) ?? 0);
    return run.within(async () => {
      run.setStepFailure(rec, opts.response, max);
      await run.drive();
      return this.finish(run, opts, 'failure');
    });
  };

  /** Re-invokes an awaiting async step now (Medusa's retryStep, which needs its scheduler). */
  retryStep = async (opts: Omit<ResponseOptions, 'response'>): Promise<RunResult> => {
    const { run, rec } = this.locate(opts, 'retry');
    run.emit('onResume');
    return run.within(async () => {
      run.retryNow(rec);
      await run.drive();
      return this.finish(run, opts, 'run');
    });
  };

  cancel = async (opts: CancelOptions = {}): Promise<RunResult> => {
    let run = opts.transaction ? runOf(opts.transaction) : undefined;
    if (!run) {
      const id = opts.transaction?.transactionId ?? opts.transactionId ?? '';
      run = findLive(this.workflowId, id);
      if (!run) throw notFound(`Transaction ${id} could not be found.`);
    }
    if (run.tx.modelId !== this.workflowId) {
      throw notAllowed(
        `TransactionModel "${run.tx.modelId}" cannot be orchestrated by "${this.workflowId}" model.`,
      );
    }
    // Steps keep the container of the run; the release of grouped events uses the canceller's.
    const container = toContainer(opts.container ?? this.boundContainer);
    run.subscribe(withReleaseEvents(opts, opts.context ?? {}, container), !!opts.transaction);
    if (!opts.transaction) run.container = container;
    return run.within(async () => {
      await run.cancel();
      return this.finish(run, { ...opts, resultFrom: undefined }, 'cancel');
    });
  };

  private locate(
    opts: ResponseOptions,
    kind: 'success' | 'failure' | 'retry',
  ): { run: Run; rec: Run['tx']['records'][number] } {
    const key = opts.idempotencyKey ?? '';
    // Medusa's idempotency key: `<workflow>:<transaction>:<step name>:<invoke|compensate>`.
    const [modelId = '', transactionId = '', stepName, action] = key.split(':');
    const run = findLive(modelId, transactionId);
    if (!run) throw notFound(`Transaction ${transactionId} could not be found.`);
    const index = run.tx.plan.byName.get(stepName ?? '');
    const rec = index === undefined ? undefined : run.tx.records[index];
    if (!rec) throw new Error('Action not found.');
    if (rec.stepFailed ? action !== 'compensate' : action !== 'invoke') {
      throw new Error('Incorrect action type.');
    }
    const status = rec.getStates().status;
    if (status !== 'waiting_response') {
      throw notAllowed(
        kind === 'retry'
          ? `Cannot retry step when status is ${status}`
          : `Cannot set step ${kind} when status is ${status}`,
      );
    }
    // Medusa reloads the transaction with this runner's handler: its container from here on.
    run.container = toContainer(opts.container ?? this.boundContainer);
    run.subscribe(withReleaseEvents(opts, opts.context ?? {}, run.container), false);
    return { run, rec };
  }

  private async finish(
    run: Run,
    opts: RunOptions,
    method: 'run' | 'success' | 'failure' | 'cancel',
  ): Promise<RunResult> {
    const tx = run.tx;
    const throwOnError = opts.throwOnError ?? true;
    let errors = tx.getErrors('invoke');
    const state = tx.getState();
    const failed = state === 'failed' || state === 'reverted';
    const benign = (method === 'cancel' || method === 'failure') && state === 'reverted';
    if (method !== 'cancel') await this.settleParent(run, state);
    let thrownError: unknown = null;
    if (failed && !benign) {
      thrownError = errors[0]?.error ?? new Error('Unknown error');
      if (throwOnError) throw thrownError;
    }
    const resultFrom = method === 'cancel' ? undefined : (opts.resultFrom ?? this.defaultResult);
    let result: unknown;
    try {
      result =
        method !== 'cancel' && resultCache.has(run)
          ? resultCache.get(run)
          : resolveResult(run, resultFrom);
    } catch (e) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rethrown as is
      result = Promise.reject(e);
    }
    if (result instanceof Promise) {
      result = await result.catch((e: unknown) => {
        thrownError = e;
        if (throwOnError) throw e;
        errors ??= [];
        errors.push(e as TransactionError);
        return undefined;
      });
    }
    return { errors, transaction: tx, result, thrownError };
  }

  /** As the workflow engine after run/setStepSuccess/setStepFailure/retryStep (not cancel): a
   * finished nested run that was not cancelled from its parent step moves that step on. */
  private async settleParent(run: Run, state: string): Promise<void> {
    const link = parentLinks.get(run);
    if (!link?.settle || run.tx.flow.metadata.cancelingFromParentStep) return;
    if (state === 'failed' || state === 'reverted') {
      return link.settle(run, { errors: run.tx.getErrors('invoke') });
    }
    if (state !== 'done') return;
    let result: unknown;
    try {
      result = await resolveResult(run, this.defaultResult);
    } catch {
      result = undefined;
    }
    return link.settle(run, { result });
  }
}

const resultCache = new WeakMap<Run, unknown>();

function resolveResult(run: Run, resultFrom: unknown): unknown {
  const ctx = run.tx.context;
  return resolveValue(resultFrom, {
    payload: ctx.payload,
    invoke: ctx.invoke,
    compensate: ctx.compensate,
  });
}

function finished(run: Run): void {
  forget(run);
  if (!run.ins) return;
  const recorded = (type: 'invoke' | 'compensate') =>
    run.tx.getErrors(type).map((e) => ({
      step: e.action,
      action: e.handlerType,
      message: messageOf(e.error),
    }));
  const errors: RunEndError[] = recorded('invoke');
  const compensationErrors = recorded('compensate');
  const emit = (result: unknown): void =>
    run.notify({
      type: 'run.end',
      run: run.frame!,
      state: run.tx.getState(),
      result,
      errors,
      compensationErrors,
    });
  let result: unknown;
  try {
    result = resolveResult(run, run.def.defaultResult);
  } catch (e) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rethrown as is
    result = Promise.reject(e);
  }
  if (result instanceof Promise) result.catch(() => undefined);
  resultCache.set(run, result);
  if (!(result instanceof Promise)) return emit(result);
  // run() appends the error that resolving the result threw to its `errors`: so does run.end.
  void result.then(emit, (e: unknown) => {
    errors.push({ message: messageOf(e) });
    emit(undefined);
  });
}

function isStored(def: WorkflowDefinition, options: WorkflowOptions): boolean {
  if (options.store || options.timeout || options.idempotent || options.retentionTime) return true;
  return def.plan.steps.some(
    (s) =>
      s.definition.async ||
      s.definition.timeout ||
      s.definition.retryInterval ||
      s.definition.retryIntervalAwaiting,
  );
}

function messageOf(error: unknown): string {
  const m = (error as { message?: unknown } | null | undefined)?.message;
  return typeof m === 'string' ? m : m === undefined ? '' : JSON.stringify(m);
}
