import { idGenerator } from './idGenerator';

export interface OrderItem {
  sku: string;
  quantity: number;
  unit_price: number;
}

export interface Order {
  id: string;
  display_id: number;
  email: string;
  currency_code: string;
  items: OrderItem[];
  subtotal: number;
  shipping_total: number;
  total: number;
  status: 'pending' | 'canceled';
}

export type CreateOrderData = Omit<Order, 'id' | 'display_id' | 'status'>;

export class OrderModuleService {
  private readonly orders = new Map<string, Order>();
  private readonly newId = idGenerator('order');
  private displayId = 1000;

  createOrders(data: CreateOrderData): Order {
    const order: Order = {
      ...data,
      id: this.newId(),
      display_id: ++this.displayId,
      status: 'pending',
    };
    this.orders.set(order.id, order);
    return structuredClone(order);
  }

  cancelOrder(id: string): Order {
    const order = this.orders.get(id);
    if (!order) throw new Error(`Order with id "${id}" not found`);
    order.status = 'canceled';
    return structuredClone(order);
  }
}
