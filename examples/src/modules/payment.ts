import { idGenerator } from './idGenerator';

export interface Payment {
  id: string;
  order_id: string;
  amount: number;
  currency_code: string;
  captured_amount: number;
  refunded_amount: number;
}

/** Payment methods that the fake provider declines, like a test card would. */
const DECLINED = new Set(['pm_card_declined', 'pm_card_insufficient_funds']);

export class PaymentModuleService {
  private readonly payments = new Map<string, Payment>();
  private readonly newId = idGenerator('pay');

  capturePayment(data: {
    order_id: string;
    amount: number;
    currency_code: string;
    payment_method: string;
  }): Payment {
    if (DECLINED.has(data.payment_method)) {
      throw new Error(`Payment declined by the provider (${data.payment_method})`);
    }
    const payment: Payment = {
      id: this.newId(),
      order_id: data.order_id,
      amount: data.amount,
      currency_code: data.currency_code,
      captured_amount: data.amount,
      refunded_amount: 0,
    };
    this.payments.set(payment.id, payment);
    return { ...payment };
  }

  refundPayment(data: { payment_id: string; amount: number }): Payment {
    const payment = this.payments.get(data.payment_id);
    if (!payment) throw new Error(`Payment with id "${data.payment_id}" not found`);
    payment.refunded_amount += data.amount;
    return { ...payment };
  }
}
