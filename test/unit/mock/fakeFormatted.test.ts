// The auto-mocked container answers as Medusa's services shape their results, not only as the data
// models say: the order module's formatOrder (an order's items are line items, its shipping
// methods the methods), a `calculated_price` asked of a record, and the remote joiner's id variable.
import * as assert from 'node:assert/strict';
import { model } from '@medusajs/utils';
import {
  addDmlEntities,
  createAutoMockContainer,
  emptyCatalog,
  type ModelCatalog,
} from '../../../engine/src/mock';
import { graph, type Row } from './mockQuery';

/** The order module's models, as far as formatOrder reads them. */
function orderCatalog(): ModelCatalog {
  const LineItem = model.define('OrderLineItem', {
    id: model.id().primaryKey(),
    title: model.text(),
    variant_id: model.text().nullable(),
    unit_price: model.bigNumber().nullable(),
  });
  const ShippingMethod = model.define('OrderShippingMethod', {
    id: model.id().primaryKey(),
    name: model.text(),
    shipping_option_id: model.text().nullable(),
  });
  const OrderItem = model.define('OrderItem', {
    id: model.id().primaryKey(),
    quantity: model.bigNumber(),
    fulfilled_quantity: model.bigNumber().default(0),
    item: model.belongsTo(() => LineItem),
  });
  const OrderShipping = model.define('OrderShipping', {
    id: model.id().primaryKey(),
    version: model.number().default(1),
    shipping_method: model.hasOne(() => ShippingMethod, { foreignKey: true }),
  });
  const Order = model.define('Order', {
    id: model.id().primaryKey(),
    items: model.hasMany(() => OrderItem),
    shipping_methods: model.hasMany(() => OrderShipping),
  });
  const out = emptyCatalog();
  addDmlEntities(out, [LineItem, ShippingMethod, OrderItem, OrderShipping, Order]);
  return out;
}

describe("auto-mocked container: an order's items and shipping methods as formatOrder gives them", () => {
  it('items are line items with the quantity; shipping methods name their option', async () => {
    const c = createAutoMockContainer({ models: orderCatalog(), run: { workflow: 'reorder' } });
    const [order] = await graph(c, {
      entity: 'order',
      fields: ['id', 'items.*', 'items.detail.*', 'shipping_methods.*'],
      filters: { id: 'order_1' },
    });
    const item = (order?.items as Row[])[0]!;
    assert.equal(typeof item.variant_id, 'string');
    assert.equal(typeof item.title, 'string');
    assert.equal(item.quantity, 1);
    assert.equal((item.detail as Row).fulfilled_quantity, 0);
    const method = (order?.shipping_methods as Row[])[0]!;
    assert.equal(typeof method.shipping_option_id, 'string');
    assert.equal(typeof method.name, 'string');
  });
});

describe('auto-mocked container: prices and ids the way query answers them', () => {
  it('a `calculated_price` asked of a record has an amount', async () => {
    const c = createAutoMockContainer({ run: { workflow: 'w' } });
    const [option] = await graph(c, {
      entity: 'shipping_option',
      fields: ['id', 'calculated_price.*'],
      filters: { id: 'so_1' },
    });
    const price = option?.calculated_price as Row;
    assert.equal(typeof price.calculated_amount, 'number');
    assert.equal(price.currency_code, 'usd');
  });

  it('an `id` variable beside the filters wins, and no ids find no records', async () => {
    const c = createAutoMockContainer({ run: { workflow: 'w' } });
    const remote = c.resolve<(q: object) => Promise<Row[]>>('remoteQuery');
    const query = (id: string[]) => ({
      entryPoint: 'shipping_options',
      fields: ['id'],
      variables: { filters: { id: ['so_1'] }, id },
    });
    assert.deepEqual(await remote(query([])), []);
    assert.deepEqual(
      (await remote(query(['so_2']))).map((r) => r.id),
      ['so_2'],
    );
    const none = await graph(c, { entity: 'cart', fields: ['id'], filters: { id: [] } });
    assert.deepEqual(none, []);
  });
});
