// The auto-mocked container under our engine: a workflow that only resolves services runs to the
// end with no mocks written, twice with the same values, and a rollback's deletions are recorded.
import * as assert from 'node:assert/strict';
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from '../../../engine/src/index';
import { createAutoMockContainer, type AutoMockContainer } from '../../../engine/src/mock';

interface ProductService {
  createProducts(data: { title: string }[]): Promise<{ id: string; title: string }[]>;
  deleteProducts(ids: string[]): Promise<void>;
}
interface Query {
  graph(q: object): Promise<{ data: { id: string; sales_channels: { id: string }[] }[] }>;
}

const createProducts = createStep(
  'am-create-products',
  async (input: { title: string }[], { container }) => {
    const products = await container.resolve<ProductService>('product').createProducts(input);
    return new StepResponse(
      products,
      products.map((p) => p.id),
    );
  },
  async (ids: string[] | undefined, { container }) => {
    if (!ids) return;
    await container.resolve<ProductService>('product').deleteProducts(ids);
  },
);

const readBack = createStep('am-read-back', async (ids: string[], { container }) => {
  const { data } = await container.resolve<Query>('query').graph({
    entity: 'product',
    fields: ['id', 'sales_channels.*'],
    filters: { id: ids },
  });
  container.resolve<{ info(m: string): void }>('logger').info(`read ${data.length}`);
  return new StepResponse(data);
});

const linkChannel = createStep(
  'am-link-channel',
  async (rows: { id: string; sales_channels: { id: string }[] }[], { container }) => {
    const links = rows.map((r) => ({
      product: { product_id: r.id },
      sales_channel: { sales_channel_id: r.sales_channels[0]!.id },
    }));
    await container.resolve<{ create(l: unknown[]): Promise<unknown> }>('link').create(links);
    return new StepResponse(links.length);
  },
);

/** Defined when the suite starts, so no other suite's registry reset can drop it first. */
function defineWorkflow() {
  return createWorkflow('auto-mock-products', (input: { titles: string[] }) => {
    const data = transform({ input }, ({ input }): { title: string }[] =>
      input.titles.map((title: string) => ({ title })),
    );
    const products = createProducts(data);
    const ids = transform({ products }, ({ products }): string[] =>
      products.map((p: { id: string }) => p.id),
    );
    const rows = readBack(ids);
    const linked = linkChannel(rows);
    return new WorkflowResponse({ products, linked });
  });
}

let workflow: ReturnType<typeof defineWorkflow>;

async function run(container: AutoMockContainer, failStep?: string) {
  return workflow.run({
    input: { titles: ['Shirt', 'Hat'] },
    container,
    throwOnError: false,
    instrumentation: { shouldFail: (step, action) => step === failStep && action === 'invoke' },
  });
}

describe('auto-mocked container under our engine', () => {
  before(() => {
    workflow = defineWorkflow();
  });

  it('runs a workflow that resolves services to the end with no mocks written', async () => {
    const container = createAutoMockContainer();
    const { result, errors } = await run(container);
    assert.deepEqual(errors, []);
    const { products, linked } = result as {
      products: { id: string; title: string }[];
      linked: number;
    };
    assert.deepEqual(
      products.map((p) => p.title),
      ['Shirt', 'Hat'],
    );
    assert.equal(linked, 2);
    assert.deepEqual(
      container.calls.map((c) => `${c.key}.${c.method}`),
      // The last call is the host's, outside any step: events grouped by the run are released.
      [
        'product.createProducts',
        'query.graph',
        'logger.info',
        'link.create',
        'event_bus.releaseGroupedEvents',
      ],
    );
  });

  it('gives the same values on every run', async () => {
    const a = await run(createAutoMockContainer());
    const b = await run(createAutoMockContainer());
    assert.deepEqual(a.result, b.result);
  });

  it('attributes every call to the step and action that made it (the engine lends per-step views)', async () => {
    const container = createAutoMockContainer();
    await run(container, 'am-link-channel');
    assert.deepEqual(
      container.calls.map((c) => [c.step, c.action, `${c.key}.${c.method}`]),
      [
        ['am-create-products', 'invoke', 'product.createProducts'],
        ['am-read-back', 'invoke', 'query.graph'],
        ['am-read-back', 'invoke', 'logger.info'],
        ['am-create-products', 'compensate', 'product.deleteProducts'],
        [undefined, undefined, 'event_bus.clearGroupedEvents'],
      ],
    );
    assert.equal(container.calls[0]!.run?.workflowId, 'auto-mock-products');
  });

  it('records the deletions a rollback performs', async () => {
    const container = createAutoMockContainer();
    const { transaction } = await run(container, 'am-link-channel');
    const created = container.calls.find((c) => c.method === 'createProducts')!.result as {
      id: string;
    }[];
    const deletion = container.calls.find((c) => c.method === 'deleteProducts');
    assert.ok(deletion, 'the compensation called deleteProducts');
    assert.deepEqual(deletion.args, [created.map((p) => p.id)]);
    assert.equal(transaction.getState(), 'reverted');
    assert.equal(container.calls.at(-1)!.method, 'clearGroupedEvents');
  });
});
