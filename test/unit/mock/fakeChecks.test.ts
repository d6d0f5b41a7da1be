// The auto-mocked container and the field checks of the user's own steps (read statically by the
// CLI or debug runner and handed in as `run.checks`): made-up records pass them, records the run
// stored keep their values, and lookups of records nobody made still find nothing.
import * as assert from 'node:assert/strict';
import { model } from '@medusajs/utils';
import {
  addDmlEntities,
  createAutoMockContainer,
  emptyCatalog,
  type FieldCheck,
  type ModelCatalog,
} from '../../../engine/src/mock';
import { graph, type Row, type Service } from './mockQuery';

function catalog(): ModelCatalog {
  const Customer = model.define('Customer', {
    id: model.id().primaryKey(),
    has_account: model.boolean().default(false),
  });
  const Cart = model.define('Cart', {
    id: model.id().primaryKey(),
    completed_at: model.dateTime().nullable(),
    customer: model.belongsTo(() => Customer),
  });
  const Quote = model.define('quote', {
    id: model.id().primaryKey(),
    status: model
      .enum(['pending_merchant', 'pending_customer', 'accepted'])
      .default('pending_merchant'),
    customer_id: model.text(),
  });
  const out = emptyCatalog();
  addDmlEntities(out, [Customer, Cart, Quote]);
  return out;
}

const CHECKS: FieldCheck[] = [
  { step: 'v', record: 'customer', field: 'has_account', wants: { truthy: true } },
  {
    step: 'v',
    record: 'quote',
    field: 'status',
    wants: { equals: { member: 'PENDING_CUSTOMER' } },
  },
  { step: 'v', record: 'carts', field: 'completed_at', wants: { truthy: false } },
];

describe("auto-mocked container: made-up records pass the user's own step checks", () => {
  it('a boolean a step requires (`if (!customer.has_account) throw`) is true', async () => {
    const fields = ['id', 'customer.*'];
    const plain = createAutoMockContainer({ models: catalog(), run: { workflow: 'w' } });
    const [before] = await graph(plain, { entity: 'cart', fields, filters: { id: 'cart_1' } });
    assert.equal((before?.customer as Row).has_account, false, 'the model default without checks');
    const c = createAutoMockContainer({
      models: catalog(),
      run: { workflow: 'w', checks: CHECKS },
    });
    const [cart] = await graph(c, { entity: 'cart', fields, filters: { id: 'cart_1' } });
    assert.equal((cart?.customer as Row).has_account, true);
  });

  it('an enum member a step compares with (`QuoteStatus.PENDING_CUSTOMER`) is the model choice', async () => {
    const c = createAutoMockContainer({ models: catalog(), run: { checks: () => CHECKS } });
    const [quote] = await graph(c, { entity: 'quote', fields: ['status'], filters: { id: 'q_1' } });
    assert.equal(quote?.status, 'pending_customer');
    const plain = createAutoMockContainer({ models: catalog() });
    const [other] = await graph(plain, {
      entity: 'quote',
      fields: ['status'],
      filters: { id: 'q' },
    });
    assert.equal(other?.status, 'pending_merchant');
  });

  it('keeps what the run stored, and lookups of records nobody made still find nothing', async () => {
    const c = createAutoMockContainer({ models: catalog(), run: { checks: CHECKS } });
    const customers = c.resolve<Service>('customer');
    await customers.createCustomers!({ id: 'cus_1', has_account: false });
    const [stored] = await graph(c, {
      entity: 'customer',
      fields: ['has_account'],
      filters: { id: 'cus_1' },
    });
    assert.equal(stored?.has_account, false, 'a record the run made keeps its own value');
    const none = await graph(c, {
      entity: 'quote',
      fields: ['status'],
      filters: { customer_id: 'cus_nobody' },
    });
    assert.deepEqual(none, []);
  });

  it('reads the checks once, only when a made-up value needs them; a failing read is none', async () => {
    let reads = 0;
    const c = createAutoMockContainer({
      models: catalog(),
      run: {
        checks: () => {
          reads++;
          throw new Error('analysis failed');
        },
      },
    });
    assert.equal(reads, 0);
    const [cart] = await graph(c, { entity: 'cart', fields: ['customer.*'], filters: { id: 'c' } });
    await graph(c, { entity: 'cart', fields: ['customer.*'], filters: { id: 'd' } });
    assert.equal(reads, 1);
    assert.equal((cart?.customer as Row).has_account, false);
  });
});

describe('auto-mocked container: a to-one relation a step requires absent', () => {
  const order: FieldCheck = { step: 'v', record: 'cart', field: 'order', wants: { truthy: false } };

  it('is null (`if (!!cart.order) throw`), also when read again; other relations are made up', async () => {
    const c = createAutoMockContainer({ run: { checks: [order] } });
    const fields = ['id', 'order.id', 'customer.id'];
    const [cart] = await graph(c, { entity: 'cart', fields, filters: { id: 'cart_1' } });
    assert.equal(cart?.order, null);
    assert.equal(typeof (cart?.customer as Row).id, 'string');
    const [again] = await graph(c, { entity: 'cart', fields, filters: { id: 'cart_1' } });
    assert.equal(again?.order, null);
    const plain = createAutoMockContainer({});
    const [other] = await graph(plain, { entity: 'cart', fields, filters: { id: 'cart_1' } });
    assert.equal(typeof (other?.order as Row).id, 'string', 'made up without the check');
  });

  it('a relation a step requires present stays made up', async () => {
    const c = createAutoMockContainer({
      run: { checks: [{ ...order, wants: { truthy: true } }] },
    });
    const [cart] = await graph(c, { entity: 'cart', fields: ['order.id'], filters: { id: 'c' } });
    assert.equal(typeof (cart?.order as Row).id, 'string');
  });
});

describe('auto-mocked container: a checked field no data model defines', () => {
  it('is part of `relation.*` and passes the check', async () => {
    const c = createAutoMockContainer({ run: { checks: CHECKS } });
    const [cart] = await graph(c, { entity: 'cart', fields: ['customer.*'], filters: { id: 'c' } });
    assert.equal((cart?.customer as Row).has_account, true);
    const plain = createAutoMockContainer({});
    const [other] = await graph(plain, {
      entity: 'cart',
      fields: ['customer.*'],
      filters: { id: 'c' },
    });
    assert.equal((other?.customer as Row).has_account, undefined);
  });
});

describe("auto-mocked container: a custom method's answer the user's steps check", () => {
  const points: FieldCheck = {
    step: 'v',
    record: 'getPoints()',
    method: 'getPoints',
    field: '',
    wants: { above: 0 },
  };
  const rows: FieldCheck = {
    step: 'v',
    record: 'findTiers()',
    method: 'findTiers',
    field: 'length',
    wants: { above: 0 },
  };

  it('is a number above the bound (`if (points <= 0) throw`), a list with a row', async () => {
    const c = createAutoMockContainer({ run: { checks: [points, rows] } });
    const loyalty = c.resolve<Service>('loyalty');
    assert.equal(await loyalty.getPoints!('cus_1'), 1);
    assert.equal(((await loyalty.findTiers!()) as unknown[]).length, 1);
    const plain = createAutoMockContainer({});
    assert.deepEqual(await plain.resolve<Service>('loyalty').getPoints!('cus_1'), []);
  });

  it('leaves lists and retrieves to the records: a lookup nobody made still finds nothing', async () => {
    const listed: FieldCheck = { ...rows, record: 'listPoints()', method: 'listPoints' };
    const c = createAutoMockContainer({ run: { checks: [listed] } });
    const found = await c.resolve<Service>('loyalty').listPoints!({ customer_id: 'cus_nobody' });
    assert.deepEqual(found, []);
  });
});

describe('auto-mocked container: a module retrieve without `select`', () => {
  it("has every field of the record's own, as a module service loads them", async () => {
    const c = createAutoMockContainer({ models: catalog() });
    const quote = (await c.resolve<Service>('quote').retrieveQuote!('q_1')) as Row;
    assert.equal(quote.status, 'pending_merchant');
    assert.equal(typeof quote.customer_id, 'string');
    const picked = (await c.resolve<Service>('quote').retrieveQuote!('q_2', {
      select: ['id'],
    })) as Row;
    assert.deepEqual(Object.keys(picked), ['id']);
  });
});

describe('auto-mocked container: a check that holds only for some inputs of the step', () => {
  const guarded = (equals: string, when: string): FieldCheck => ({
    step: 'update',
    record: 'existingRental',
    field: 'status',
    wants: { equals },
    when: [{ input: 'status', equals: when }],
  });
  const checks = [guarded('pending', 'active'), guarded('active', 'returned')];

  async function rentalStatus(input: object): Promise<unknown> {
    const c = createAutoMockContainer({ run: { workflow: 'update-rental', input, checks } });
    const rental = (await c.resolve<Service>('rental').retrieveRental!('rental_1')) as Row;
    return rental.status;
  }

  it('applies the check whose guard the run input meets (`existingRental` names rental)', async () => {
    assert.equal(await rentalStatus({ status: 'active' }), 'pending');
    assert.equal(await rentalStatus({ status: 'returned' }), 'active');
  });

  it('applies none when the input does not name the guarded field', async () => {
    const none = await rentalStatus({});
    assert.ok(none !== 'pending' && none !== 'active', String(none));
  });
});

describe('auto-mocked container: a key a helper finds a related row by', () => {
  // `cart.promotions.find((p) => p.id === cart.metadata.promo_id)`, behind `if
  // (!cart.metadata.promo_id) return`: read by the analyzer from a helper the step calls.
  const checks: FieldCheck[] = [
    { step: 's', record: 'cart', field: 'metadata.promo_id', wants: { truthy: true } },
    { step: 's', record: 'cart', field: 'metadata.promo_id', wants: { idOf: 'promotions' } },
  ];
  const fields = ['id', 'promotions.*', 'metadata'];

  it("names one of the record's rows of that relation, in its JSON metadata", async () => {
    const c = createAutoMockContainer({ run: { workflow: 'w', checks } });
    const [cart] = await graph(c, { entity: 'cart', fields, filters: { id: 'cart_1' } });
    const promotions = cart?.promotions as Row[];
    assert.ok(promotions.length > 0);
    const promoId = (cart?.metadata as Row).promo_id;
    assert.ok(
      promotions.some((p) => p.id === promoId),
      String(promoId),
    );
    const plain = createAutoMockContainer({ run: { workflow: 'w' } });
    const [other] = await graph(plain, { entity: 'cart', fields, filters: { id: 'cart_1' } });
    assert.deepEqual(other?.metadata, {}, 'no checks: the metadata stays empty');
  });

  it('keeps what the run stored in the metadata, and adds no metadata the query did not ask', async () => {
    const c = createAutoMockContainer({ run: { workflow: 'w', checks } });
    await c.resolve<Service>('cart').updateCarts!({ id: 'cart_1', metadata: { promo_id: null } });
    const [cart] = await graph(c, { entity: 'cart', fields, filters: { id: 'cart_1' } });
    assert.deepEqual(cart?.metadata, { promo_id: null });
    const [bare] = await graph(c, {
      entity: 'cart',
      fields: ['id', 'promotions.*'],
      filters: { id: 'cart_2' },
    });
    assert.equal(bare?.metadata, undefined);
  });
});
