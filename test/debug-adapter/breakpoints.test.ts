// Source and function breakpoints on the examples: verification, moved and unverified lines,
// the stack and variables at a stop, conditions and hit counts.
import * as assert from 'node:assert';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import {
  exampleArgs,
  file,
  fixtureArgs,
  FIXTURES,
  launchToStop,
  lineOf,
  scopeVars,
  startClient,
  stepAndStop,
  topFrames,
  variableAt,
  children,
} from './helpers';
import { join } from 'node:path';

describe('debug adapter: breakpoints', function () {
  this.timeout(40000);
  let dc: DebugClient;
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await dc.stop();
  });

  it('stops on a step call in the composer with the step frame, the workflow frame and variables', async () => {
    const callLine = lineOf(file.brandWithLogo, 'createBrandStep({');
    const stopped = await launchToStop(
      dc,
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo'),
      {
        breakpoints: [{ path: file.brandWithLogo, lines: [callLine] }],
      },
    );
    assert.strictEqual(stopped.body.reason, 'breakpoint');
    const frames = await topFrames(dc, stopped.body.threadId);
    assert.deepStrictEqual(
      frames.map((f) => [f.name, f.source?.path, f.line]),
      [
        [
          'create-brand (invoke)',
          file.createBrandStep,
          lineOf(file.createBrandStep, 'async (input'),
        ],
        ['create-brand-with-logo', file.brandWithLogo, callLine],
      ],
    );
    const step = await scopeVars(dc, frames[0]!.id, 'Step');
    assert.strictEqual(step.get('attempt')?.value, '1');
    assert.strictEqual(step.get('output')?.value, 'undefined');
    const input = await children(dc, step.get('input')!.variablesReference);
    assert.strictEqual(input.get('name')?.value, '"Acme Outdoor"');
    assert.strictEqual(input.get('handle')?.value, '"acme-outdoor"');
    const wf = await scopeVars(dc, frames[0]!.id, 'Workflow');
    assert.strictEqual(wf.get('workflow')?.value, '"create-brand-with-logo"');
    assert.match(wf.get('transaction id')?.value ?? '', /^".+"$/);
    const steps = await children(dc, wf.get('steps')!.variablesReference);
    assert.deepStrictEqual([...steps.keys()], ['create-brand', 'upload-logo', 'update-brand']);
    const calls = await scopeVars(dc, frames[0]!.id, 'Container calls');
    assert.strictEqual(calls.size, 0, 'nothing called before the first step');
  });

  it('verifies lines in invoke and compensate bodies, moves blank lines, rejects other lines with a reason', async () => {
    const f = file.uploadLogoStep;
    const invokeBody = lineOf(f, 'container.resolve', 'async (input');
    const compensateBody = lineOf(f, 'if (!fileId) return;');
    const importLine = lineOf(f, 'import { createStep');
    const stopped = launchToStop(dc, exampleArgs(file.brandWithLogo, 'create-brand-with-logo'), {
      configure: async () => {
        const r = await dc.setBreakpointsRequest({
          source: { path: f },
          breakpoints: [{ line: invokeBody }, { line: compensateBody }, { line: importLine }],
        });
        const [inv, comp, imp] = r.body.breakpoints;
        assert.deepStrictEqual([inv?.verified, inv?.line], [true, invokeBody]);
        assert.deepStrictEqual([comp?.verified, comp?.line], [true, compensateBody]);
        assert.strictEqual(imp?.verified, false);
        assert.match(imp?.message ?? '', /Not a workflow step/);
        const transformLine = lineOf(file.brandWithLogo, '.toLowerCase()');
        const t = await dc.setBreakpointsRequest({
          source: { path: file.brandWithLogo },
          breakpoints: [{ line: transformLine }],
        });
        assert.strictEqual(t.body.breakpoints[0]?.verified, false);
        assert.match(t.body.breakpoints[0]?.message ?? '', /transform is not a step/);
        await dc.setBreakpointsRequest({
          source: { path: f },
          breakpoints: [{ line: invokeBody }],
        });
      },
    });
    const ev = await stopped;
    const frames = await topFrames(dc, ev.body.threadId);
    assert.strictEqual(frames[0]?.name, 'upload-logo (invoke)');
  });

  it('moves a breakpoint on a blank line of a step body to the step line', async () => {
    const f = join(FIXTURES, 'blank-lines.ts');
    const blank = lineOf(f, '// blank line follows') + 1;
    const stepLine = lineOf(f, 'async (input: { n: number })');
    let moved: unknown;
    const ev = await launchToStop(dc, fixtureArgs('blank-lines.ts'), {
      configure: async () => {
        const r = await dc.setBreakpointsRequest({
          source: { path: f },
          breakpoints: [{ line: blank }],
        });
        moved = [r.body.breakpoints[0]?.verified, r.body.breakpoints[0]?.line];
      },
    });
    assert.deepStrictEqual(moved, [true, stepLine]);
    const frames = await topFrames(dc, ev.body.threadId);
    assert.deepStrictEqual([frames[0]?.name, frames[0]?.line], ['spaced (invoke)', stepLine]);
  });

  it('function breakpoints by step name and for compensations; unknown names are unverified', async () => {
    const first = await launchToStop(
      dc,
      exampleArgs(file.brandWithLogo, 'create-brand-with-logo', { failSteps: ['update-brand'] }),
      {
        configure: async () => {
          const r = await dc.setFunctionBreakpointsRequest({
            breakpoints: [
              { name: 'upload-logo' },
              { name: 'compensate:create-brand' },
              { name: 'no-such-step' },
            ],
          });
          assert.deepStrictEqual(
            r.body.breakpoints.map((b) => b.verified),
            [true, true, false],
          );
          assert.match(r.body.breakpoints[2]?.message ?? '', /No step named "no-such-step"/);
        },
      },
    );
    assert.strictEqual(first.body.reason, 'breakpoint');
    assert.strictEqual((await topFrames(dc, first.body.threadId))[0]?.name, 'upload-logo (invoke)');
    const second = await stepAndStop(dc, 'continue', first.body.threadId);
    const frames = await topFrames(dc, second.body.threadId);
    assert.strictEqual(frames[0]?.name, 'create-brand (compensate)');
    assert.strictEqual(frames[0]?.line, lineOf(file.createBrandStep, 'async (brandId'));
    const compInput = await variableAt(dc, frames[0].id, 'Step', ['compensate input']);
    assert.match(compInput.value, /^"brand_/);
  });

  it('conditions and hit counts', async () => {
    const f = join(FIXTURES, 'hundred.ts');
    const line = lineOf(f, 'async (input: { n: number })');
    const stopped = await launchToStop(dc, fixtureArgs('hundred.ts', { input: { n: 0 } }), {
      breakpoints: [
        { path: f, lines: [line], conditions: { [line]: { condition: 'input.n % 10 === 3' } } },
      ],
    });
    const names: string[] = [];
    let ev = stopped;
    for (let i = 0; i < 3; i++) {
      if (i > 0) ev = await stepAndStop(dc, 'continue', ev.body.threadId);
      names.push((await topFrames(dc, ev.body.threadId))[0]!.name);
    }
    assert.deepStrictEqual(names, ['step-3 (invoke)', 'step-13 (invoke)', 'step-23 (invoke)']);

    // Replace it by a hit count: every 25th hit of the new breakpoint (counted from step-24).
    await dc.setBreakpointsRequest({
      source: { path: f },
      breakpoints: [{ line, hitCondition: '%25' }],
    });
    ev = await stepAndStop(dc, 'continue', ev.body.threadId);
    const name = (await topFrames(dc, ev.body.threadId))[0]!.name;
    assert.strictEqual(name, 'step-48 (invoke)');
  });

  it('an invalid hit condition is unverified with its reason', async () => {
    const f = join(FIXTURES, 'hundred.ts');
    const line = lineOf(f, 'async (input: { n: number })');
    let r: Awaited<ReturnType<DebugClient['setBreakpointsRequest']>> | undefined;
    await launchToStop(dc, fixtureArgs('hundred.ts', { input: { n: 0 }, stopOnEntry: true }), {
      configure: async () => {
        r = await dc.setBreakpointsRequest({
          source: { path: f },
          breakpoints: [{ line, hitCondition: 'sometimes' }],
        });
      },
    });
    assert.strictEqual(r?.body.breakpoints[0]?.verified, false);
    assert.match(r?.body.breakpoints[0]?.message ?? '', /Invalid hit condition "sometimes"/);
  });
});
