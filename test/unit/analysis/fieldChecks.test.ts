// The field checks the analyzer reads from a workflow's own steps for the auto-mocked container
// (stepFieldChecks): which `if (...) throw` conditions become a value a record's field must have.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { nodeHost, stepFieldChecks, type AnalyzerHost } from '../../../server/src/analysis/index';

const repo = resolve(__dirname, '../../../..');
const dir = join(repo, 'test/fixtures/virtual-field-checks/src/workflows');

function host(files: Record<string, string>): AnalyzerHost {
  const mem = new Map(Object.entries(files).map(([name, text]) => [join(dir, name), text]));
  return {
    readFile: (p) => mem.get(p) ?? nodeHost.readFile(p),
    fileExists: (p) => mem.has(p) || nodeHost.fileExists(p),
  };
}

const STEP = `import { createStep } from '@medusajs/framework/workflows-sdk';
import { QuoteStatus } from '../modules/quote/models/quote';
export const validateStep = createStep('validate', async ({ customer, quote, carts }: any) => {
  if (!customer) throw new Error('Customer not found');
  if (!customer.has_account) {
    throw new Error('Customer must have an account');
  }
  if (quote.status !== QuoteStatus.PENDING_CUSTOMER || carts[0].completed_at) throw new Error('x');
  if (!['open', 'paid'].includes(quote.payment)) throw new Error('y');
  if (quote.kind === 'b2b') throw new Error('no b2b');
  if (customer.first_name) console.log('logged, not thrown');
  if (!!carts[0].order_id) throw new Error('already ordered');
  if (input.flag) throw new Error('the input itself is not a record');
});
`;

const WORKFLOW = `import { createWorkflow } from '@medusajs/framework/workflows-sdk';
import { validateStep } from './steps';
export const wf = createWorkflow('check-customer', (input: any) => {
  validateStep(input);
});
`;

describe('analyzer: field checks of a workflow’s own steps (for the auto-mocked container)', function () {
  this.timeout(60_000);

  it('turns each throwing condition on one field of a record into the value that passes', () => {
    const h = host({ 'steps.ts': STEP, 'wf.ts': WORKFLOW });
    const checks = stepFieldChecks(join(dir, 'wf.ts'), 'check-customer', h);
    const seen = checks.map((c) => `${c.step} ${c.record}.${c.field} ${JSON.stringify(c.wants)}`);
    assert.deepEqual(seen, [
      'validate customer.has_account {"truthy":true}',
      'validate quote.status {"equals":{"member":"PENDING_CUSTOMER"}}',
      'validate carts.completed_at {"truthy":false}',
      'validate quote.payment {"oneOf":["open","paid"]}',
      'validate quote.kind {"differs":"b2b"}',
      'validate carts.order_id {"truthy":false}',
    ]);
  });

  it('reads nothing for another workflow id or a file that cannot be read', () => {
    const h = host({ 'steps.ts': STEP, 'wf.ts': WORKFLOW });
    assert.deepEqual(stepFieldChecks(join(dir, 'wf.ts'), 'other', h), []);
    assert.deepEqual(stepFieldChecks(join(dir, 'missing.ts'), 'check-customer', h), []);
  });
});

describe('analyzer: checks of what a service method returned', function () {
  this.timeout(60_000);

  it('reads `const points = await svc.getPoints(id); if (points <= 0) throw`', () => {
    const step = `import { createStep } from '@medusajs/framework/workflows-sdk';
export const pointsStep = createStep('points', async (id: string, { container }: any) => {
  const svc = container.resolve('loyalty');
  const points = await svc.getPoints(id);
  if (points <= 0) throw new Error('no points');
  const tiers = await svc.listTiers();
  if (tiers.length === 0) throw new Error('no tiers');
  if (!tiers) throw new Error('never');
});
`;
    const wf = WORKFLOW.replace("'./steps'", "'./points'")
      .replace('validateStep', 'pointsStep')
      .replace('validateStep', 'pointsStep');
    const h = host({ 'points.ts': step, 'wf.ts': wf });
    const checks = stepFieldChecks(join(dir, 'wf.ts'), 'check-customer', h);
    const seen = checks.map((c) => `${c.method}.${c.field} ${JSON.stringify(c.wants)}`);
    assert.deepEqual(seen, [
      'getPoints. {"above":0}',
      'listTiers.length {"above":0}',
      'listTiers. {"truthy":true}',
    ]);
  });
});

describe('analyzer: a check joined by `&&` with a test of the step’s input', function () {
  this.timeout(60_000);

  it('holds only for that input: `status === "active" && rental.status !== "pending"`', () => {
    const step = `import { createStep } from '@medusajs/framework/workflows-sdk';
export const updateStep = createStep('update', async ({ status, kind: k }: any, { container }: any) => {
  const existingRental = await container.resolve('rental').retrieveRental('r');
  if (status === 'active' && existingRental.status !== 'pending') throw new Error('not pending');
  if ('returned' === status && existingRental.status !== 'active') throw new Error('not active');
  if (k === 'x' && status === 'y' && existingRental.late) throw new Error('two guards');
  if (existingRental.a && existingRental.b) throw new Error('two fields: no check');
  if (other === 'z' && existingRental.c) throw new Error('not the input: no check');
});
`;
    const wf = WORKFLOW.replace("'./steps'", "'./update'")
      .replace('validateStep', 'updateStep')
      .replace('validateStep', 'updateStep');
    const h = host({ 'update.ts': step, 'wf.ts': wf });
    const checks = stepFieldChecks(join(dir, 'wf.ts'), 'check-customer', h);
    const seen = checks.map(
      (c) => `${c.record}.${c.field} ${JSON.stringify(c.wants)} ${JSON.stringify(c.when)}`,
    );
    assert.deepEqual(seen, [
      'existingRental.status {"equals":"pending"} [{"input":"status","equals":"active"}]',
      'existingRental.status {"equals":"active"} [{"input":"status","equals":"returned"}]',
      'existingRental.late {"truthy":false} [{"input":"kind","equals":"x"},{"input":"status","equals":"y"}]',
    ]);
  });
});

describe('analyzer: a step’s input set by the workflow, and a helper of the user’s that finds a row', function () {
  this.timeout(60_000);

  const helper = `export function loyaltyPromo(cart: any) {
  if (!cart?.metadata?.promo_id) {
    return
  }
  return cart.promotions?.find((promotion: any) => promotion.id === cart.metadata.promo_id)
}
`;
  const step = `import { createStep } from '@medusajs/framework/workflows-sdk';
import { loyaltyPromo } from '../../utils/promo';
export const promoStep = createStep('get-promo', async ({ cart, throwErrorOn }: any) => {
  const promo = loyaltyPromo(cart);
  if (throwErrorOn === 'found' && promo) throw new Error('already applied');
  else if (throwErrorOn === 'not-found' && !promo) throw new Error('no promotion');
  if (cart.metadata.locked) throw new Error('a key of the metadata');
});
`;
  const workflow = (
    arg: string,
  ) => `import { createWorkflow } from '@medusajs/framework/workflows-sdk';
import { promoStep } from './steps/promo';
export const wf = createWorkflow('promo-wf', (input: any) => {
  promoStep(${arg});
});
`;

  function seen(arg: string): string[] {
    const h = host({
      '../utils/promo.ts': helper,
      'steps/promo.ts': step,
      'wf.ts': workflow(arg),
    });
    return stepFieldChecks(join(dir, 'wf.ts'), 'promo-wf', h).map(
      (c) =>
        `${c.record}.${c.field} ${JSON.stringify(c.wants)}${c.when ? ` ${JSON.stringify(c.when)}` : ''}`,
    );
  }

  it("`!promo` requires what makes the helper return a row; the call's literal decides the guard", () => {
    assert.deepEqual(seen("{ cart: input.cart, throwErrorOn: 'not-found' }"), [
      'cart.metadata.promo_id {"truthy":true}',
      'cart.metadata.promo_id {"idOf":"promotions"}',
      'cart.metadata.locked {"truthy":false}',
    ]);
  });

  it('a literal the guard does not want, or no such field, leaves the guarded checks out', () => {
    const unguarded = ['cart.metadata.locked {"truthy":false}'];
    assert.deepEqual(seen("{ cart: input.cart, throwErrorOn: 'found' }"), unguarded);
    assert.deepEqual(seen('{ cart: input.cart }'), unguarded);
  });

  it('an input that is not an object literal, or a field that is not a literal, leaves the guard to the run’s input', () => {
    const guardedByInput = [
      'cart.metadata.promo_id {"truthy":true} [{"input":"throwErrorOn","equals":"not-found"}]',
      'cart.metadata.promo_id {"idOf":"promotions"} [{"input":"throwErrorOn","equals":"not-found"}]',
    ];
    for (const arg of ['{ cart: input.cart, throwErrorOn }', '{ cart, throwErrorOn: input.how }'])
      assert.deepEqual(seen(arg).slice(0, 2), guardedByInput, arg);
    const out = seen('input');
    assert.deepEqual(out.slice(0, 2), [
      'cart.metadata.promo_id {"truthy":true} [{"input":"throwErrorOn","equals":"not-found"}]',
      'cart.metadata.promo_id {"idOf":"promotions"} [{"input":"throwErrorOn","equals":"not-found"}]',
    ]);
  });
});
