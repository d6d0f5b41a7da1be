// Where a replay finds its record and its code (engine/src/executions/replaySource.ts): the
// record's source path as is, or its `src/...` part in the app folder (a row written elsewhere,
// or by the built app under .medusa/server), and one sentence when neither is there.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRecord, findWorkflowFile } from '../../../engine/src/executions/replaySource';
import type { ExecutionRecord } from '../../../engine/src/executions/record';

const record = (sourcePath?: string): ExecutionRecord =>
  ({ workflowId: 'wf', transactionId: 't', steps: [], sourcePath }) as unknown as ExecutionRecord;

describe('executions: a replay finds its code', () => {
  let app: string;
  before(() => {
    app = mkdtempSync(join(tmpdir(), 'replay-src-'));
    mkdirSync(join(app, 'src', 'workflows'), { recursive: true });
    writeFileSync(join(app, 'src', 'workflows', 'order.ts'), '');
  });
  after(() => rmSync(app, { recursive: true, force: true }));

  it('the source path when it exists here', () => {
    const file = join(app, 'src', 'workflows', 'order.ts');
    assert.equal(findWorkflowFile(record(file), {}), file);
  });

  it("the src/ part in the app folder: another machine's path, or the built app's .js", () => {
    const want = join(app, 'src', 'workflows', 'order.ts');
    assert.equal(
      findWorkflowFile(record('/srv/shop/src/workflows/order.ts'), { appRoot: app }),
      want,
    );
    assert.equal(
      findWorkflowFile(record('/srv/shop/.medusa/server/src/workflows/order.js'), { appRoot: app }),
      want,
    );
  });

  it('an explicit file wins; missing code is one sentence', () => {
    assert.throws(
      () => findWorkflowFile(record('/srv/shop/src/workflows/gone.ts'), { appRoot: app }),
      /cannot find the code of workflow wf: its file \/srv\/shop\/src\/workflows\/gone\.ts is not here; give the workflow file$/,
    );
    assert.throws(
      () => findWorkflowFile(record(), { explicit: 'nope.ts', cwd: app }),
      /workflow file not found: .*nope\.ts/,
    );
  });

  it('a value that is not an execution record is refused, naming what is missing', () => {
    assert.throws(() => checkRecord([], 'x.json'), /x\.json is not an object/);
    assert.throws(() => checkRecord({ workflowId: 'w' }, 'x.json'), /has no "transactionId"/);
    assert.throws(
      () => checkRecord({ workflowId: 'w', transactionId: 't', steps: [{ name: 'a' }] }, 'x.json'),
      /has a step without "name" or "path"/,
    );
  });
});
