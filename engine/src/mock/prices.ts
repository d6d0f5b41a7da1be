// Calculated prices for the pricing module's `calculatePrices({ id }, { context })`: one priced set
// per requested id, in the context's currency, with a stable amount per id. Pure.
import { amountOf, calculatedPrice } from './priceShape';
import { filterValues, isObject } from './shapes';

export function pricesFor(filters: unknown, config: unknown): unknown[] {
  const ids = filterValues(filters).get('id') ?? [];
  const context = isObject(config) && isObject(config.context) ? config.context : {};
  const currency = typeof context.currency_code === 'string' ? context.currency_code : 'usd';
  return ids.map((raw) => calculatedPrice(String(raw), currency));
}

/** The fulfillment module's `calculateShippingOptionsPrices([{ id, ... }])`: one price per option. */
export function shippingPricesFor(options: unknown): unknown[] {
  if (!Array.isArray(options)) return [];
  return options.map((option) => {
    const id = isObject(option) && typeof option.id === 'string' ? option.id : 'shipping_option';
    return { calculated_amount: amountOf(id), is_calculated_price_tax_inclusive: false };
  });
}
