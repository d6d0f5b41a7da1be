import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import { PAYMENT_MODULE } from '../../modules/keys';
import type { PaymentModuleService } from '../../modules/payment';

export type CapturePaymentStepInput = {
  order_id: string;
  amount: number;
  currency_code: string;
  payment_method: string;
};

export const capturePaymentStep = createStep(
  'capture-payment',
  async (input: CapturePaymentStepInput, { container }) => {
    const payment = container.resolve<PaymentModuleService>(PAYMENT_MODULE).capturePayment(input);
    return new StepResponse(payment, { payment_id: payment.id, amount: payment.captured_amount });
  },
  async (capture, { container }) => {
    if (!capture) return;
    container.resolve<PaymentModuleService>(PAYMENT_MODULE).refundPayment(capture);
  },
);
