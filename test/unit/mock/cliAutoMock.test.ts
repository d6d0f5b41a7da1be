// `medusa-workflows run --auto-mock` on the built CLI: one of Medusa's own workflows runs to the
// end with no mocks written, gives the same output every time, and --mocks overrides single keys.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const CREATE_PRODUCTS = join(
  ROOT,
  'node_modules/@medusajs/core-flows/dist/product/workflows/create-products.js',
);

const INPUT = {
  products: [
    {
      title: 'Medusa T-Shirt',
      options: [{ title: 'Size', values: ['S', 'M'] }],
      variants: [
        { title: 'S', options: { Size: 'S' }, prices: [{ amount: 1500, currency_code: 'usd' }] },
        { title: 'M', options: { Size: 'M' }, prices: [{ amount: 1500, currency_code: 'usd' }] },
      ],
    },
  ],
};

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', MEDUSA_DISABLE_TELEMETRY: 'true' },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli run --auto-mock', function () {
  this.timeout(60_000);
  let dir = '';
  let base: string[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'auto-mock-cli-'));
    writeFileSync(join(dir, 'input.json'), JSON.stringify(INPUT));
    base = [
      'run',
      CREATE_PRODUCTS,
      '--workflow',
      'create-products',
      '--input',
      `@${join(dir, 'input.json')}`,
    ];
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("runs core-flows' create-products to the end with every service auto-mocked", () => {
    const r = cli([...base, '--auto-mock']);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as {
      id: string;
      title: string;
      variants: { id: string }[];
    }[];
    assert.equal(result[0]!.title, 'Medusa T-Shirt');
    assert.match(result[0]!.id, /^product_[0-9a-z]{7}$/);
    assert.equal(result[0]!.variants.length, 2);
  });

  it('traces every service call with its step, and the deletions of a rollback', () => {
    const r = cli([...base, '--auto-mock', '--trace', 'jsonl', '--fail', 'productsCreated']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const calls = lines.filter((l) => l.type === 'service.call');
    const create = calls.find((c) => c.method === 'createProducts');
    assert.deepEqual(
      { step: create?.step, action: create?.action, key: create?.key },
      { step: 'create-products', action: 'invoke', key: 'product' },
    );
    const id = (create!.result as { id: string }[])[0]!.id;
    const deletion = calls.find((c) => c.method === 'deleteProducts');
    assert.deepEqual(deletion, {
      type: 'service.call',
      step: 'create-products',
      action: 'compensate',
      key: 'product',
      method: 'deleteProducts',
      args: [[id]],
      result: null,
      mocked: true,
    });
    // Calls of nested workflows' steps name their workflow, like the other trace lines.
    assert.ok(
      calls.some(
        (c) => c.workflow === 'create-product-variants' && c.method === 'createProductVariants',
      ),
    );
    assert.deepEqual(lines.at(-1)?.state, 'reverted');
  });

  it('prints the same result on every run', () => {
    const a = cli([...base, '--auto-mock']);
    const b = cli([...base, '--auto-mock']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
  });

  it('still fails without --auto-mock, on the first service it cannot resolve', () => {
    const r = cli(base);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Could not resolve 'product'/);
  });

  it('lets --mocks override single keys and auto-mocks the rest', () => {
    const mocks = join(dir, 'mocks.js');
    writeFileSync(
      mocks,
      `exports.product = {\n` +
        `  createProducts: async (data) => data.map((p, i) => ({ ...p, id: 'prod_mine_' + i })),\n` +
        `  createProductVariants: async (data) => data.map((v, i) => ({ ...v, id: 'variant_mine_' + i })),\n` +
        `};\n`,
    );
    const r = cli([...base, '--auto-mock', '--mocks', mocks]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { id: string; variants: { id: string }[] }[];
    assert.equal(result[0]!.id, 'prod_mine_0');
    assert.deepEqual(
      result[0]!.variants.map((v) => v.id),
      ['variant_mine_0', 'variant_mine_1'],
    );
  });
});
