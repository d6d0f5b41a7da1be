// Unit tests (mocha, Node): `medusa-workflows executions` argument parsing.
import * as assert from 'node:assert/strict';
import { UsageError } from '../../../cli/args';
import { parseExecutionsArgs } from '../../../cli/executionsArgs';

const NOW = Date.parse('2026-12-04T12:00:00.000Z');

describe('parseExecutionsArgs', () => {
  it('reads list filters, paging and --json', () => {
    const args = parseExecutionsArgs(
      [
        'list',
        '--database-url=postgres://localhost/shop',
        '--workflow',
        'stored-order',
        '--state',
        'reverted,failed',
        '--since',
        '6h',
        '--until',
        '2026-12-04T11:00:00Z',
        '--limit',
        '5',
        '--offset=10',
        '--json',
      ],
      NOW,
    );
    assert.deepEqual(args, {
      command: 'list',
      positional: [],
      databaseUrl: 'postgres://localhost/shop',
      workflow: 'stored-order',
      state: ['reverted', 'failed'],
      since: '2026-12-04T06:00:00.000Z',
      until: '2026-12-04T11:00:00.000Z',
      limit: 5,
      offset: 10,
      json: true,
      help: false,
      rest: [],
    });
  });

  it('keeps the id of show and the options it does not know (for replay)', () => {
    const args = parseExecutionsArgs(['show', 'wf_exec_1', '--app', 'shop', '--stop-at', 'x']);
    assert.equal(args.command, 'show');
    assert.deepEqual(args.positional, ['wf_exec_1']);
    assert.equal(args.app, 'shop');
    assert.deepEqual(args.rest, ['--stop-at', 'x']);
  });

  it('refuses bad values with one clear line', () => {
    const cases: [string[], RegExp][] = [
      [['list', '--state', 'sleeping'], /unknown --state 'sleeping'/],
      [['list', '--since', 'yesterday'], /ISO date\/time or a duration/],
      [['list', '--limit', '0'], /--limit expects a whole number above 0/],
      [['list', '--offset', '-1'], /--offset expects a whole number/],
      [['list', '--workflow'], /--workflow needs a value/],
      [['list', '--app', 'a', '--database-url', 'postgres://x/y'], /not both/],
      [['list', '--limit', '1', '--limit', '2'], /given more than once/],
      [['list', '--json=yes'], /takes no value/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(
        () => parseExecutionsArgs(argv, NOW),
        (e: unknown) => {
          assert.ok(e instanceof UsageError, String(e));
          assert.match(e.message, message);
          return true;
        },
      );
    }
  });
});
