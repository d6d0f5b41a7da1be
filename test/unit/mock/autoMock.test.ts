import * as assert from 'node:assert/strict';
import {
  containerForStep,
  createAutoMockContainer,
  serviceCallEvent,
  serviceCallTraceLine,
  type AutoMockContainer,
  type ServiceCall,
} from '../../../engine/src/mock';

type Method =
  | 'createProducts'
  | 'createOrders'
  | 'createCarts'
  | 'deleteBrands'
  | 'createBrands'
  | 'retrieveCart'
  | 'listCarts'
  | 'updateProducts'
  | 'listAndCountProducts'
  | 'retrieveProduct'
  | 'graph';
type Service = Record<Method, (...args: unknown[]) => Promise<unknown>>;

function svc(c: AutoMockContainer, key: string): Service {
  return c.resolve<Service>(key);
}

async function script(c: AutoMockContainer): Promise<unknown[]> {
  const a = c.forStep({ step: 'a', action: 'invoke' });
  const b = c.forStep({ step: 'b', action: 'invoke' });
  const out: unknown[] = [];
  out.push(await svc(a, 'product').createProducts([{ title: 'x' }, { title: 'y' }]));
  out.push(await svc(b, 'product').createProducts({ title: 'z' }));
  out.push(await svc(a, 'product').createProducts({ title: 'x' }));
  out.push(await svc(a, 'query').graph({ entity: 'cart', fields: ['id', 'items.*'] }));
  return out;
}

describe('auto-mocked container', () => {
  describe('determinism', () => {
    it('gives the same values for the same calls in two containers', async () => {
      assert.deepEqual(
        await script(createAutoMockContainer()),
        await script(createAutoMockContainer()),
      );
    });

    it('derives ids from the call count: a second identical call gets new ids', async () => {
      const p = svc(createAutoMockContainer(), 'product');
      const first = (await p.createProducts({ title: 't' })) as { id: string };
      const second = (await p.createProducts({ title: 't' })) as { id: string };
      assert.match(first.id, /^product_[0-9a-z]{7}$/);
      assert.notEqual(first.id, second.id);
    });

    it('does not depend on how calls of different steps interleave', async () => {
      const run = async (order: ('a' | 'b')[]) => {
        const c = createAutoMockContainer();
        const got: Record<string, unknown[]> = { a: [], b: [] };
        for (const step of order) {
          const s = svc(c.forStep({ step, action: 'invoke' }), 'order');
          got[step]!.push(await s.createOrders({ email: 'e' }));
        }
        return got;
      };
      assert.deepEqual(await run(['a', 'b', 'a']), await run(['b', 'a', 'a']));
    });

    it('changes every value with the seed', async () => {
      const a = (await svc(createAutoMockContainer({ seed: '1' }), 'cart').createCarts({})) as {
        id: string;
      };
      const b = (await svc(createAutoMockContainer({ seed: '2' }), 'cart').createCarts({})) as {
        id: string;
      };
      assert.notEqual(a.id, b.id);
    });

    it('starts over after reset', async () => {
      const c = createAutoMockContainer();
      const first = await svc(c, 'cart').createCarts({});
      c.reset();
      assert.equal(c.calls.length, 0);
      assert.deepEqual(await svc(c, 'cart').createCarts({}), first);
    });
  });

  describe('recording', () => {
    it('records key, method, args, result and the step and action that called', async () => {
      const seen: ServiceCall[] = [];
      const c = createAutoMockContainer({ onCall: (call) => seen.push(call) });
      const step = c.forStep({ step: 'create-brand', action: 'compensate' });
      const input = { name: 'Acme', when: new Date(0) };
      const result = await svc(step, 'brand').deleteBrands(['b1']);
      await svc(step, 'brand').createBrands(input);
      input.name = 'changed later';
      assert.equal(result, undefined);
      assert.equal(c.calls.length, 2);
      assert.deepEqual(seen, c.calls);
      const [del, create] = c.calls;
      assert.deepEqual(
        { ...del, seq: del!.seq },
        {
          seq: 1,
          step: 'create-brand',
          action: 'compensate',
          key: 'brand',
          method: 'deleteBrands',
          args: [['b1']],
          result: undefined,
          mocked: true,
        },
      );
      assert.deepEqual(create!.args, [{ name: 'Acme', when: '1970-01-01T00:00:00.000Z' }]);
      assert.equal((create!.result as { name: string }).name, 'Acme');
    });

    it('records calls on the root container without a step', () => {
      const c = createAutoMockContainer();
      c.resolve<{ info(m: string): void }>('logger').info('hello');
      assert.equal(c.calls[0]!.step, undefined);
      assert.equal(serviceCallEvent(c.calls[0]!), undefined);
      assert.equal(serviceCallTraceLine(c.calls[0]!), undefined);
    });

    it('gives trace lines a null result for methods that return nothing', async () => {
      const c = createAutoMockContainer();
      await svc(c.forStep({ step: 's', action: 'compensate' }), 'brand').deleteBrands(['b1']);
      assert.equal(serviceCallEvent(c.calls[0]!)!.result, null);
      assert.equal(JSON.parse(serviceCallTraceLine(c.calls[0]!)!).result, null);
    });

    it('gives the caller a copy: mutating a result does not change the record', async () => {
      const c = createAutoMockContainer();
      const row = (await svc(c, 'cart').retrieveCart('c1')) as { id: string };
      row.id = 'mutated';
      assert.equal((c.calls[0]!.result as { id: string }).id, 'c1');
    });

    it('builds the service.call event and the CLI trace line', async () => {
      const c = createAutoMockContainer();
      const run = { workflowId: 'wf', transactionId: 't', parents: [] };
      await svc(c.forStep({ step: 's', action: 'invoke', run }), 'cart').listCarts({ id: 'c1' });
      const event = serviceCallEvent(c.calls[0]!);
      assert.deepEqual(event, {
        type: 'service.call',
        run,
        step: 's',
        action: 'invoke',
        key: 'cart',
        method: 'listCarts',
        args: [{ id: 'c1' }],
        result: [{ id: 'c1' }],
        mocked: true,
      });
      assert.deepEqual(JSON.parse(serviceCallTraceLine(c.calls[0]!)!), {
        type: 'service.call',
        step: 's',
        action: 'invoke',
        key: 'cart',
        method: 'listCarts',
        args: [{ id: 'c1' }],
        result: [{ id: 'c1' }],
        mocked: true,
      });
    });

    it('hands out per-step views through containerForStep, and leaves other containers alone', async () => {
      const c = createAutoMockContainer();
      const v = containerForStep(c, { step: 'x', action: 'invoke' });
      assert.equal(v.scope?.step, 'x');
      await svc(v, 'cart').listCarts();
      assert.equal(c.calls[0]!.step, 'x');
      const plain = { resolve: () => 1 };
      assert.equal(containerForStep(plain, { step: 'x', action: 'invoke' }), plain);
    });
  });

  describe('overrides', () => {
    it('replaces single keys and keeps the rest auto-mocked; override calls are recorded', async () => {
      const brand = {
        created: [] as unknown[],
        createBrands(d: unknown) {
          this.created.push(d);
          return Promise.resolve({ id: 'mine' });
        },
      };
      const c = createAutoMockContainer({ overrides: { brand } });
      const s = c.forStep({ step: 'st', action: 'invoke' });
      const b = s.resolve<typeof brand>('brand');
      assert.deepEqual(await b.createBrands({ n: 1 }), { id: 'mine' });
      assert.deepEqual(brand.created, [{ n: 1 }]);
      assert.match(
        ((await svc(s, 'product').createProducts({})) as { id: string }).id,
        /^product_/,
      );
      assert.deepEqual(
        c.calls.map((x) => [x.key, x.method, x.result, x.step]),
        [
          ['brand', 'createBrands', { id: 'mine' }, 'st'],
          ['product', 'createProducts', c.calls[1]!.result, 'st'],
        ],
      );
    });

    it('records a failing override call with its error and rethrows', () => {
      const c = createAutoMockContainer({
        overrides: {
          pay: {
            capture() {
              throw new Error('declined');
            },
          },
        },
      });
      assert.throws(() => c.resolve<{ capture(): void }>('pay').capture(), /declined/);
      assert.equal(c.calls[0]!.error, 'declined');
    });

    it('accepts awilix-style resolvers and register()', () => {
      const c = createAutoMockContainer({
        overrides: { cfg: { resolve: () => ({ port: 1 }), lifetime: 'SINGLETON' } },
      });
      assert.deepEqual({ ...c.resolve<object>('cfg') }, { port: 1 });
      c.register('flag', 42);
      assert.equal(c.resolve('flag'), 42);
      assert.equal(c.cradle.flag, 42);
      assert.deepEqual(Object.keys(c.registrations).sort(), ['cfg', 'flag']);
    });

    it('serializes its cradle without resolving or recording anything', () => {
      const c = createAutoMockContainer();
      assert.equal(JSON.stringify({ c: c.cradle }), '{"c":{}}');
      assert.equal(c.calls.length, 0);
    });

    it('does not record overrides when recordOverrides is false', () => {
      const c = createAutoMockContainer({
        overrides: { s: { m: () => 1 } },
        recordOverrides: false,
      });
      assert.equal(c.resolve<{ m(): number }>('s').m(), 1);
      assert.equal(c.calls.length, 0);
    });
  });

  describe('shapes', () => {
    type Graph = { data: Record<string, unknown>[]; metadata: { count: number } };

    it('query.graph returns { data, metadata } with the requested nested fields', async () => {
      const q = createAutoMockContainer().resolve<{ graph(a: unknown): Promise<Graph> }>('query');
      const { data, metadata } = await q.graph({
        entity: 'cart',
        fields: [
          'id',
          'currency_code',
          'items.*',
          'items.variant.product.id',
          'shipping_address.*',
          'completed_at',
          'is_active',
          'total',
        ],
        filters: { id: 'cart_1', region_id: { $in: ['reg_1'] } },
      });
      assert.equal(metadata.count, 1);
      const [cart] = data;
      assert.equal(cart!.id, 'cart_1');
      assert.equal(cart!.region_id, 'reg_1');
      assert.equal(cart!.currency_code, 'usd');
      assert.equal(cart!.completed_at, null);
      assert.equal(cart!.is_active, false);
      assert.equal(cart!.total, 0);
      const items = cart!.items as { id: string; variant: { product: { id: string } } }[];
      assert.ok(Array.isArray(items) && items.length === 1);
      assert.match(items[0]!.variant.product.id, /^product_/);
      assert.equal(typeof (cart!.shipping_address as { id: string }).id, 'string');
    });

    it('query.graph returns one row per pinned id and nothing past the first page', async () => {
      const q = createAutoMockContainer().resolve<{ graph(a: unknown): Promise<Graph> }>('query');
      const many = await q.graph({
        entity: 'product',
        fields: ['id', 'title'],
        filters: { id: ['p1', 'p2', 'p3'] },
      });
      assert.deepEqual(
        many.data.map((r) => r.id),
        ['p1', 'p2', 'p3'],
      );
      assert.equal(many.data[0]!.title, 'title-0');
      const page2 = await q.graph({
        entity: 'product',
        fields: ['id'],
        pagination: { skip: 10, take: 10 },
      });
      assert.deepEqual(page2.data, []);
    });

    it('remoteQuery is callable, in the config and the object form', async () => {
      const rq =
        createAutoMockContainer().resolve<(q: unknown) => Promise<Record<string, unknown>[]>>(
          'remoteQuery',
        );
      const rows = await rq({
        entryPoint: 'orders',
        fields: ['id', 'items.id'],
        variables: { filters: { id: 'o1' } },
      });
      assert.equal(rows[0]!.id, 'o1');
      assert.ok(Array.isArray(rows[0]!.items));
      const obj = await rq({
        __value: { cart: { fields: ['id'], items: { fields: ['*'] }, __args: { id: 'c9' } } },
      });
      assert.equal(obj[0]!.id, 'c9');
      assert.ok(Array.isArray(obj[0]!.items));
    });

    it('create echoes input with ids, update merges, list/listAndCount/retrieve return rows', async () => {
      const s = svc(createAutoMockContainer(), 'product');
      const created = (await s.createProducts([{ title: 'a' }, { id: 'keep', title: 'b' }])) as {
        id: string;
        title: string;
      }[];
      assert.equal(created[0]!.title, 'a');
      assert.match(created[0]!.id, /^product_/);
      assert.equal(created[1]!.id, 'keep');
      assert.deepEqual(await s.updateProducts('p1', { title: 'n' }), { id: 'p1', title: 'n' });
      assert.deepEqual(await s.updateProducts({ selector: { id: 'p2' }, data: { title: 'm' } }), [
        { id: 'p2', title: 'm' },
      ]);
      const [rows, count] = (await s.listAndCountProducts({ id: ['x', 'y'] })) as [
        unknown[],
        number,
      ];
      assert.equal(count, 2);
      assert.deepEqual(rows, [{ id: 'x' }, { id: 'y' }]);
      const got = (await s.retrieveProduct('p1', { relations: ['variants'] })) as {
        id: string;
        variants: unknown[];
      };
      assert.equal(got.id, 'p1');
      assert.equal(got.variants.length, 1);
    });

    it('answers logger calls synchronously and runs locking.execute jobs', async () => {
      const c = createAutoMockContainer();
      assert.equal(c.resolve<{ info(m: string): unknown }>('logger').info('x'), undefined);
      const locking = c.resolve<{
        execute(k: string[], job: () => Promise<number>): Promise<number>;
      }>('locking');
      assert.equal(await locking.execute(['k'], () => Promise.resolve(7)), 7);
      assert.equal(c.calls.at(-1)!.result, 7);
    });

    it('is not a thenable and not a Medusa module, so awaiting and wrapping leave it alone', async () => {
      const s = createAutoMockContainer().resolve<Record<string, unknown>>('product');
      assert.equal(s.then, undefined);
      assert.equal(s.constructor, undefined);
      assert.equal(await Promise.resolve(s), s);
    });
  });
});
