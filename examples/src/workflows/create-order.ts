import {
  createHook,
  createWorkflow,
  parallelize,
  transform,
  when,
  WorkflowResponse,
} from '@medusajs/framework/workflows-sdk';
import { allocateToWarehouseStep } from './steps/allocate-to-warehouse';
import { capturePaymentStep } from './steps/capture-payment';
import { createOrderStep } from './steps/create-order';
import { reserveInventoryStep } from './steps/reserve-inventory';
import { sendOrderConfirmationStep } from './steps/send-order-confirmation';
import { validateInventoryStep } from './steps/validate-inventory';

export type CreateOrderInput = {
  email: string;
  currency_code: string;
  payment_method: string;
  items: { sku: string; quantity: number; unit_price: number }[];
  /** Defaults to true: send the order confirmation e-mail. */
  notify_customer?: boolean;
};

const FREE_SHIPPING_FROM = 10000;
const SHIPPING_PRICE = 495;

export const createOrderWorkflow = createWorkflow('create-order', (input: CreateOrderInput) => {
  validateInventoryStep({ items: input.items });

  const orderData = transform({ input }, ({ input }) => {
    const subtotal = input.items.reduce((sum, item) => sum + item.quantity * item.unit_price, 0);
    const shipping_total = subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_PRICE;
    return {
      email: input.email,
      currency_code: input.currency_code,
      items: input.items,
      subtotal,
      shipping_total,
      total: subtotal + shipping_total,
    };
  });
  const order = createOrderStep(orderData);

  const [, payment] = parallelize(
    reserveInventoryStep({ order_id: order.id, items: input.items }),
    capturePaymentStep({
      order_id: order.id,
      amount: order.total,
      currency_code: order.currency_code,
      payment_method: input.payment_method,
    }),
  );

  const orderCreated = createHook('orderCreated', { order });

  when({ input }, ({ input }) => input.notify_customer !== false).then(() => {
    sendOrderConfirmationStep({
      to: input.email,
      order_id: order.id,
      display_id: order.display_id,
      total: order.total,
    });
  });

  const allocation = allocateToWarehouseStep({ order_id: order.id, items: input.items });

  return new WorkflowResponse({ order, payment, allocation }, { hooks: [orderCreated] });
});
