// Golden traces of the examples: each case runs the built CLI with `--trace jsonl` and compares
// its output (transaction ids sanitized, then exit code and stderr) with test/golden/traces/.
// UPDATE_GOLDEN=1 rewrites the files; a mismatch writes <name>.actual next to the golden.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from './cli';

const GOLDEN_DIR = join(ROOT, 'test/golden/traces');
const W = 'examples/src/workflows';

interface Case {
  name: string;
  file: string;
  workflow: string;
  input: string;
  extra?: string[];
}

const cases: Case[] = [
  {
    name: 'create-brand-with-logo',
    file: `${W}/create-brand-with-logo.ts`,
    workflow: 'create-brand-with-logo',
    input: 'create-brand-with-logo',
  },
  {
    name: 'create-brand-with-logo.fail-update-brand',
    file: `${W}/create-brand-with-logo.ts`,
    workflow: 'create-brand-with-logo',
    input: 'create-brand-with-logo',
    extra: ['--fail', 'update-brand'],
  },
  {
    name: 'create-brand-with-logo.fail-upload-logo.fail-compensation-create-brand',
    file: `${W}/create-brand-with-logo.ts`,
    workflow: 'create-brand-with-logo',
    input: 'create-brand-with-logo',
    extra: ['--fail', 'upload-logo', '--fail-compensation', 'create-brand'],
  },
  {
    name: 'create-order',
    file: `${W}/create-order.ts`,
    workflow: 'create-order',
    input: 'create-order',
  },
  {
    name: 'create-order.no-notification',
    file: `${W}/create-order.ts`,
    workflow: 'create-order',
    input: 'create-order-no-notification',
  },
  {
    name: 'create-order.card-declined',
    file: `${W}/create-order.ts`,
    workflow: 'create-order',
    input: 'create-order-card-declined',
  },
  {
    name: 'create-order.out-of-stock',
    file: `${W}/create-order.ts`,
    workflow: 'create-order',
    input: 'create-order-out-of-stock',
  },
  {
    name: 'create-order.fail-create-order',
    file: `${W}/create-order.ts`,
    workflow: 'create-order',
    input: 'create-order',
    extra: ['--fail', 'create-order'],
  },
  {
    name: 'create-order.fail-validate-inventory',
    file: `${W}/create-order.ts`,
    workflow: 'create-order',
    input: 'create-order',
    extra: ['--fail', 'validate-inventory'],
  },
  {
    name: 'create-order.fail-reserve-inventory',
    file: `${W}/create-order.ts`,
    workflow: 'create-order',
    input: 'create-order',
    extra: ['--fail', 'reserve-inventory'],
  },
  {
    name: 'create-order.fail-capture-payment',
    file: `${W}/create-order.ts`,
    workflow: 'create-order',
    input: 'create-order',
    extra: ['--fail', 'capture-payment'],
  },
  {
    name: 'create-order.fail-send-order-confirmation',
    file: `${W}/create-order.ts`,
    workflow: 'create-order',
    input: 'create-order',
    extra: ['--fail', 'send-order-confirmation'],
  },
  {
    name: 'create-order.fail-allocate-fail-compensation-capture-payment',
    file: `${W}/create-order.ts`,
    workflow: 'create-order',
    input: 'create-order',
    extra: ['--fail', 'allocate-to-warehouse', '--fail-compensation', 'capture-payment'],
  },
  {
    name: 'order-created-hook',
    file: `${W}/hooks/order-created.ts`,
    workflow: 'create-order',
    input: 'create-order',
  },
  {
    name: 'order-created-hook.fail-allocate-to-warehouse',
    file: `${W}/hooks/order-created.ts`,
    workflow: 'create-order',
    input: 'create-order',
    extra: ['--fail', 'allocate-to-warehouse'],
  },
  {
    name: 'order-created-hook.fail-orderCreated',
    file: `${W}/hooks/order-created.ts`,
    workflow: 'create-order',
    input: 'create-order',
    extra: ['--fail', 'orderCreated'],
  },
  {
    name: 'launch-brand',
    file: `${W}/launch-brand.ts`,
    workflow: 'launch-brand',
    input: 'launch-brand',
  },
  {
    name: 'launch-brand.no-products',
    file: `${W}/launch-brand.ts`,
    workflow: 'launch-brand',
    input: 'launch-brand-no-products',
  },
  {
    name: 'launch-brand.fail-nested-upload-logo',
    file: `${W}/launch-brand.ts`,
    workflow: 'launch-brand',
    input: 'launch-brand',
    // A step of the nested workflow is named by its path.
    extra: ['--fail', 'create-brand-with-logo/upload-logo'],
  },
];

/** Replaces each distinct ULID (transaction ids, run ids) with <id1>, <id2>... by first appearance. */
export function sanitize(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(/[0-9A-HJKMNP-TV-Z]{26}/g, (ulid) => {
    if (!seen.has(ulid)) seen.set(ulid, `<id${seen.size + 1}>`);
    return seen.get(ulid)!;
  });
}

describe('golden traces of the examples', function () {
  // Each case spawns the CLI; a loaded machine can take seconds.
  this.timeout(20000);
  for (const c of cases) {
    it(c.name, () => {
      const args = [
        'run',
        c.file,
        '--workflow',
        c.workflow,
        '--input',
        `@examples/inputs/${c.input}.json`,
      ];
      args.push('--mocks', 'examples/src/mocks.ts', '--trace', 'jsonl', ...(c.extra ?? []));
      const r = runCli(args);
      const outcome = JSON.stringify({ exit: r.code, stderr: r.stderr });
      const actual = sanitize(`${r.stdout}${outcome}\n`);
      const golden = join(GOLDEN_DIR, `${c.name}.jsonl`);
      const actualFile = `${golden}.actual`;
      if (process.env.UPDATE_GOLDEN === '1') {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(golden, actual);
        rmSync(actualFile, { force: true });
        return;
      }
      assert.ok(existsSync(golden), `missing golden ${golden}; run with UPDATE_GOLDEN=1`);
      const expected = readFileSync(golden, 'utf8');
      if (actual !== expected) {
        writeFileSync(actualFile, actual);
        assert.equal(actual, expected, `trace differs from ${golden} (see ${actualFile})`);
      }
      rmSync(actualFile, { force: true });
    });
  }
});
