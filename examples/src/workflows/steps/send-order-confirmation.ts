import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import { NOTIFICATION_MODULE } from '../../modules/keys';
import type { NotificationModuleService } from '../../modules/notification';

export type SendOrderConfirmationStepInput = {
  to: string;
  order_id: string;
  display_id: number;
  total: number;
};

/** An e-mail cannot be unsent, so this step has no compensation. */
export const sendOrderConfirmationStep = createStep(
  'send-order-confirmation',
  async (input: SendOrderConfirmationStepInput, { container }) => {
    const notification = container
      .resolve<NotificationModuleService>(NOTIFICATION_MODULE)
      .createNotifications({
        to: input.to,
        channel: 'email',
        template: 'order-placed',
        data: { order_id: input.order_id, display_id: input.display_id, total: input.total },
      });
    return new StepResponse({ notification_id: notification.id });
  },
);
