import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import { ORDER_MODULE } from '../../modules/keys';
import type { CreateOrderData, OrderModuleService } from '../../modules/order';

export const createOrderStep = createStep(
  'create-order',
  async (input: CreateOrderData, { container }) => {
    const order = container.resolve<OrderModuleService>(ORDER_MODULE).createOrders(input);
    return new StepResponse(order, order.id);
  },
  async (orderId, { container }) => {
    if (!orderId) return;
    container.resolve<OrderModuleService>(ORDER_MODULE).cancelOrder(orderId);
  },
);
