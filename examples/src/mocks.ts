// In-memory stand-ins for the modules the example workflows resolve, for
// `medusa-workflows run <file> --mocks src/mocks.ts`. Called once per run with the container, so
// every run starts from the same seeded state.
import { BrandModuleService } from './modules/brand';
import { FileModuleService } from './modules/file';
import { InventoryModuleService } from './modules/inventory';
import {
  BRAND_MODULE,
  FILE_MODULE,
  INVENTORY_MODULE,
  LOYALTY_MODULE,
  NOTIFICATION_MODULE,
  ORDER_MODULE,
  PAYMENT_MODULE,
  PRODUCT_MODULE,
  WAREHOUSE_MODULE,
} from './modules/keys';
import { LoyaltyModuleService } from './modules/loyalty';
import { NotificationModuleService } from './modules/notification';
import { OrderModuleService } from './modules/order';
import { PaymentModuleService } from './modules/payment';
import { ProductModuleService } from './modules/product';
import { WarehouseModuleService } from './modules/warehouse';

interface Registry {
  register(key: string, value: unknown): unknown;
}

export default function registerMocks(container: Registry): void {
  container.register(BRAND_MODULE, new BrandModuleService());
  container.register(FILE_MODULE, new FileModuleService());
  container.register(
    INVENTORY_MODULE,
    new InventoryModuleService({ 'tshirt-black-m': 10, 'hoodie-grey-l': 2, 'cap-navy': 0 }),
  );
  container.register(ORDER_MODULE, new OrderModuleService());
  container.register(PAYMENT_MODULE, new PaymentModuleService());
  container.register(NOTIFICATION_MODULE, new NotificationModuleService());
  container.register(
    WAREHOUSE_MODULE,
    new WarehouseModuleService([
      { id: 'wh_berlin', skus: ['tshirt-black-m', 'cap-navy'] },
      { id: 'wh_rotterdam', skus: ['tshirt-black-m', 'hoodie-grey-l', 'cap-navy'] },
    ]),
  );
  container.register(LOYALTY_MODULE, new LoyaltyModuleService());
  container.register(PRODUCT_MODULE, new ProductModuleService());
}
