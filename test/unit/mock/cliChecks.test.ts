// `medusa-workflows run --auto-mock` on a user's workflow whose own step throws unless a made-up
// record passes a field check: the CLI hands the analyzer's checks to the auto-mocked container.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const WORKFLOW = join(ROOT, 'test/fixtures/mock/checks/src/workflows/reward-customer.ts');

describe('cli run --auto-mock: the field checks of the workflow’s own steps', function () {
  this.timeout(90_000);

  it('makes up a customer with an account for `if (!customer.has_account) throw`', () => {
    const r = spawnSync(
      process.execPath,
      [
        CLI,
        'run',
        WORKFLOW,
        '--workflow',
        'reward-customer',
        '--input',
        '{"cart_id":"cart_1"}',
      ].concat('--auto-mock'),
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', MEDUSA_DISABLE_TELEMETRY: 'true' },
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const customer = JSON.parse(r.stdout) as { has_account?: unknown };
    assert.equal(customer.has_account, true);
  });
});
