import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import type { InventoryModuleService } from '../../modules/inventory';
import { INVENTORY_MODULE } from '../../modules/keys';

export type ReserveInventoryStepInput = {
  order_id: string;
  items: { sku: string; quantity: number }[];
};

export const reserveInventoryStep = createStep(
  'reserve-inventory',
  async (input: ReserveInventoryStepInput, { container }) => {
    const inventory = container.resolve<InventoryModuleService>(INVENTORY_MODULE);
    const reservations = inventory.createReservationItems(
      input.items.map((item) => ({
        sku: item.sku,
        quantity: item.quantity,
        order_id: input.order_id,
      })),
    );
    return new StepResponse(
      reservations,
      reservations.map((r) => r.id),
    );
  },
  async (reservationIds, { container }) => {
    if (!reservationIds?.length) return;
    container
      .resolve<InventoryModuleService>(INVENTORY_MODULE)
      .deleteReservationItems(reservationIds);
  },
);
