import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import { WAREHOUSE_MODULE } from '../../modules/keys';
import type { WarehouseModuleService } from '../../modules/warehouse';

export type AllocateToWarehouseStepInput = {
  order_id: string;
  items: { sku: string; quantity: number }[];
};

export const allocateToWarehouseStep = createStep(
  'allocate-to-warehouse',
  async (input: AllocateToWarehouseStepInput, { container }) => {
    const allocation = container
      .resolve<WarehouseModuleService>(WAREHOUSE_MODULE)
      .allocateOrder(input);
    return new StepResponse(allocation, allocation.id);
  },
  async (allocationId, { container }) => {
    if (!allocationId) return;
    container.resolve<WarehouseModuleService>(WAREHOUSE_MODULE).releaseAllocation(allocationId);
  },
);
