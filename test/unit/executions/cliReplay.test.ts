// `medusa-workflows executions replay` on the built CLI: the JSONL trace of a replay equals the
// live run's, no handler runs, mismatches are lines of their own, bad input gets one sentence.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionRecord } from '../../../engine/src/executions/record';
import { ROOT, runCli, traceOf } from '../host/cli';

const CODE = 'test/fixtures/replay/order-replay.ts';
const RECORD = 'test/fixtures/replay/order-replay.reverted.json';

const withoutIds = (lines: Record<string, unknown>[]) =>
  lines.map(({ transactionId: _, ...rest }) => rest);

describe('cli executions replay', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'replay-cli-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const recordWith = (change: (r: ExecutionRecord) => void): string => {
    const record = JSON.parse(readFileSync(join(ROOT, RECORD), 'utf8')) as ExecutionRecord;
    change(record);
    const file = join(dir, `record-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(record));
    return file;
  };

  it('prints the live run trace, running no handler', () => {
    const live = runCli([
      'run',
      CODE,
      '--input',
      '{"sku":"tee","qty":2,"price":15}',
      '--trace',
      'jsonl',
    ]);
    assert.match(live.stderr, /ran ship-order/);
    const replay = runCli(['executions', 'replay', '--record', RECORD, '--file', CODE]);
    assert.equal(replay.code, 0, replay.stderr);
    assert.doesNotMatch(replay.stderr, /ran /, 'no handler or compensation ran');
    const lines = traceOf(replay.stdout);
    assert.deepEqual(withoutIds(lines), withoutIds(traceOf(live.stdout)));
    assert.equal(lines[0]?.transactionId, 'tx-replay-order-1', 'the recorded transaction id');
  });

  it('accepts the execution id or transaction id with --record, refuses another', () => {
    assert.equal(
      runCli(['executions', 'replay', 'tx-replay-order-1', '--record', RECORD, '--file', CODE])
        .code,
      0,
    );
    const other = runCli([
      'executions',
      'replay',
      'wf_exec_other',
      '--record',
      RECORD,
      '--file',
      CODE,
    ]);
    assert.equal(other.code, 2);
    assert.match(
      other.stderr,
      /holds execution wf_exec_01JREPLAYORDER0000000000, not wf_exec_other/,
    );
  });

  it('a renamed step: mismatch lines for both sides, the replay stops there (exit 1)', () => {
    const file = recordWith((r) => {
      for (const s of r.steps) {
        if (s.name === 'charge-card') s.name = 'charge-payment';
        s.path = s.path.replace('.charge-card', '.charge-payment');
        s.next = s.next.map((n) => n.replace('.charge-card', '.charge-payment'));
      }
    });
    const out = runCli(['executions', 'replay', '--record', file, '--file', CODE]);
    assert.equal(out.code, 1);
    const mismatches = traceOf(out.stdout).filter((l) => l.type === 'replay.mismatch');
    assert.deepEqual(
      mismatches.map((m) => `${String(m.kind)} ${String(m.step)}`),
      [
        'missing-in-code charge-payment',
        'missing-in-record charge-card',
        'record-ends charge-card',
      ],
    );
    assert.match(
      out.stderr,
      /replay of replay-order stopped: The record has no step "charge-card"/,
    );
  });

  it('bad input: one clear sentence, exit 2', () => {
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{ nope');
    const cases: [string[], RegExp][] = [
      [['--record', notJson], /bad\.json is not JSON/],
      [
        ['--record', recordWith((r) => delete (r as Partial<ExecutionRecord>).steps)],
        /has no "steps" list: not an execution record/,
      ],
      [
        ['--record', join(dir, 'missing.json')],
        /cannot read the record file .*missing\.json \(ENOENT\)/,
      ],
      [
        ['--record', RECORD],
        /cannot find the code of workflow replay-order: it names no source file; give the workflow file or the app folder/,
      ],
      [
        ['--record', RECORD, '--file', 'test/fixtures/debug/two-workflows.ts'],
        /does not define workflow replay-order; known: first-workflow, second-workflow/,
      ],
      [[], /replay needs an execution id/],
    ];
    for (const [args, message] of cases) {
      const out = runCli(['executions', 'replay', ...args]);
      assert.equal(out.code, 2, `${args.join(' ')}: ${out.stderr}`);
      assert.match(out.stderr, message);
      assert.equal(out.stderr.split('\n').filter(Boolean).length, 1, out.stderr);
    }
  });
});
