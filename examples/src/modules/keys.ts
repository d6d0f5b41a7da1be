// Container keys of the modules the example workflows resolve. In a Medusa app these are the
// module names (`Modules.ORDER`, a custom module's `BRAND_MODULE`, ...).
export const BRAND_MODULE = 'brand';
export const FILE_MODULE = 'file';
export const INVENTORY_MODULE = 'inventory';
export const ORDER_MODULE = 'order';
export const PAYMENT_MODULE = 'payment';
export const NOTIFICATION_MODULE = 'notification';
export const WAREHOUSE_MODULE = 'warehouse';
export const LOYALTY_MODULE = 'loyalty';
export const PRODUCT_MODULE = 'product';
