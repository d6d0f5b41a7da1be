// The auto-mocked container answers like one database during a run: what a step writes a later
// query finds, ids named by filters exist and stay the same, other filters find only what the run
// made, enums and relations follow the modules' DML models, and prices are plausible.
import * as assert from 'node:assert/strict';
import { model } from '@medusajs/utils';
import {
  addDmlEntities,
  addNamedEnums,
  createAutoMockContainer,
  emptyCatalog,
  type AutoMockContainer,
  type ModelCatalog,
} from '../../../engine/src/mock';
import { graph, type Row, type Service } from './mockQuery';

function svc(c: AutoMockContainer, key: string): Service {
  return c.resolve<Service>(key);
}

function brandCatalog(): ModelCatalog {
  const Logo = model.define('BrandLogo', { id: model.id().primaryKey(), url: model.text() });
  const Brand = model.define('Brand', {
    id: model.id().primaryKey(),
    name: model.text(),
    tier: model.enum(['gold', 'silver']),
    status: model.enum(['draft', 'live', 'retired']).default('live'),
    logos: model.hasMany(() => Logo),
  });
  const catalog = emptyCatalog();
  addDmlEntities(catalog, [Brand, Logo]);
  return catalog;
}

describe('auto-mocked container: one consistent world per run', () => {
  it('finds what a step created by id, through list, retrieve, listAndCount and query.graph', async () => {
    const c = createAutoMockContainer();
    const a = c.forStep({ step: 'create', action: 'invoke' });
    const [made] = (await svc(a, 'product').createProducts!([{ title: 'Shirt' }])) as Row[];
    const id = made!.id as string;
    const b = c.forStep({ step: 'read', action: 'invoke' });
    assert.deepEqual(await svc(b, 'product').listProducts!({ id: [id] }), [{ id, title: 'Shirt' }]);
    assert.equal(((await svc(b, 'product').retrieveProduct!(id)) as Row).title, 'Shirt');
    const [rows, count] = (await svc(b, 'product').listAndCountProducts!({ id })) as [
      Row[],
      number,
    ];
    assert.equal(count, 1);
    assert.equal(rows[0]!.title, 'Shirt');
    const data = await graph(b, { entity: 'product', fields: ['id', 'title'], filters: { id } });
    assert.deepEqual(data, [{ id, title: 'Shirt' }]);
  });

  it('sees updates and forgets deletions', async () => {
    const c = createAutoMockContainer();
    const product = svc(c, 'product');
    const [made] = (await product.createProducts!([{ title: 'Shirt' }])) as Row[];
    await product.updateProducts!(made!.id, { title: 'Tee' });
    assert.equal(((await product.retrieveProduct!(made!.id)) as Row).title, 'Tee');
    await product.createProducts!([{ title: 'Other', handle: 'other' }]);
    await product.deleteProducts!([made!.id]);
    assert.deepEqual(
      await product.listProducts!({ handle: 'other' }).then((r) => (r as Row[]).length),
      1,
    );
    const left = (await product.listProducts!({ title: ['Tee', 'Shirt'] })) as Row[];
    assert.deepEqual(left, []);
  });

  it('returns rows with exactly the ids a filter names, the same values every time', async () => {
    const c = createAutoMockContainer();
    const fields = ['id', 'email', 'currency_code', 'items.*'];
    const filters = { id: { $in: ['cart_2', 'cart_1'] } };
    const first = await graph(c, { entity: 'cart', fields, filters });
    assert.deepEqual(
      first.map((r) => r.id),
      ['cart_2', 'cart_1'],
    );
    const again = await graph(c, { entity: 'cart', fields, filters: { id: 'cart_1' } });
    assert.deepEqual(again, [first[1]]);
    assert.ok(Array.isArray(first[0]!.items) && (first[0]!.items as Row[]).length > 0);
  });

  it('finds nothing for other filters until the run made a match ("already exists" passes)', async () => {
    const c = createAutoMockContainer();
    const store = svc(c, 'store');
    assert.deepEqual(await store.listStores!({ default_sales_channel_id: ['sc_1'] }), []);
    assert.deepEqual(await svc(c, 'customer').listCustomers!({ email: 'ada@example.com' }), []);
    await svc(c, 'customer').createCustomers!([{ email: 'ada@example.com' }]);
    const found = (await svc(c, 'customer').listCustomers!({ email: 'ada@example.com' })) as Row[];
    assert.equal(found.length, 1);
    assert.equal(found[0]!.email, 'ada@example.com');
    assert.equal(await svc(c, 'customer').countCustomers!({ email: 'bob@example.com' }), 0);
  });

  it('finds related rows made up for a record by their own entity', async () => {
    const c = createAutoMockContainer();
    const [cart] = await graph(c, {
      entity: 'cart',
      fields: ['id', 'promotions.code'],
      filters: { id: 'cart_1' },
    });
    const code = (cart!.promotions as Row[])[0]!.code;
    const found = await graph(c, { entity: 'promotion', fields: ['id'], filters: { code } });
    assert.equal(found.length, 1);
  });

  it('gives enum fields a value of the DML model, its default first, and fills relations', async () => {
    const c = createAutoMockContainer({ models: brandCatalog() });
    const [brand] = await graph(c, {
      entity: 'brand',
      fields: ['id', 'tier', 'status', 'logos.url'],
      filters: { id: 'brand_1' },
    });
    assert.equal(brand!.tier, 'gold');
    assert.equal(brand!.status, 'live');
    assert.equal(typeof (brand!.logos as Row[])[0]!.url, 'string');
    const [made] = (await svc(c, 'brand').createBrands!([{ name: 'Acme' }])) as Row[];
    assert.equal(made!.status, 'live', 'a created record gets the model default');
  });

  it('uses enums named after the entity and field (OrderStatus) when no model defines them', async () => {
    const catalog = emptyCatalog();
    addNamedEnums(catalog, { OrderStatus: { PENDING: 'pending', DRAFT: 'draft' } });
    const c = createAutoMockContainer({ models: catalog });
    const [order] = await graph(c, { entity: 'order', fields: ['status'], filters: { id: 'o' } });
    assert.equal(order!.status, 'pending');
  });

  it('prices every requested price set in the context currency, stably', async () => {
    const c = createAutoMockContainer();
    const pricing = svc(c, 'pricing');
    const args = [{ id: ['pset_1', 'pset_2'] }, { context: { currency_code: 'eur' } }];
    const prices = (await pricing.calculatePrices!(...args)) as Row[];
    assert.deepEqual(
      prices.map((p) => [p.id, p.currency_code]),
      [
        ['pset_1', 'eur'],
        ['pset_2', 'eur'],
      ],
    );
    assert.ok((prices[0]!.calculated_amount as number) > 0);
    assert.deepEqual(await pricing.calculatePrices!(...args), prices);
  });

  it('hands out link modules that answer like services', async () => {
    const c = createAutoMockContainer();
    const link = c.resolve<{ getLinkModule(...a: string[]): Service }>('link');
    const module = link.getLinkModule('user', 'invite_id', 'rbac', 'rbac_role_id');
    assert.deepEqual(await module.list!({ invite_id: 'inv_1' }), []);
  });
});
