// Consumes the `orderCreated` hook of create-order: award loyalty points for the order, and take
// them back if the order is rolled back after the hook ran.
import { StepResponse } from '@medusajs/framework/workflows-sdk';
import type { LoyaltyModuleService } from '../../modules/loyalty';
import { LOYALTY_MODULE } from '../../modules/keys';
import { createOrderWorkflow } from '../create-order';

const POINTS_PER_EURO = 1;

createOrderWorkflow.hooks.orderCreated(
  async ({ order }, { container }) => {
    const points = Math.floor(order.total / 100) * POINTS_PER_EURO;
    const balance = container
      .resolve<LoyaltyModuleService>(LOYALTY_MODULE)
      .addPoints(order.email, points);
    return new StepResponse({ points, balance }, { email: order.email, points });
  },
  async (awarded, { container }) => {
    if (!awarded) return;
    container
      .resolve<LoyaltyModuleService>(LOYALTY_MODULE)
      .removePoints(awarded.email, awarded.points);
  },
);
