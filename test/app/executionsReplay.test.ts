// App suite (mocha, Node): replays of executions that Medusa 2.21's own engine stored (the
// fixture rows of scripts/executions-fixture.mjs), read from Postgres by the CLI: the reverted
// order replays to the same trace as a live run of its payload and agrees with its row; the same
// row against code whose step was renamed reports the mismatch.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openExecutionStore } from '../../engine/src/executions/reader';
import type { ExecutionRecord } from '../../engine/src/executions/record';
import { spawnSync } from 'node:child_process';
import { executionsFixture, type Fixture } from './executionsFixture';
import { APP, ROOT } from './fixtureApp';

const STORED = join(APP, 'src', 'workflows', 'stored');

type Line = Record<string, unknown>;

function runCli(args: string[], options: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const traceOf = (stdout: string): Line[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);
const withoutIds = (lines: Line[]) => lines.map(({ transactionId: _, ...rest }) => rest);

describe('executions replay (rows written by the real Medusa engine)', function () {
  // Building the rows boots Medusa twice (migrate, exec) the first time only.
  this.timeout(600000);
  let fixture: Fixture;
  let record: ExecutionRecord;

  before(async () => {
    fixture = await executionsFixture();
    const store = openExecutionStore(fixture.url);
    try {
      const found = await store.get(fixture.run('order-reverted').transactionId);
      assert.ok(found, 'the reverted row');
      record = found;
    } finally {
      await store.close();
    }
  });

  it('the reverted execution replays to the trace of a live run of its payload, as its row says', () => {
    const { transactionId } = fixture.run('order-reverted');
    const replay = runCli(
      ['executions', 'replay', transactionId, '--database-url', fixture.url, '--app', APP],
      { cwd: APP },
    );
    assert.equal(replay.code, 0, replay.stderr);
    const lines = traceOf(replay.stdout);
    assert.equal(lines[0]?.transactionId, transactionId);
    const live = runCli([
      'run',
      join(STORED, 'stored.ts'),
      '--workflow',
      'stored-order',
      '--input',
      JSON.stringify(record.payload),
      '--trace',
      'jsonl',
    ]);
    assert.equal(live.code, 1, live.stderr);
    assert.deepEqual(withoutIds(lines), withoutIds(traceOf(live.stdout)));

    // Checked against the row itself: outputs, the error, the compensations and the end state.
    const outputs = lines.filter((l) => l.type === 'step.success' && l.action === 'invoke');
    for (const l of outputs) {
      const step = record.steps.find((s) => s.name === l.step);
      assert.deepEqual(l.output, step?.output, `output of ${String(l.step)}`);
    }
    const failure = lines.find((l) => l.type === 'step.failure');
    const failed = record.steps.find((s) => s.invoke.state === 'failed')!;
    assert.equal(failure?.step, failed.name);
    assert.deepEqual(failure?.error, { message: failed.invokeError?.message });
    const compensated = lines
      .filter((l) => l.type === 'step.success' && l.action === 'compensate')
      .map((l) => l.step);
    const reverted = record.steps
      .filter((s) => !s.noCompensation && s.compensate.state === 'reverted')
      .map((s) => s.name);
    assert.deepEqual([...compensated].sort(), [...reverted].sort());
    // Deeper steps compensate first, as Medusa scans them.
    const depth = (name: unknown) => record.steps.find((s) => s.name === name)!.depth;
    assert.deepEqual(
      compensated.map(depth),
      compensated.map(depth).sort((a, b) => b - a),
    );
    assert.equal(lines.at(-1)?.state, record.state);
  });

  it('the same row against code where a step was renamed: the mismatch, never dropped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-renamed-'));
    try {
      copyFileSync(join(STORED, 'stored.ts'), join(dir, 'stored.ts'));
      const steps = readFileSync(join(STORED, 'steps.ts'), 'utf8');
      writeFileSync(join(dir, 'steps.ts'), steps.replace("'charge-payment'", "'charge-card'"));
      const { transactionId } = fixture.run('order-reverted');
      const out = runCli([
        'executions',
        'replay',
        transactionId,
        '--database-url',
        fixture.url,
        '--file',
        join(dir, 'stored.ts'),
      ]);
      assert.equal(out.code, 1);
      const mismatches = traceOf(out.stdout)
        .filter((l) => l.type === 'replay.mismatch')
        .map((l) => `${String(l.kind)} ${String(l.step)}`);
      assert.deepEqual(mismatches, [
        'missing-in-code charge-payment',
        'missing-in-record charge-card',
        'record-ends charge-card',
      ]);
      assert.match(out.stderr, /stopped: The record has no step "charge-card"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bad input: an unknown execution, an unreachable database', () => {
    const unknown = runCli(['executions', 'replay', 'wf_exec_nope', '--database-url', fixture.url]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no execution wf_exec_nope/);
    const down = runCli([
      'executions',
      'replay',
      'wf_exec_nope',
      '--database-url',
      'postgres://someone:secret@127.0.0.1:1/db',
    ]);
    assert.equal(down.code, 2);
    assert.doesNotMatch(down.stderr, /secret/, 'credentials never shown');
    assert.equal(down.stderr.split('\n').filter(Boolean).length, 1, down.stderr);
  });
});
