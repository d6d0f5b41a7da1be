// Runs that can still be resumed by id (Medusa keeps these in its transaction storage): runs
// with async steps, timeouts or retry intervals, until they finish.
import type { Run } from './run';
import { RUN_LINK, type Transaction } from './transaction';

const live = new Map<string, Run>();

export function keyOf(workflowId: string, transactionId: string): string {
  return `${workflowId}:${transactionId}`;
}

export function track(run: Run, stored: boolean): void {
  // A field, not a WeakMap: WeakMap entries keep young runs alive until a full GC.
  run.tx[RUN_LINK] = run;
  if (stored) live.set(keyOf(run.tx.modelId, run.tx.transactionId), run);
}

export function forget(run: Run): void {
  if (live.size > 0) live.delete(keyOf(run.tx.modelId, run.tx.transactionId));
}

export function findLive(workflowId: string, transactionId: string): Run | undefined {
  return live.get(keyOf(workflowId, transactionId));
}

export function runOf(tx: Transaction): Run | undefined {
  return tx[RUN_LINK] as Run | undefined;
}
