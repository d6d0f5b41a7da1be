import { idGenerator } from './idGenerator';

export interface InventoryLevel {
  sku: string;
  stocked: number;
  reserved: number;
}

export interface Reservation {
  id: string;
  sku: string;
  quantity: number;
  order_id: string;
}

export class InventoryModuleService {
  private readonly levels = new Map<string, InventoryLevel>();
  private readonly reservations = new Map<string, Reservation>();
  private readonly newId = idGenerator('resitem');

  constructor(stock: Record<string, number>) {
    for (const [sku, stocked] of Object.entries(stock)) {
      this.levels.set(sku, { sku, stocked, reserved: 0 });
    }
  }

  retrieveAvailableQuantity(sku: string): number {
    const level = this.levels.get(sku);
    if (!level) throw new Error(`Inventory item with sku "${sku}" not found`);
    return level.stocked - level.reserved;
  }

  createReservationItems(
    items: { sku: string; quantity: number; order_id: string }[],
  ): Reservation[] {
    return items.map((item) => {
      if (this.retrieveAvailableQuantity(item.sku) < item.quantity) {
        throw new Error(`Not enough stock to reserve ${item.quantity} of "${item.sku}"`);
      }
      this.levels.get(item.sku)!.reserved += item.quantity;
      const reservation = { id: this.newId(), ...item };
      this.reservations.set(reservation.id, reservation);
      return { ...reservation };
    });
  }

  deleteReservationItems(ids: string[]): void {
    for (const id of ids) {
      const reservation = this.reservations.get(id);
      if (!reservation) continue;
      this.levels.get(reservation.sku)!.reserved -= reservation.quantity;
      this.reservations.delete(id);
    }
  }
}
