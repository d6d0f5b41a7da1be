// Replay launches: a stored execution (here a saved record of the order fixture) replayed in the
// debugger stops at a compensation breakpoint with the recorded compensate input, its Variables
// show recomputed inputs and recorded outputs, and no handler runs; bad replay configurations
// fail the launch with one clear sentence.
import * as assert from 'node:assert';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import {
  collectOutput,
  errorOf,
  launch,
  launchToStop,
  ROOT,
  startClient,
  stepAndStop,
  topFrames,
  variableAt,
  followStates,
} from './helpers';

const DIR = join(ROOT, 'test', 'fixtures', 'replay');
const CODE = join(DIR, 'order-replay.ts');
const RECORD = join(DIR, 'order-replay.reverted.json');

describe('debug adapter: replay of a stored execution', function () {
  this.timeout(40000);
  let dc: DebugClient;
  let tmp: string;
  before(() => (tmp = mkdtempSync(join(tmpdir(), 'replay-dap-'))));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await dc.stop();
  });

  it('stops at a compensation breakpoint with the recorded compensate input; no handler runs', async () => {
    const output = collectOutput(dc);
    const states = followStates(dc);
    const first = await launchToStop(
      dc,
      { program: CODE, replayFile: RECORD, cwd: DIR },
      { functions: ['charge-card', 'compensate:reserve-stock'] },
    );
    assert.strictEqual(first.body.reason, 'breakpoint');
    let frames = await topFrames(dc, first.body.threadId);
    assert.strictEqual(frames[0]?.name, 'charge-card (invoke)');
    const input = await variableAt(dc, frames[0].id, 'Step', ['input', 'amount']);
    assert.strictEqual(input.value, '30', 'the transform is recomputed from the payload');

    const second = await stepAndStop(dc, 'continue', first.body.threadId);
    frames = await topFrames(dc, second.body.threadId);
    assert.strictEqual(frames[0]?.name, 'reserve-stock (compensate)');
    const comp = await variableAt(dc, frames[0].id, 'Step', ['compensate input', 'sku']);
    assert.strictEqual(comp.value, '"tee"');
    const state = states.at(-1)!;
    assert.deepStrictEqual(state.rollback, ['charge-card', 'reserve-stock']);
    const ship = state.snapshot.steps.find((s) => s.step === 'ship-order');
    assert.strictEqual(ship?.invoke.state, 'failed');
    assert.match(JSON.stringify(ship?.invoke.error), /carrier refused res-tee/);

    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: second.body.threadId });
    await terminated;
    assert.doesNotMatch(output.byCategory('stderr'), /ran /, 'no handler nor compensation ran');
    assert.match(
      output.text(),
      /Replaying execution wf_exec_01JREPLAYORDER0000000000 of replay-order \(transaction tx-replay-order-1, recorded reverted\)/,
    );
  });

  it('re-runs the compensations against the chosen container when asked; invoke handlers still do not run', async () => {
    const output = collectOutput(dc);
    const stopped = await launchToStop(
      dc,
      {
        program: join(DIR, 'order-replay-container.ts'),
        replayFile: RECORD,
        cwd: DIR,
        rerunCompensations: true,
        mocks: join(DIR, 'replay-mocks.ts'),
      },
      { functions: ['compensate:reserve-stock'] },
    );
    const frames = await topFrames(dc, stopped.body.threadId);
    assert.strictEqual(frames[0]?.name, 'reserve-stock (compensate)');
    const comp = await variableAt(dc, frames[0].id, 'Step', ['compensate input', 'sku']);
    assert.strictEqual(comp.value, '"tee"', 'the recorded compensate input');
    // charge-card's compensation already ran, on the mocks' services; reserve-stock's waits.
    await output.waitFor(/mock payments\.refund pay_1/);
    assert.doesNotMatch(output.byCategory('stderr'), /mock stock\.release/);

    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: stopped.body.threadId });
    await terminated;
    await output.waitFor(/mock stock\.release tee/);
    const stderr = output.byCategory('stderr');
    assert.ok(
      stderr.indexOf('mock payments.refund pay_1') < stderr.indexOf('mock stock.release tee'),
      'in the recorded rollback order',
    );
    assert.doesNotMatch(
      stderr,
      /ran (reserve-stock|charge-card|ship-order)/,
      'no invoke handler ran',
    );
    assert.match(output.text(), /steps answer from the record; compensations run their code\./);
  });

  it('finds the workflow file from the record when "program" is absent (app folder)', async () => {
    const app = mkdtempSync(join(tmp, 'app-'));
    const record = JSON.parse(readFileSync(RECORD, 'utf8')) as Record<string, unknown>;
    record.sourcePath = '/srv/shop/src/workflows/order-replay.ts';
    const file = join(app, 'record.json');
    writeFileSync(file, JSON.stringify(record));
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(join(app, 'src', 'workflows'), { recursive: true });
    copyFileSync(CODE, join(app, 'src', 'workflows', 'order-replay.ts'));
    const stopped = await launchToStop(
      dc,
      { replayFile: file, cwd: app },
      { functions: ['compensate:charge-card'] },
    );
    const frames = await topFrames(dc, stopped.body.threadId);
    assert.strictEqual(frames[0]?.name, 'charge-card (compensate)');
    assert.strictEqual(frames[0]?.source?.path, join(app, 'src', 'workflows', 'order-replay.ts'));
  });

  it('a renamed step is reported in the Debug Console and the session ends there', async () => {
    const output = collectOutput(dc);
    const record = readFileSync(RECORD, 'utf8').replaceAll('charge-card', 'charge-payment');
    const file = join(tmp, 'renamed.json');
    writeFileSync(file, record);
    const terminated = dc.waitForEvent('terminated');
    await launch(dc, { program: CODE, replayFile: file, cwd: DIR });
    await output.waitFor(/Replay stopped at step "charge-card"/);
    const text = output.text();
    assert.match(text, /Step "charge-payment" .* of the record is not in the code/);
    assert.match(text, /Step "charge-card" of the code is not in the record/);
    await terminated;
  });

  it('bad replay configurations fail the launch with a clear message', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ replayFile: RECORD, replay: { execution: 'x' } }, /either "replay" or "replayFile"/],
      [{ replay: 'wf_exec_1' }, /"replay" must be an object/],
      [{ replay: {} }, /"replay.execution" must be an execution id/],
      [{ replayFile: RECORD, input: {} }, /"input" cannot be used with a replay/],
      [{ replayFile: RECORD, rerunCompensations: true }, /choose their container/],
      [{ program: CODE, rerunCompensations: true }, /applies to a replay/],
      [
        { replayFile: join(tmp, 'missing.json') },
        /Cannot replay: cannot read the record file .*ENOENT/,
      ],
      [{ replayFile: RECORD }, /Cannot replay: cannot find the code of workflow replay-order/],
      [
        { replayFile: RECORD, program: CODE, workflow: 'other' },
        /of workflow "replay-order", not "other"/,
      ],
    ];
    for (const [args, message] of cases) {
      const error = await errorOf(dc.launch({ cwd: DIR, ...args }));
      assert.match(error, message, JSON.stringify(args));
    }
  });
});
