// Run option `events`: Medusa's callback names, each called with `{ transaction, step? }`.
import type { StepRecord, Transaction } from './transaction';

export interface EventArgs {
  transaction: Transaction;
  step?: StepRecord;
}

export interface RunEvents {
  onBegin?(args: EventArgs): void;
  onResume?(args: EventArgs): void;
  onFinish?(args: EventArgs): void;
  onTimeout?(args: EventArgs): void;
  onCompensateBegin?(args: EventArgs): void;
  onStepBegin?(args: EventArgs): void;
  onStepSuccess?(args: EventArgs): void;
  onStepFailure?(args: EventArgs): void;
  onStepAwaiting?(args: EventArgs): void;
  onStepSkipped?(args: EventArgs): void;
  onCompensateStepSuccess?(args: EventArgs): void;
  onCompensateStepFailure?(args: EventArgs): void;
}

export type EventName = keyof RunEvents;
