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
