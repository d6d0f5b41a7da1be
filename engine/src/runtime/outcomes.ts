// What happens when a step's handler settles: success, skip, or failure (retry, permanent
// failure with its error record, continue/skip on permanent failure, rollback).
import { TransactionTimeoutError } from '../errors';
import type { StepAction } from '../instrumentation';
import { serializeError, stackSuffix } from './errorShape';
import type { RunContext } from './runContext';
import { stepsToSkipOnFailure } from './scheduling';
import type { StepRecord, Transaction } from './transaction';

type Obj = Record<string, unknown>;

export function setStepSuccess(run: RunContext, rec: StepRecord, response: unknown): void {
  const compensating = rec.stepFailed;
  const timedOut = rec.getStates().state === 'timeout';
  if (rec.saveResponse) {
    run.tx.addResponse(rec.definition.action, compensating ? 'compensate' : 'invoke', response);
  }
  const cur = rec.getStates();
  if (!timedOut) cur.status = 'ok';
  if (compensating) run.setCompState(rec, 'reverted');
  else if (!timedOut) run.setInvokeState(rec, 'done');
  run.emit(compensating ? 'onCompensateStepSuccess' : 'onStepSuccess', rec);
  if (run.ins) {
    const step = rec.definition.action;
    const output = compensating ? (response as Obj | undefined)?.output : outputOf(run.tx, step);
    run.notify({
      type: 'step.success',
      run: run.frame!,
      step,
      action: compensating ? 'compensate' : 'invoke',
      output,
    });
  }
}

/** The step returned StepResponse.skip() or its `when` condition was false. */
export function skipStep(run: RunContext, rec: StepRecord): void {
  if (rec.invoke.state !== 'timeout') {
    rec.invoke.status = 'ok';
    run.setInvokeState(rec, 'skipped');
  }
  run.emit('onStepSkipped', rec);
  if (run.ins) run.notify({ type: 'step.skipped', run: run.frame!, step: rec.definition.action });
}

export function handleStepFailure(
  run: RunContext,
  rec: StepRecord,
  error: unknown,
  permanent: boolean,
  response: unknown,
): void {
  if (response !== undefined && response !== null && rec.saveResponse) {
    run.tx.addResponse(rec.definition.action, rec.stepFailed ? 'compensate' : 'invoke', response);
  }
  const maxRetries = permanent ? 0 : ((rec.definition.maxRetries as number | undefined) ?? 0);
  setStepFailure(run, rec, error, maxRetries);
}

/** A failed attempt: retried while attempts remain, else failed permanently (errors, rollback). */
export function setStepFailure(
  run: RunContext,
  rec: StepRecord,
  rawError: unknown,
  maxRetries: number,
  isTimeout = false,
  timeoutError?: unknown,
): void {
  rec.failures++;
  const error = serializeError(rawError);
  const cur = rec.getStates();
  const compensating = rec.stepFailed;
  if (!isTimeout && cur.status !== 'permanent_failure') cur.status = 'temp_failure';
  const timedOut = cur.state === 'timeout';
  const step = rec.definition.action;
  let willRetry = false;
  if (rec.failures > maxRetries || timedOut) {
    if (!timedOut) {
      if (compensating) run.setCompState(rec, 'failed');
      else run.setInvokeState(rec, 'failed');
    }
    cur.status = 'permanent_failure';
    if (!isTimeout) {
      const stack = typeof error.stack === 'string' ? error.stack : '';
      error.stack = stack + stackSuffix(run.tx.modelId, step, run.def.sourcePath);
      run.tx.addError(step, compensating ? 'compensate' : 'invoke', error);
    }
    if (compensating) rec.compensateError = error;
    else {
      rec.error = error;
      afterPermanentInvokeFailure(run, rec, timeoutError);
    }
  } else {
    willRetry = true;
    if (compensating) rec.compensateError = error;
    else rec.error = error;
    run.scheduleRetry(rec);
  }
  run.emit(compensating ? 'onCompensateStepFailure' : 'onStepFailure', rec);
  if (run.ins) {
    const message = messageOf(isTimeout ? timeoutError : error);
    const failed = { ...(isTimeout ? serializeError(timeoutError) : error), message };
    const action: StepAction = compensating ? 'compensate' : 'invoke';
    run.notify({
      type: 'step.failure',
      run: run.frame!,
      step,
      action,
      error: failed,
      willRetry,
    });
    if (run.ins.afterFailure) {
      const report = {
        run: run.frame!,
        step,
        action,
        attempt: rec.attempts,
        willRetry,
      };
      run.failureRecorded({ ...report, error: failed });
    }
  }
}

function afterPermanentInvokeFailure(
  run: RunContext,
  rec: StepRecord,
  timeoutError: unknown,
): void {
  const def = rec.definition;
  const canContinue =
    !!(def.continueOnPermanentFailure || def.skipOnPermanentFailure) &&
    !TransactionTimeoutError.is(timeoutError);
  if (!canContinue) {
    run.tx.flow.state = 'waiting_to_compensate';
    return;
  }
  if (!def.skipOnPermanentFailure) return;
  const until =
    typeof def.skipOnPermanentFailure === 'string' ? def.skipOnPermanentFailure : undefined;
  for (const i of stepsToSkipOnFailure(run.tx.plan, rec.index, until)) {
    run.setInvokeState(run.tx.records[i]!, 'skipped_failure');
  }
}

function outputOf(tx: Transaction, step: string): unknown {
  const stored = tx.context.invoke[step] as Obj | undefined;
  const out = (stored?.output ?? stored) as Obj | undefined;
  return out?.__type === 'Symbol(WorkflowStepResponse)' ? out.output : out;
}

function messageOf(error: unknown): string {
  const m = (error as { message?: unknown } | null | undefined)?.message;
  return typeof m === 'string' ? m : m === undefined ? '' : JSON.stringify(m);
}
