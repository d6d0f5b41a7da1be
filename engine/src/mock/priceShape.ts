// The pricing module's calculated price for one priced record (a price set, or a record a price
// set is linked to: a variant, a shipping option), with a stable amount per id. Pure; used by
// prices.ts (calculatePrices answers) and shapes.ts (a `calculated_price` a query asks for).
import { hash } from './snapshot';

/** The same id always gets the same amount, between 10.00 and 99.99. */
export function amountOf(id: string): number {
  return 1000 + (parseInt(hash(id), 36) % 9000);
}

export function calculatedPrice(id: string, currency: string): Record<string, unknown> {
  const amount = amountOf(id);
  const raw_amount = { value: String(amount), precision: 20 };
  const price = {
    id: `price_${hash(`${id}|price`)}`,
    price_list_id: null,
    price_list_type: null,
    min_quantity: null,
    max_quantity: null,
  };
  return {
    id,
    is_calculated_price_price_list: false,
    is_calculated_price_tax_inclusive: false,
    calculated_amount: amount,
    raw_calculated_amount: raw_amount,
    is_original_price_price_list: false,
    is_original_price_tax_inclusive: false,
    original_amount: amount,
    raw_original_amount: raw_amount,
    currency_code: currency,
    calculated_price: price,
    original_price: price,
  };
}
