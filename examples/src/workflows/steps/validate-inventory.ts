import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import type { InventoryModuleService } from '../../modules/inventory';
import { INVENTORY_MODULE } from '../../modules/keys';

export type ValidateInventoryStepInput = { items: { sku: string; quantity: number }[] };

/** Read-only: checks availability and changes nothing, so it has no compensation. */
export const validateInventoryStep = createStep(
  'validate-inventory',
  async (input: ValidateInventoryStepInput, { container }) => {
    const inventory = container.resolve<InventoryModuleService>(INVENTORY_MODULE);
    const availability = input.items.map((item) => {
      const available = inventory.retrieveAvailableQuantity(item.sku);
      if (available < item.quantity) {
        throw new Error(
          `Insufficient inventory for "${item.sku}": requested ${item.quantity}, available ${available}`,
        );
      }
      return { sku: item.sku, available };
    });
    return new StepResponse(availability);
  },
);
