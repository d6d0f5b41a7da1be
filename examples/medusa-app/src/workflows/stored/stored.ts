// Fixture app: stored workflows (`store: true`, `retentionTime`), so Medusa's workflow engine keeps
// their executions in `workflow_execution`. Run by src/scripts/stored-executions.ts; the rows are
// read by the tests of engine/src/executions (test/app/executions*.test.ts).
import {
  createWorkflow,
  parallelize,
  transform,
  WorkflowResponse,
} from '@medusajs/framework/workflows-sdk';
import {
  awaitApprovalStep,
  captureRefundStep,
  chargePaymentStep,
  finalizeStep,
  holdFundsStep,
  notifyCustomerStep,
  OrderInput,
  packItemStep,
  reserveStockStep,
  shipOrderStep,
} from './steps';

const STORED = { store: true, retentionTime: 86400 };

/** done, or reverted when ship-order fails (every compensation runs, reverse order). */
export const storedOrderWorkflow = createWorkflow(
  { name: 'stored-order', ...STORED },
  (input: OrderInput) => {
    const reservation = reserveStockStep(
      transform({ input }, ({ input }) => ({ sku: input.sku, quantity: input.quantity })),
    );
    const [charge] = parallelize(
      chargePaymentStep(transform({ input }, ({ input }) => ({ amount: input.amount }))),
      notifyCustomerStep(transform({ input }, ({ input }) => ({ sku: input.sku }))),
    );
    const shipment = shipOrderStep(
      transform({ input }, ({ input }) => ({ sku: input.sku, failShipping: input.failShipping })),
    );
    return new WorkflowResponse({ reservation, charge, shipment });
  },
);

/** failed: capture-refund fails and hold-funds' compensation fails too. */
export const storedRefundWorkflow = createWorkflow(
  { name: 'stored-refund', ...STORED },
  (input: { amount: number }) => {
    const hold = holdFundsStep(input);
    captureRefundStep(input);
    return new WorkflowResponse(hold);
  },
);

export const storedPackWorkflow = createWorkflow(
  { name: 'stored-pack', ...STORED },
  (input: { sku: string }) => new WorkflowResponse(packItemStep(input)),
);

/** A parent whose middle step is a whole stored workflow (`runAsStep`): two rows. */
export const storedShipmentWorkflow = createWorkflow(
  { name: 'stored-shipment', ...STORED },
  (input: { sku: string }) => {
    const packed = storedPackWorkflow.runAsStep({ input });
    const shipment = shipOrderStep(input);
    return new WorkflowResponse({ packed, shipment });
  },
);

/** An async step: the run stays `invoking` until the engine is told the step succeeded. */
export const storedApprovalWorkflow = createWorkflow(
  { name: 'stored-approval', ...STORED },
  (input: { sku: string }) => {
    const approved = awaitApprovalStep();
    const result = finalizeStep(transform({ approved, input }, ({ approved }) => ({ approved })));
    return new WorkflowResponse(result);
  },
);
