// Replay launches of executions Medusa's own engine stored (the fixture rows): a replay read
// from Postgres by execution id stops at a compensation breakpoint with the row's compensate
// input, its file found from the row's source path.
import * as assert from 'node:assert';
import { dirname, join } from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { openExecutionStore } from '../../engine/src/executions/reader';
import { executionsFixture } from '../app/executionsFixture';
import { APP } from '../app/fixtureApp';
import { collectOutput, launchToStop, startClient, topFrames, variableAt } from './helpers';

describe('debug adapter: replay of a stored execution from the database', function () {
  this.timeout(600000);
  let dc: DebugClient;
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await dc.stop();
  });

  it('the reverted order stops at the compensation of charge-payment with its recorded input', async () => {
    const fixture = await executionsFixture();
    const store = openExecutionStore(fixture.url);
    const record = await store.get(fixture.run('order-reverted').transactionId);
    await store.close();
    assert.ok(record);
    const output = collectOutput(dc);
    const stopped = await launchToStop(
      dc,
      { replay: { execution: record.id, databaseUrl: fixture.url }, cwd: APP },
      { functions: ['compensate:charge-payment'] },
    );
    const frames = await topFrames(dc, stopped.body.threadId);
    assert.strictEqual(frames[0]?.name, 'charge-payment (compensate)');
    // No "program": the workflow's file came from the row's source path; the frame is the
    // compensation's own code beside it.
    assert.strictEqual(frames[0]?.source?.path, join(dirname(record.sourcePath!), 'steps.ts'));
    const charge = record.steps.find((s) => s.name === 'charge-payment')!;
    const input = await variableAt(dc, frames[0].id, 'Step', ['compensate input', 'chargeId']);
    assert.strictEqual(
      input.value,
      JSON.stringify((charge.compensateInput as { chargeId: string }).chargeId),
    );
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: stopped.body.threadId });
    await terminated;
    assert.doesNotMatch(output.text(), /Replay: /, 'the code matches the row');
  });
});
