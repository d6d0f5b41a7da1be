// Calculated prices for the pricing module's `calculatePrices({ id }, { context })`: one priced set
// per requested id, in the context's currency, with a stable amount per id. Pure.
import { filterValues, isObject } from './shapes';
import { hash } from './snapshot';

/** The same price set id always gets the same amount, between 10.00 and 99.99. */
function amountOf(id: string): number {
  return 1000 + (parseInt(hash(id), 36) % 9000);
}

export function pricesFor(filters: unknown, config: unknown): unknown[] {
  const ids = filterValues(filters).get('id') ?? [];
  const context = isObject(config) && isObject(config.context) ? config.context : {};
  const currency = typeof context.currency_code === 'string' ? context.currency_code : 'usd';
  return ids.map((raw) => {
    const id = String(raw);
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
  });
}

/** The fulfillment module's `calculateShippingOptionsPrices([{ id, ... }])`: one price per option. */
export function shippingPricesFor(options: unknown): unknown[] {
  if (!Array.isArray(options)) return [];
  return options.map((option) => {
    const id = isObject(option) && typeof option.id === 'string' ? option.id : 'shipping_option';
    return { calculated_amount: amountOf(id), is_calculated_price_tax_inclusive: false };
  });
}
