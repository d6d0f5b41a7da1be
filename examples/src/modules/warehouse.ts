import { idGenerator } from './idGenerator';

export interface Allocation {
  id: string;
  order_id: string;
  warehouse_id: string;
  items: { sku: string; quantity: number }[];
}

export class WarehouseModuleService {
  private readonly allocations = new Map<string, Allocation>();
  private readonly newId = idGenerator('alloc');

  constructor(private readonly warehouses: { id: string; skus: string[] }[]) {}

  allocateOrder(data: {
    order_id: string;
    items: { sku: string; quantity: number }[];
  }): Allocation {
    const warehouse = this.warehouses.find((w) => data.items.every((i) => w.skus.includes(i.sku)));
    if (!warehouse) throw new Error(`No warehouse can ship every item of order ${data.order_id}`);
    const allocation: Allocation = {
      id: this.newId(),
      order_id: data.order_id,
      warehouse_id: warehouse.id,
      items: data.items.map(({ sku, quantity }) => ({ sku, quantity })),
    };
    this.allocations.set(allocation.id, allocation);
    return structuredClone(allocation);
  }

  releaseAllocation(id: string): void {
    this.allocations.delete(id);
  }
}
