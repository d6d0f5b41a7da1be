// Step and workflow timeouts (Medusa's handleStepExpiration): a step that finishes after its
// `timeout` is marked timed out and rolls the run back; a workflow past its `timeout` times out
// every step of the current wave with one TransactionTimeoutError.
import { TransactionStepTimeoutError, TransactionTimeoutError } from '../errors';
import { stackSuffix } from './errorShape';
import type { RunContext } from './runContext';
import type { StepRecord } from './transaction';

export function handleExpiration(run: RunContext, rec: StepRecord, wave: number[]): void {
  const hasStepTimeout = !!rec.definition.timeout;
  if (!hasStepTimeout && !run.tx.hasTimeout()) return;
  const now = run.clock.now();
  if (hasStepTimeout && stepExpired(rec, now)) {
    const status = rec.invoke.status;
    if (
      !rec.timedOutAt &&
      !rec.stepFailed &&
      (status === 'waiting_response' || status === 'temp_failure')
    ) {
      rec.timedOutAt = now;
      setStepTimeout(run, rec, new TransactionStepTimeoutError());
      run.emit('onTimeout');
    }
  }
  if (run.tx.hasTimeout()) {
    const steps = wave.includes(rec.index) ? wave.map((i) => run.tx.records[i]!) : [rec];
    checkTransactionTimeout(run, steps);
  }
}

function stepExpired(rec: StepRecord, now: number): boolean {
  const t = rec.definition.timeout as number;
  return !rec.stepFailed && now > (rec.startedAt ?? now) + t * 1e3;
}

/** Times the run out once it is past its workflow timeout; true when it just did. */
export function checkTransactionTimeout(run: RunContext, steps: StepRecord[]): boolean {
  const flow = run.tx.flow;
  const now = run.clock.now();
  if (flow.timedOutAt || flow.state === 'compensating') return false;
  if (!(now > (flow.startedAt ?? now) + (run.tx.getTimeout() ?? 0) * 1e3)) return false;
  flow.timedOutAt = now;
  const error = new TransactionTimeoutError();
  for (const s of steps) setStepTimeout(run, s, error);
  run.emit('onTimeout');
  return true;
}

function setStepTimeout(run: RunContext, rec: StepRecord, error: Error): void {
  const state = rec.getStates().state;
  if (state === 'timeout' || state === 'done' || state === 'reverted') return;
  run.setInvokeState(rec, 'timeout');
  if (error.stack) {
    error.stack += stackSuffix(run.tx.modelId, rec.definition.action, run.def.sourcePath);
  }
  run.tx.addError(rec.definition.action, 'invoke', error);
  run.setStepFailure(rec, undefined, 0, true, error);
}
