// Every launch-configuration mistake is answered with a clear error on the launch request.
import * as assert from 'node:assert';
import { join } from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { exampleArgs, file, FIXTURES, fixtureArgs, launch, startClient, EXAMPLES } from './helpers';

async function launchError(args: Record<string, unknown>): Promise<string> {
  const dc = await startClient();
  try {
    await launch(dc, args);
  } catch (err) {
    return (err as Error).message;
  } finally {
    await dc.stop();
  }
  assert.fail('launch succeeded but should have failed');
}

describe('debug adapter: launch configuration errors', function () {
  this.timeout(40000);

  it('missing program attribute', async () => {
    assert.match(await launchError({ cwd: FIXTURES }), /"program" is required/);
  });

  it('program file does not exist', async () => {
    const msg = await launchError(fixtureArgs('no-such-file.ts'));
    assert.match(msg, /Workflow file not found: .*no-such-file\.ts/);
  });

  it('unknown workflow id lists the known ids', async () => {
    const msg = await launchError(
      fixtureArgs('two-workflows.ts', { workflow: 'third-workflow', input: { name: 'x' } }),
    );
    assert.match(msg, /Unknown workflow "third-workflow"/);
    assert.match(msg, /Known workflows: first-workflow, second-workflow/);
  });

  it('several workflows and none named', async () => {
    const msg = await launchError(fixtureArgs('two-workflows.ts', { input: { name: 'x' } }));
    assert.match(
      msg,
      /defines several workflows; set "workflow" to one of: first-workflow, second-workflow/,
    );
  });

  it('bad JSON in input', async () => {
    const msg = await launchError(
      fixtureArgs('two-workflows.ts', { workflow: 'first-workflow', input: '{"name": ' }),
    );
    assert.match(msg, /"input" is not valid JSON/);
  });

  it('bad JSON in inputFile', async () => {
    const msg = await launchError(
      fixtureArgs('two-workflows.ts', { workflow: 'first-workflow', inputFile: 'bad-input.json' }),
    );
    assert.match(msg, /"inputFile" .*bad-input\.json is not valid JSON/);
  });

  it('unreadable inputFile', async () => {
    const msg = await launchError(
      fixtureArgs('two-workflows.ts', { workflow: 'first-workflow', inputFile: 'missing.json' }),
    );
    assert.match(msg, /Cannot read "inputFile" .*missing\.json: ENOENT/);
  });

  it('input and inputFile together', async () => {
    const msg = await launchError(
      fixtureArgs('two-workflows.ts', { input: {}, inputFile: 'input.json' }),
    );
    assert.match(msg, /either "input" or "inputFile", not both/);
  });

  it('unknown step names in failSteps and failCompensations', async () => {
    const msg = await launchError(
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', {
        failSteps: ['create-brand', 'nope'],
      }),
    );
    assert.match(msg, /Unknown step "nope" in "failSteps"/);
    assert.match(msg, /create-brand, upload-logo, update-brand/);
    const msg2 = await launchError(
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { failCompensations: ['ghost'] }),
    );
    assert.match(msg2, /Unknown step "ghost" in "failCompensations"/);
  });

  it('failSteps: a bare name of a nested step is an error naming its path', async () => {
    const msg = await launchError(
      exampleArgs(file.launchBrand, 'launch-brand', { failSteps: ['upload-logo'] }),
    );
    assert.match(
      msg,
      /Step "upload-logo" in "failSteps" is not a step of launch-brand itself; name a nested step by its path: create-brand-with-logo\/upload-logo\./,
    );
  });

  it('mocks module not found', async () => {
    const msg = await launchError(
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', {
        mocks: join(EXAMPLES, 'src', 'nope'),
      }),
    );
    assert.match(msg, /Mocks module not found: .*nope/);
  });

  it('cwd that is not a directory', async () => {
    const msg = await launchError({ program: file.brandWithLogo, cwd: join(FIXTURES, 'nowhere') });
    assert.match(msg, /"cwd" is not a directory/);
  });

  it('bad failSteps type and bad container value', async () => {
    assert.match(
      await launchError(fixtureArgs('two-workflows.ts', { failSteps: 'say-hello' })),
      /"failSteps" must be a list of step names/,
    );
    assert.match(
      await launchError(fixtureArgs('two-workflows.ts', { container: 'magic' })),
      /"container" must be "auto", "empty" or "app"/,
    );
  });

  it('"container": "app" with a non-boolean allowRemoteDatabase', async () => {
    assert.match(
      await launchError(
        fixtureArgs('two-workflows.ts', { container: 'app', allowRemoteDatabase: 'yes' }),
      ),
      /"allowRemoteDatabase" must be true or false/,
    );
  });

  it('"container": "app" from a folder that is not in a Medusa app', async () => {
    assert.match(
      await launchError(fixtureArgs('two-workflows.ts', { container: 'app' })),
      /No Medusa application found from .*: no medusa-config\.ts or medusa-config\.js/,
    );
  });

  it('a syntax error in the workflow file is reported with its location', async () => {
    const msg = await launchError(fixtureArgs('syntax-error.ts'));
    assert.match(msg, /Cannot load .*syntax-error\.ts: .*syntax-error\.ts:\d+/);
  });

  it('a valid launch succeeds and the session ends', async () => {
    const dc: DebugClient = await startClient();
    try {
      const terminated = dc.waitForEvent('terminated');
      await launch(
        dc,
        fixtureArgs('two-workflows.ts', { workflow: 'first-workflow', inputFile: 'input.json' }),
      );
      await terminated;
    } finally {
      await dc.stop();
    }
  });
});
