// `medusa-workflows run --auto-mock` on real core-flows workflows that used to fail on made-up
// data: they now pass, or fail on the workflow's own check for a reason the input explains; and
// a project's own DML model decides the enum values its workflow reads.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const CORE_FLOWS = join(ROOT, 'node_modules/@medusajs/core-flows/dist');

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', MEDUSA_DISABLE_TELEMETRY: 'true' },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli run --auto-mock on core-flows: checks see consistent data', function () {
  this.timeout(120_000);
  let dir = '';

  before(() => {
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    dir = mkdtempSync(join(ROOT, 'test-artifacts', 'auto-mock-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function run(file: string, workflow: string, input: unknown, extra: string[] = []) {
    const inputFile = join(dir, `${workflow}.json`);
    writeFileSync(inputFile, JSON.stringify(input));
    const args = ['run', file, '--workflow', workflow, '--input', `@${inputFile}`, '--auto-mock'];
    return cli([...args, ...extra]);
  }

  it('deletes a sales channel no store uses as default (the store query finds none)', () => {
    const file = join(CORE_FLOWS, 'sales-channel/workflows/delete-sales-channels.js');
    const r = run(file, 'delete-sales-channels', { ids: ['sc_1'] }, ['--trace', 'jsonl']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const storeQuery = lines.find((l) => l.method === 'listStores');
    assert.deepEqual(storeQuery?.result, []);
    assert.equal(storeQuery?.mocked, true);
  });

  it('rejects a promotion code nobody created, as Medusa would', () => {
    const file = join(CORE_FLOWS, 'cart/workflows/update-cart-promotions.js');
    const input = { cart_id: 'cart_1', promo_codes: ['SUMMER'], action: 'add' };
    const r = run(file, 'update-cart-promotions', input);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /The promotion code SUMMER is invalid/);
  });

  it("converts a draft order: the CLI tells the fakes the workflow's id and input", () => {
    const file = join(CORE_FLOWS, 'draft-order/workflows/convert-draft-order.js');
    const r = run(file, 'convert-draft-order', { id: 'order_1' }, ['--trace', 'jsonl']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const begun = lines.filter((l) => l.type === 'step.begin').map((l) => l.step);
    assert.ok(begun.includes('validate-draft-order'), 'the draft check ran and passed');
  });

  it("gives a custom module's enum field a value of its DML model", () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'src/modules/loyalty/models'), { recursive: true });
    mkdirSync(join(project, 'src/workflows'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{"name":"p","private":true}');
    writeFileSync(
      join(project, 'src/modules/loyalty/models/card.ts'),
      `import { model } from '@medusajs/framework/utils';\n` +
        `export const Card = model.define('loyalty_card', {\n` +
        `  id: model.id().primaryKey(),\n` +
        `  level: model.enum(['bronze', 'silver', 'gold']),\n` +
        `});\n`,
    );
    writeFileSync(
      join(project, 'src/workflows/card.ts'),
      `import { createStep, createWorkflow, StepResponse, WorkflowResponse } from '@medusajs/framework/workflows-sdk';\n` +
        `const read = createStep('read-card', async (id: string, { container }) => {\n` +
        `  const svc = container.resolve<any>('loyalty');\n` +
        `  const card = await svc.retrieveLoyaltyCard(id, { select: ['level'] });\n` +
        `  if (!['bronze', 'silver', 'gold'].includes(card.level)) throw new Error('bad level ' + card.level);\n` +
        `  return new StepResponse(card.level);\n` +
        `});\n` +
        `export const cardWorkflow = createWorkflow('card', (id: string) => new WorkflowResponse(read(id)));\n`,
    );
    const r = run(join(project, 'src/workflows/card.ts'), 'card', 'card_1');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout), 'bronze');
  });
});
