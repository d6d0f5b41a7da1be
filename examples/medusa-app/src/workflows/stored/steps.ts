// Fixture app: the steps of the stored workflows (stored.ts). Plain values only (no module
// services), so the rows the engine writes depend on the input alone. Imported by stored.ts.
import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';

export interface OrderInput {
  sku: string;
  quantity: number;
  amount: number;
  /** Makes ship-order throw after the other steps finished: the run reverts. */
  failShipping?: boolean;
}

/** Compensates with a compensateInput of its own (not its output). */
export const reserveStockStep = createStep(
  'reserve-stock',
  async (input: { sku: string; quantity: number }) => {
    const reservation = { reservationId: `res_${input.sku}`, quantity: input.quantity };
    return new StepResponse(reservation, { release: reservation.reservationId, sku: input.sku });
  },
  async (release: { release: string; sku: string } | undefined) => {
    if (!release) return;
    await Promise.resolve();
  },
);

/** Compensates with its output (no compensateInput given). */
export const chargePaymentStep = createStep(
  'charge-payment',
  async (input: { amount: number }) =>
    new StepResponse({ chargeId: `ch_${input.amount}`, amount: input.amount }),
  async (charge: { chargeId: string; amount: number } | undefined) => {
    if (!charge) return;
    await Promise.resolve();
  },
);

/** No compensation. */
export const notifyCustomerStep = createStep('notify-customer', async (input: { sku: string }) => {
  return new StepResponse({ notified: true, about: input.sku });
});

export const shipOrderStep = createStep(
  'ship-order',
  async (input: { sku: string; failShipping?: boolean }) => {
    if (input.failShipping) throw new Error(`Carrier rejected the parcel for ${input.sku}`);
    return new StepResponse({ trackingNumber: `trk_${input.sku}` });
  },
);

/** Its compensation fails: a run that fails after it ends in the state `failed`. */
export const holdFundsStep = createStep(
  'hold-funds',
  async (input: { amount: number }) => new StepResponse({ holdId: `hold_${input.amount}` }),
  async () => {
    await Promise.resolve();
    throw new Error('The bank did not release the hold');
  },
);

export const captureRefundStep = createStep('capture-refund', async (input: { amount: number }) => {
  await Promise.resolve();
  throw new Error(`Refund of ${input.amount} declined`);
});

export const packItemStep = createStep(
  'pack-item',
  async (input: { sku: string }) => new StepResponse({ packed: input.sku }),
  async () => {
    await Promise.resolve();
  },
);

/** Async: the run waits until someone calls the workflow engine's setStepSuccess for it. */
export const awaitApprovalStep = createStep({ name: 'await-approval', async: true }, async () => {
  await Promise.resolve();
});

export const finalizeStep = createStep('finalize', async (input: { approved?: unknown }) => {
  return new StepResponse({ finalized: true, approval: input.approved ?? null });
});
