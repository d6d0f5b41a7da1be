// Rules that make the auto-mocked container's made-up records pass the code's own checks: each
// case below is a check core-flows makes that failed on our fakes before its rule existed.
import * as assert from 'node:assert/strict';
import { model } from '@medusajs/utils';
import {
  addDmlEntities,
  createAutoMockContainer,
  emptyCatalog,
  type ModelCatalog,
} from '../../../engine/src/mock';
import { graph, type Row, type Service } from './mockQuery';

function paymentCatalog(): ModelCatalog {
  const Session = model.define('PaymentSession', {
    id: model.id().primaryKey(),
    status: model.enum(['authorized', 'pending', 'canceled']).default('pending'),
  });
  const Level = model.define('InventoryLevel', {
    id: model.id().primaryKey(),
    stocked_quantity: model.bigNumber(),
  });
  const Product = model.define('Product', {
    id: model.id().primaryKey(),
    status: model.enum(['draft', 'proposed', 'published', 'rejected']).default('draft'),
  });
  const catalog = emptyCatalog();
  addDmlEntities(catalog, [Session, Level, Product]);
  return catalog;
}

/** A small order module: enough of Medusa's order models for the rules below. */
function orderCatalog(): ModelCatalog {
  const LineItem = model.define('OrderLineItem', { id: model.id().primaryKey() });
  const ReturnItem = model.define('ReturnItem', {
    id: model.id().primaryKey(),
    quantity: model.bigNumber(),
    received_quantity: model.bigNumber().default(0),
    item: model.belongsTo(() => LineItem, { mappedBy: 'return_items' }),
  });
  const Return = model.define('Return', {
    id: model.id().primaryKey(),
    items: model.hasMany(() => ReturnItem),
  });
  const OrderChange = model.define('OrderChange', {
    id: model.id().primaryKey(),
    status: model.enum(['confirmed', 'declined', 'requested', 'pending', 'canceled']),
  });
  const Order = model.define('Order', {
    id: model.id().primaryKey(),
    status: model
      .enum(['pending', 'completed', 'draft', 'archived', 'canceled'])
      .default('pending'),
    is_draft_order: model.boolean().default(false),
    items: model.hasMany(() => LineItem),
  });
  const catalog = emptyCatalog();
  addDmlEntities(catalog, [LineItem, ReturnItem, Return, OrderChange, Order]);
  return catalog;
}

describe('auto-mocked container: made-up records pass the checks of the code that reads them', () => {
  it('finds a record in the state a query asks for (an active order change of the order)', async () => {
    const c = createAutoMockContainer({ models: orderCatalog() });
    const filters = { order_id: 'order_1', status: ['pending', 'requested'] };
    const [change] = await graph(c, { entity: 'order_change', fields: ['id', 'status'], filters });
    assert.equal(change?.order_id, 'order_1');
    assert.equal(change?.status, 'pending');
    // Without a state in the filters, a foreign key of a record nobody made still finds nothing.
    const stores = await graph(c, {
      entity: 'store',
      fields: ['id'],
      filters: { default_sales_channel_id: 'sc_1' },
    });
    assert.deepEqual(stores, []);
  });

  it("gives a made-up record the state its workflow's id names (a draft order)", async () => {
    const run = { workflow: 'convert-draft-order', input: { id: 'order_1' } };
    const c = createAutoMockContainer({ models: orderCatalog(), run });
    const fields = ['id', 'status', 'is_draft_order'];
    const [order] = await graph(c, { entity: 'order', fields, filters: { id: 'order_1' } });
    assert.equal(order?.status, 'draft');
    assert.equal(order?.is_draft_order, true);
    const other = createAutoMockContainer({
      models: orderCatalog(),
      run: { workflow: 'cancel-order' },
    });
    const [plain] = await graph(other, { entity: 'order', fields, filters: { id: 'order_1' } });
    assert.equal(plain?.status, 'pending', 'the model default when the name says nothing');
    assert.equal(plain?.is_draft_order, false);
  });

  it('takes the state from the name after the container was made (useRun)', async () => {
    const c = createAutoMockContainer({ models: orderCatalog() });
    c.useRun({ workflow: 'delete-draft-order', input: {} });
    const fields = ['status'];
    const [order] = await graph(c, { entity: 'order', fields, filters: { id: 'order_1' } });
    assert.equal(order?.status, 'draft');
  });

  it('fills related rows and foreign keys with the ids the input names', async () => {
    const input = { order_id: 'order_1', return_id: 'ret_1', items: [{ id: 'item_1' }] };
    const c = createAutoMockContainer({ models: orderCatalog(), run: { workflow: 'w', input } });
    const [order] = await graph(c, {
      entity: 'order',
      fields: ['id', 'items.id'],
      filters: { id: 'order_1' },
    });
    assert.deepEqual(order?.items, [{ id: 'item_1' }]);
    const [ret] = await graph(c, {
      entity: 'return',
      fields: ['id', 'order_id', 'items.*'],
      filters: { id: 'ret_1' },
    });
    assert.equal(ret?.order_id, 'order_1');
    assert.equal((ret?.items as Row[])[0]?.item_id, 'item_1', 'the key of a belongsTo relation');
  });

  it('fills `relation.*` with every field of the model, quantities that already happened at 0', async () => {
    const c = createAutoMockContainer({ models: orderCatalog() });
    const [ret] = await graph(c, { entity: 'return', fields: ['items.*'], filters: { id: 'r' } });
    const item = (ret?.items as Row[])[0]!;
    assert.equal(item.quantity, 1);
    assert.equal(item.received_quantity, 0);
    const [level] = await graph(c, {
      entity: 'inventory',
      fields: ['id', 'reserved_quantity', 'stocked_quantity'],
      filters: { id: 'iitem_1' },
    });
    assert.equal(level?.reserved_quantity, 0);
    assert.equal(level?.stocked_quantity, 1);
  });

  it('gives `raw_` fields the BigNumber form of their number', async () => {
    const c = createAutoMockContainer({ models: orderCatalog() });
    const [item] = await graph(c, {
      entity: 'return_item',
      fields: ['quantity', 'raw_quantity'],
      filters: { id: 'ri_1' },
    });
    assert.deepEqual(item?.raw_quantity, { value: '1', precision: 20 });
  });

  it('leaves the records an action names in the state its verb says (authorize -> authorized)', async () => {
    const c = createAutoMockContainer({ models: paymentCatalog() });
    const payment = c.resolve<Service>('payment');
    const done = (await payment.authorizePaymentSession!('ps_1', {})) as Row;
    assert.equal(done.id, 'ps_1');
    const session = (await payment.retrievePaymentSession!('ps_1')) as Row;
    assert.equal(session.status, 'authorized');
  });

  it('answers an action given a list with a list of whole records', async () => {
    const c = createAutoMockContainer({ models: paymentCatalog() });
    const inventory = c.resolve<Service>('inventory');
    const levels = (await inventory.adjustInventory!([
      { inventoryItemId: 'i_1', locationId: 'l_1', adjustment: 1 },
      { inventoryItemId: 'i_2', locationId: 'l_1', adjustment: 2 },
    ])) as Row[];
    assert.equal(levels.length, 2);
    assert.equal(levels[1]!.inventoryItemId, 'i_2');
  });

  it("answers the order module's preview with the order, its items and its change", async () => {
    const c = createAutoMockContainer({ models: orderCatalog() });
    const preview = (await c.resolve<Service>('order').previewOrderChange!('order_1')) as Row;
    assert.equal(preview.id, 'order_1');
    assert.ok(Array.isArray(preview.items));
    assert.equal(typeof (preview.order_change as Row).id, 'string');
  });

  it('makes up existing records in their live state (a published product), created ones not', async () => {
    const c = createAutoMockContainer({ models: paymentCatalog() });
    const fields = ['id', 'status'];
    const [found] = await graph(c, { entity: 'product', fields, filters: { id: 'prod_1' } });
    assert.equal(found?.status, 'published');
    const product = c.resolve<Service>('product');
    const [made] = (await product.createProducts!([{ title: 'New' }])) as Row[];
    assert.equal(made?.status, 'draft', 'a created record gets the model default');
  });

  it('reads the same records under a plural query name (`orders`) as under the model name', async () => {
    const run = { workflow: 'delete-draft-order', input: { order_ids: ['order_1'] } };
    const c = createAutoMockContainer({ models: orderCatalog(), run });
    const fields = ['id', 'status', 'is_draft_order'];
    const [order] = await graph(c, { entity: 'orders', fields, filters: { id: ['order_1'] } });
    assert.equal(order?.status, 'draft');
    assert.equal(order?.is_draft_order, true);
    const [made] = (await c.resolve<Service>('order').createOrders!([{ email: 'a@b.c' }])) as Row[];
    const id = made!.id as string;
    const [found] = await graph(c, { entity: 'orders', fields: ['email'], filters: { id } });
    assert.equal(found?.email, 'a@b.c');
  });
});
