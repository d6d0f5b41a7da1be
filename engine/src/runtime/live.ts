// Runs that can still be resumed by id (Medusa keeps these in its transaction storage): runs
// with async steps, timeouts or retry intervals, until they finish.
import type { Run } from './run';
import type { Transaction } from './transaction';

const live = new Map<string, Run>();
const byTransaction = new WeakMap<Transaction, Run>();

export function keyOf(workflowId: string, transactionId: string): string {
  return `${workflowId}:${transactionId}`;
}

export function track(run: Run, stored: boolean): void {
  byTransaction.set(run.tx, run);
  if (stored) live.set(keyOf(run.tx.modelId, run.tx.transactionId), run);
}

export function forget(run: Run): void {
  live.delete(keyOf(run.tx.modelId, run.tx.transactionId));
}

export function findLive(workflowId: string, transactionId: string): Run | undefined {
  return live.get(keyOf(workflowId, transactionId));
}

export function runOf(tx: Transaction): Run | undefined {
  return byTransaction.get(tx);
}
