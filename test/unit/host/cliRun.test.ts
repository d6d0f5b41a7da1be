// The built CLI's `run` command: exit codes, one-line reasons, trace shapes, forced failures, mocks.
import * as assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, traceOf, type CliResult } from './cli';
import { tempProject, type TempProject } from './tempProject';

const ORDER = 'examples/src/workflows/create-order.ts';
const ORDER_INPUT = '@examples/inputs/create-order.json';
const MOCKS = 'examples/src/mocks.ts';

/** Exit 2, nothing on stdout, exactly one line on stderr (no stack) containing `text`. */
function assertCannotRun(r: CliResult, text: string): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
  assert.ok(lines[0]!.startsWith('medusa-workflows: '), lines[0]);
  assert.ok(lines[0]!.includes(text), `stderr should contain ${JSON.stringify(text)}: ${lines[0]}`);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
}

const WF_HEADER = `import { createStep, createWorkflow, StepResponse, WorkflowResponse } from '@medusajs/framework/workflows-sdk';\n`;

describe('cli run', function () {
  this.timeout(20000);
  let project: TempProject | undefined;
  afterEach(() => project?.remove());

  describe('when it cannot run (exit 2, one line, no stack)', () => {
    it('prints usage for no command and --help', () => {
      const none = runCli([]);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /^Usage: medusa-workflows/);
      const help = runCli(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /run <file> --workflow <id>/);
      assert.match(help.stdout, /graph <path/);
      assert.match(help.stdout, /check <path/);
      assert.equal(runCli(['run', '--help']).code, 0);
    });

    const misuse: [string, string[], string][] = [
      ['an unknown command', ['frobnicate'], "unknown command 'frobnicate'"],
      ['no file', ['run', '--workflow', 'x'], 'run needs a workflow file'],
      ['two files', ['run', ORDER, ORDER], `unexpected argument ${ORDER}`],
      [
        'a missing file',
        ['run', 'nowhere/wf.ts', '--workflow', 'x'],
        'file not found: nowhere/wf.ts',
      ],
      ['an unknown option', ['run', ORDER, '--colour'], 'unknown option --colour'],
      ['an option without its value', ['run', ORDER, '--workflow'], '--workflow needs a value'],
      ['an empty step in a list', ['run', ORDER, '--fail', 'a,,b'], '--fail expects step names'],
      [
        'an unsupported trace format',
        ['run', ORDER, '--trace', 'xml'],
        "unsupported --trace format 'xml'",
      ],
      ['bad inline JSON', ['run', ORDER, '--input', '{"email":'], 'invalid JSON in --input'],
      [
        'a missing input file',
        ['run', ORDER, '--input', '@nowhere.json'],
        'cannot read input file nowhere.json',
      ],
      [
        'an unknown workflow (listing the known ids)',
        ['run', 'examples/src/workflows/launch-brand.ts', '--workflow', 'nope'],
        "unknown workflow 'nope' in examples/src/workflows/launch-brand.ts; known: create-brand-with-logo, launch-brand",
      ],
      [
        'several workflows and no --workflow',
        ['run', 'examples/src/workflows/launch-brand.ts'],
        'pick a workflow of examples/src/workflows/launch-brand.ts with --workflow: create-brand-with-logo, launch-brand',
      ],
      [
        'a missing mocks module',
        ['run', ORDER, '--mocks', 'nowhere/mocks.ts'],
        'file not found: nowhere/mocks.ts',
      ],
      [
        "a workflow Medusa cannot run (a '.' in a step name): its TypeError, and why",
        ['run', 'test/fixtures/debug/dotted-name.ts'],
        `Cannot read properties of undefined (reading 'id'): step "cart.create" has a "." in its name`,
      ],
    ];
    for (const [what, args, text] of misuse) {
      it(`reports ${what}`, () => assertCannotRun(runCli(args), text));
    }

    it('dispatches graph and check to the analyzer commands', () => {
      assertCannotRun(runCli(['graph', ORDER, '--bogus']), 'unknown option --bogus for graph');
      assertCannotRun(runCli(['check', ORDER, '--bogus']), 'unknown option --bogus for check');
    });

    it('reports a forced failure naming no step of the loaded workflows', () => {
      assertCannotRun(
        runCli(['run', ORDER, '--fail-compensation', 'capture-paymnt']),
        "unknown step 'capture-paymnt' in --fail-compensation; steps of create-order: validate-inventory, create-order, reserve-inventory, capture-payment, orderCreated, send-order-confirmation, allocate-to-warehouse",
      );
    });

    it('reports bad JSON in an input file with the file name', () => {
      project = tempProject({ 'input.json': '{ "a": 1,, }' });
      assertCannotRun(
        runCli(['run', ORDER, '--input', `@${project.path('input.json')}`]),
        `invalid JSON in ${project.path('input.json')}`,
      );
    });

    it('reports a syntax error as file:line:col', () => {
      project = tempProject({
        'wf.ts': `${WF_HEADER}export const wf = createWorkflow('x', () => {\n  const a = ;\n});\n`,
      });
      const file = project.path('wf.ts');
      assertCannotRun(
        runCli(['run', file, '--workflow', 'x']),
        `${file}:3:13: Expression expected.`,
      );
    });

    it('reports an error thrown while defining the workflow at the user line', () => {
      project = tempProject({
        'wf.ts': `${WF_HEADER}const s = createStep('same', async () => new StepResponse(1));\nexport const wf = createWorkflow('dup', () => {\n  s();\n  s();\n});\n`,
      });
      const file = project.path('wf.ts');
      const r = runCli(['run', file, '--workflow', 'dup']);
      assertCannotRun(r, 'Step same is already defined in workflow.');
      assert.ok(r.stderr.includes(`${file}:`), r.stderr);
    });

    it('reports an error user code throws outside any step', () => {
      project = tempProject({
        'wf.ts': `import { createWorkflow, when } from '@medusajs/framework/workflows-sdk';\nexport const wf = createWorkflow('w', (input: { x: boolean }) => {\n  when(input, (i) => i.x);\n});\n`,
      });
      assertCannotRun(
        runCli(['run', project.path('wf.ts')]),
        '".then" is missing after "when" condition',
      );
    });

    it('reports a file that defines no workflow', () => {
      project = tempProject({
        'steps.ts': `${WF_HEADER}export const s = createStep('s', async () => 1);\n`,
      });
      assertCannotRun(runCli(['run', project.path('steps.ts')]), 'no workflow is defined in');
    });

    it('reports a mocks module that exports neither an object nor a function', () => {
      project = tempProject({ 'mocks.ts': `export default 42;\n` });
      assertCannotRun(
        runCli(['run', ORDER, '--mocks', project.path('mocks.ts')]),
        'must export an object of registrations or a function',
      );
    });

    it('prints the stack only with --verbose', () => {
      project = tempProject({ 'wf.ts': `${WF_HEADER}throw new Error('top-level boom');\n` });
      const quiet = runCli(['run', project.path('wf.ts')]);
      assertCannotRun(quiet, 'top-level boom');
      const verbose = runCli(['run', project.path('wf.ts'), '--verbose']);
      assert.equal(verbose.code, 2);
      assert.match(verbose.stderr, /^\s+at /m);
      assert.ok(verbose.stderr.includes(`${project.path('wf.ts')}:2:7`), verbose.stderr);
    });
  });

  describe('a run', () => {
    it('exits 0 and prints the result as JSON when the run is done', () => {
      const r = runCli([
        'run',
        ORDER,
        '--workflow',
        'create-order',
        '--input',
        ORDER_INPUT,
        '--mocks',
        MOCKS,
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      const result = JSON.parse(r.stdout) as {
        order: { total: number; status: string };
        allocation: { warehouse_id: string };
      };
      assert.equal(result.order.total, 11000);
      assert.equal(result.order.status, 'pending');
      assert.equal(result.allocation.warehouse_id, 'wh_rotterdam');
    });

    it('prints trace lines of the documented shapes, without run frames', () => {
      const r = runCli([
        'run',
        ORDER,
        '--workflow',
        'create-order',
        '--input',
        ORDER_INPUT,
        '--mocks',
        MOCKS,
        '--trace',
        'jsonl',
      ]);
      assert.equal(r.code, 0, r.stderr);
      const trace = traceOf(r.stdout);
      const shapes: Record<string, string[]> = {
        'run.begin': ['type', 'workflow', 'transactionId'],
        'step.begin': ['type', 'step', 'action', 'attempt'],
        'step.success': ['type', 'step', 'action', 'output'],
        'step.skipped': ['type', 'step'],
        'run.end': ['type', 'state', 'result', 'errors', 'compensationErrors'],
      };
      for (const line of trace) {
        const allowed = shapes[line.type as string];
        assert.ok(allowed, `unexpected line type ${String(line.type)}`);
        for (const key of Object.keys(line))
          assert.ok(allowed.includes(key), `${key} in ${JSON.stringify(line)}`);
      }
      assert.deepEqual(trace[0], {
        type: 'run.begin',
        workflow: 'create-order',
        transactionId: trace[0]!.transactionId,
      });
      assert.match(String(trace[0].transactionId), /^auto-[0-9A-Z]{26}$/);
      const last = trace.at(-1)!;
      assert.equal(last.type, 'run.end');
      assert.equal(last.state, 'done');
      assert.deepEqual(last.errors, []);
      assert.deepEqual(last.compensationErrors, []);
      const begins = trace.filter((l) => l.type === 'step.begin').map((l) => l.step);
      assert.deepEqual(begins, [
        'validate-inventory',
        'create-order',
        'reserve-inventory',
        'capture-payment',
        'orderCreated',
        'send-order-confirmation',
        'allocate-to-warehouse',
      ]);
    });

    it('reports a skipped when-step with a step.skipped line', () => {
      const r = runCli([
        'run',
        ORDER,
        '--input',
        '@examples/inputs/create-order-no-notification.json',
        '--mocks',
        MOCKS,
        '--trace',
        'jsonl',
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(
        traceOf(r.stdout).filter((l) => l.type === 'step.skipped'),
        [{ type: 'step.skipped', step: 'send-order-confirmation' }],
      );
    });

    it('forces a failure at a step: reverted, exit 1, one-line reason', () => {
      const r = runCli([
        'run',
        ORDER,
        '--input',
        ORDER_INPUT,
        '--mocks',
        MOCKS,
        '--trace',
        'jsonl',
        '--fail',
        'capture-payment',
      ]);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'medusa-workflows: workflow create-order ended reverted: step capture-payment failed: Forced failure: capture-payment\n',
      );
      const trace = traceOf(r.stdout);
      assert.deepEqual(
        trace.find((l) => l.type === 'step.failure'),
        {
          type: 'step.failure',
          step: 'capture-payment',
          action: 'invoke',
          error: { message: 'Forced failure: capture-payment' },
        },
      );
      assert.ok(trace.some((l) => l.type === 'compensation.begin'));
      const compensated = trace
        .filter((l) => l.type === 'step.success' && l.action === 'compensate')
        .map((l) => l.step);
      assert.deepEqual(
        new Set(compensated),
        new Set(['capture-payment', 'reserve-inventory', 'create-order']),
      );
      assert.deepEqual(trace.at(-1), {
        type: 'run.end',
        state: 'reverted',
        result: trace.at(-1)!.result,
        errors: [
          { step: 'capture-payment', action: 'invoke', message: 'Forced failure: capture-payment' },
        ],
        compensationErrors: [],
      });
    });

    it('forces the failure on every attempt of a retried step', () => {
      project = tempProject({
        'wf.ts': `${WF_HEADER}const flaky = createStep({ name: 'flaky', maxRetries: 2 }, async () => new StepResponse('ok'));\nexport const wf = createWorkflow('retrying', () => new WorkflowResponse(flaky()));\n`,
      });
      const r = runCli(['run', project.path('wf.ts'), '--fail', 'flaky', '--trace', 'jsonl']);
      assert.equal(r.code, 1);
      const attempts = traceOf(r.stdout).filter((l) => l.step === 'flaky' && l.action === 'invoke');
      assert.deepEqual(
        attempts.map((l) => [l.type, l.attempt ?? (l.error as { message: string }).message]),
        [
          ['step.begin', 1],
          ['step.failure', 'Forced failure: flaky'],
          ['step.begin', 2],
          ['step.failure', 'Forced failure: flaky'],
          ['step.begin', 3],
          ['step.failure', 'Forced failure: flaky'],
        ],
      );
    });

    it('a bare --fail name targets the own step, a path the nested one; others exit 2', () => {
      project = tempProject({
        'wf.ts': `${WF_HEADER}const lock = createStep('acquire-lock-step', async () => new StepResponse('l'));\nconst release = createStep('release-lock-step', async () => new StepResponse('r'));\nconst complete = createWorkflow('complete-cart', () => { lock(); release(); });\nexport const wf = createWorkflow('checkout', () => {\n  const done = complete.runAsStep({ input: {} });\n  release();\n  return new WorkflowResponse(done);\n});\n`,
      });
      const failed = (target: string) => {
        const r = runCli([
          'run',
          project!.path('wf.ts'),
          '--workflow',
          'checkout',
          '--fail',
          target,
          '--trace',
          'jsonl',
        ]);
        assert.equal(r.code, 1, r.stderr);
        return traceOf(r.stdout)
          .filter((l) => l.type === 'step.failure' && l.action === 'invoke')
          .map((l) => `${(l.workflow as string | undefined) ?? 'checkout'}:${String(l.step)}`);
      };
      assert.deepEqual(failed('release-lock-step'), ['checkout:release-lock-step']);
      assert.deepEqual(failed('complete-cart/release-lock-step'), [
        'complete-cart:release-lock-step',
        'checkout:complete-cart-as-step',
      ]);
      const nestedOnly = runCli([
        'run',
        project.path('wf.ts'),
        '--workflow',
        'checkout',
        '--fail',
        'acquire-lock-step',
      ]);
      assert.equal(nestedOnly.code, 2);
      assert.match(
        nestedOnly.stderr,
        /step 'acquire-lock-step' in --fail is not a step of checkout itself; name a nested step by its path: complete-cart\/acquire-lock-step/,
      );
      const typo = runCli([
        'run',
        project.path('wf.ts'),
        '--workflow',
        'checkout',
        '--fail-compensation',
        'nope',
      ]);
      assert.equal(typo.code, 2);
      assert.match(
        typo.stderr,
        /unknown step 'nope' in --fail-compensation; steps of checkout: complete-cart-as-step, complete-cart\/acquire-lock-step, complete-cart\/release-lock-step, release-lock-step/,
      );
    });

    it("appends the error resolving the result threw to run.end's errors, as run() does", () => {
      project = tempProject({
        'wf.ts': `import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from '@medusajs/framework/workflows-sdk';\nconst a = createStep('a', async () => new StepResponse({ id: 'a' }));\nconst b = createStep('b', async () => new StepResponse({ id: 'b' }));\nexport const wf = createWorkflow('reads-b', () => {\n  a();\n  const rb = b();\n  return new WorkflowResponse(transform({ rb }, (d) => d.rb.id.toUpperCase()));\n});\n`,
      });
      const r = runCli(['run', project.path('wf.ts'), '--fail', 'b', '--trace', 'jsonl']);
      assert.equal(r.code, 1);
      const end = traceOf(r.stdout).at(-1)!;
      assert.deepEqual(end.errors, [
        { step: 'b', action: 'invoke', message: 'Forced failure: b' },
        { message: "Cannot read properties of undefined (reading 'id')" },
      ]);
      assert.deepEqual(end.compensationErrors, []);
    });

    it('forces compensation failures: the run ends failed', () => {
      const r = runCli([
        'run',
        ORDER,
        '--input',
        ORDER_INPUT,
        '--mocks',
        MOCKS,
        '--trace',
        'jsonl',
        '--fail',
        'allocate-to-warehouse',
        '--fail-compensation',
        'reserve-inventory,create-order',
      ]);
      assert.equal(r.code, 1);
      const failures = traceOf(r.stdout).filter((l) => l.type === 'step.failure');
      assert.deepEqual(
        failures.map((l) => [l.step, l.action, (l.error as { message: string }).message]),
        [
          ['allocate-to-warehouse', 'invoke', 'Forced failure: allocate-to-warehouse'],
          ['reserve-inventory', 'compensate', 'Forced failure: reserve-inventory'],
          ['create-order', 'compensate', 'Forced failure: create-order'],
        ],
      );
      const end = traceOf(r.stdout).at(-1)!;
      assert.equal(end.state, 'failed');
      // run()'s errors hold only the invoke error; the compensations' have their own field.
      assert.deepEqual(end.errors, [
        {
          step: 'allocate-to-warehouse',
          action: 'invoke',
          message: 'Forced failure: allocate-to-warehouse',
        },
      ]);
      assert.deepEqual(
        end.compensationErrors,
        ['reserve-inventory', 'create-order'].map((step) => ({
          step,
          action: 'compensate',
          message: `Forced failure: ${step}`,
        })),
      );
      assert.match(
        r.stderr,
        /^medusa-workflows: workflow create-order ended failed: step allocate-to-warehouse failed: Forced failure: allocate-to-warehouse; compensation of step reserve-inventory failed: Forced failure: reserve-inventory\n$/,
      );
    });

    it('exits 1 with the step and message when a step really fails', () => {
      const r = runCli([
        'run',
        ORDER,
        '--input',
        '@examples/inputs/create-order-card-declined.json',
        '--mocks',
        MOCKS,
      ]);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'medusa-workflows: workflow create-order ended reverted: step capture-payment failed: Payment declined by the provider (pm_card_declined)\n',
      );
    });

    it('hints at --mocks when a service is not registered', () => {
      const r = runCli(['run', ORDER, '--input', ORDER_INPUT]);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /step validate-inventory failed: Could not resolve 'inventory'\. \(register services with --mocks <module>\)\n$/,
      );
    });

    it('takes mocks as an object of registrations or as a CommonJS function', () => {
      const wf = `${WF_HEADER}const s = createStep('greet', async (name: string, { container }) => new StepResponse(container.resolve<{ hi(n: string): string }>('greeter').hi(name)));\nexport const wf = createWorkflow('greet', (input: { name: string }) => new WorkflowResponse(s(input.name)));\n`;
      project = tempProject({
        'wf.ts': wf,
        'object.ts': `export const greeter = { hi: (n: string) => 'hello ' + n };\n`,
        'function.cjs': `module.exports = (c) => { c.register('greeter', { hi: (n) => 'hi ' + n }); };\n`,
      });
      for (const [mocks, expected] of [
        ['object.ts', 'hello ada'],
        ['function.cjs', 'hi ada'],
      ]) {
        const r = runCli([
          'run',
          project.path('wf.ts'),
          '--input',
          '{"name":"ada"}',
          '--mocks',
          project.path(mocks!),
        ]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(JSON.parse(r.stdout), expected);
      }
    });

    it("runs a user's workflow that calls Medusa's core-flows steps on our engine", () => {
      project = tempProject({
        'src/workflows/list-brands.ts': [
          `import { createWorkflow, WorkflowResponse } from '@medusajs/framework/workflows-sdk';`,
          `import { useQueryGraphStep } from '@medusajs/core-flows';`,
          `export const listBrands = createWorkflow('list-brands', () => {`,
          `  const { data } = useQueryGraphStep({ entity: 'brand', fields: ['id', 'name'] });`,
          `  return new WorkflowResponse(data);`,
          `});`,
        ].join('\n'),
        'src/mocks.ts': `export const query = { graph: async ({ entity }: { entity: string }) => ({ data: [{ id: entity + '_01', name: 'Acme' }] }) };\n`,
      });
      symlinkSync(join(ROOT, 'node_modules'), project.path('node_modules'), 'dir');
      const r = runCli([
        'run',
        project.path('src/workflows/list-brands.ts'),
        '--mocks',
        project.path('src/mocks.ts'),
        '--trace',
        'jsonl',
      ]);
      assert.equal(r.code, 0, r.stderr);
      const trace = traceOf(r.stdout);
      assert.deepEqual(
        trace.filter((l) => l.type === 'step.begin').map((l) => l.step),
        ['use-query-graph-step'],
      );
      assert.deepEqual(trace.at(-1)!.result, [{ id: 'brand_01', name: 'Acme' }]);
    });

    it('keeps stdout pure JSON lines when steps log', () => {
      project = tempProject({
        'wf.ts': `${WF_HEADER}const s = createStep('noisy', async () => { console.log('hello from a step'); return new StepResponse(1); });\nexport const wf = createWorkflow('noisy', () => new WorkflowResponse(s()));\n`,
      });
      const r = runCli(['run', project.path('wf.ts'), '--trace', 'jsonl']);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotThrow(() => traceOf(r.stdout));
      assert.match(r.stderr, /hello from a step/);
    });

    it('marks events of a nested run with its workflow id', () => {
      const r = runCli([
        'run',
        'examples/src/workflows/launch-brand.ts',
        '--workflow',
        'launch-brand',
        '--input',
        '@examples/inputs/launch-brand.json',
        '--mocks',
        MOCKS,
        '--trace',
        'jsonl',
      ]);
      assert.equal(r.code, 0, r.stderr);
      const trace = traceOf(r.stdout);
      const nested = trace.filter((l) => l.workflow === 'create-brand-with-logo');
      assert.deepEqual(
        nested.filter((l) => l.type === 'step.begin').map((l) => l.step),
        ['create-brand', 'upload-logo', 'update-brand'],
      );
      const outer = trace
        .filter((l) => l.type === 'step.begin' && l.workflow === undefined)
        .map((l) => l.step);
      assert.deepEqual(outer, ['create-brand-with-logo-as-step', 'create-brand-products']);
    });

    it('waits for async steps that settle after run() returned, then reports the end', () => {
      project = tempProject({
        'wf.ts': `${WF_HEADER}const bg = createStep({ name: 'bg', async: true }, async () => new StepResponse('bg-done'));\nconst after = createStep('after', async (x: string) => new StepResponse(x + '!'));\nexport const wf = createWorkflow('background', () => new WorkflowResponse(after(bg())));\n`,
      });
      const r = runCli(['run', project.path('wf.ts'), '--trace', 'jsonl']);
      assert.equal(r.code, 0, r.stderr);
      const trace = traceOf(r.stdout);
      assert.deepEqual(
        trace.filter((l) => l.type === 'step.success').map((l) => [l.step, l.output]),
        [
          ['bg', 'bg-done'],
          ['after', 'bg-done!'],
        ],
      );
      assert.deepEqual(trace.at(-1), {
        type: 'run.end',
        state: 'done',
        result: 'bg-done!',
        errors: [],
        compensationErrors: [],
      });
    });

    it('answers the async steps the run waits on with --step-success, in order', () => {
      project = tempProject({
        'wf.ts': `${WF_HEADER}const claim = createStep({ name: 'await-claim', async: true }, async () => {});\nconst pickUp = createStep({ name: 'await-pick-up', async: true }, async () => {});\nconst deliver = createStep('deliver', async (d: { driver: string }) => new StepResponse(\`delivered by \${d.driver}\`));\nexport const wf = createWorkflow('delivery', () => {\n  const driver = claim();\n  pickUp();\n  return new WorkflowResponse(deliver(driver));\n});\n`,
      });
      const r = runCli([
        'run',
        project.path('wf.ts'),
        '--step-success',
        'await-claim={"driver":"ada"}',
        '--step-success=await-pick-up',
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(JSON.parse(r.stdout), 'delivered by ada');
    });

    it('fails a waiting step with --step-failure: the run rolls back', () => {
      project = tempProject({
        'wf.ts': `${WF_HEADER}const pay = createStep('pay', async () => new StepResponse('p', 'p'), async () => { console.error('refunded'); });\nconst w = createStep({ name: 'wait-for-webhook', async: true }, async () => {});\nexport const wf = createWorkflow('paying', () => {\n  pay();\n  return new WorkflowResponse(w());\n});\n`,
      });
      const r = runCli([
        'run',
        project.path('wf.ts'),
        '--step-failure',
        'wait-for-webhook=card declined',
      ]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /refunded/);
      assert.match(
        r.stderr,
        /medusa-workflows: workflow paying ended reverted: step wait-for-webhook failed: card declined\n$/,
      );
    });

    it('says which answers the run never needed, and refuses malformed ones', () => {
      project = tempProject({
        'wf.ts': `${WF_HEADER}const w = createStep({ name: 'wait-for-webhook', async: true }, async () => {});\nexport const wf = createWorkflow('waiting', () => new WorkflowResponse(w()));\n`,
      });
      const r = runCli(['run', project.path('wf.ts'), '--step-success', 'wait-for-webhok']);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'medusa-workflows: --step-success wait-for-webhok was not used: the run did not wait on that step\n' +
          'medusa-workflows: workflow waiting stopped while invoking, waiting for async step wait-for-webhook\n',
      );
      assertCannotRun(
        runCli(['run', project.path('wf.ts'), '--step-success', 'wait-for-webhook={oops']),
        '--step-success wait-for-webhook: Not JSON',
      );
      assertCannotRun(
        runCli(['run', project.path('wf.ts'), '--step-failure', 'wait-for-webhook']),
        '--step-failure needs the error: wait-for-webhook=<message or JSON error>',
      );
    });

    it('exits 1 and names the async step a run is left waiting on', () => {
      project = tempProject({
        'wf.ts': `${WF_HEADER}const w = createStep({ name: 'wait-for-webhook', async: true }, async () => {});\nexport const wf = createWorkflow('waiting', () => new WorkflowResponse(w()));\n`,
      });
      const r = runCli(['run', project.path('wf.ts'), '--trace', 'jsonl']);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'medusa-workflows: workflow waiting stopped while invoking, waiting for async step wait-for-webhook\n',
      );
      const trace = traceOf(r.stdout);
      assert.deepEqual(trace.at(-2), { type: 'step.awaiting', step: 'wait-for-webhook' });
      assert.equal(trace.at(-1)!.state, 'invoking');
    });
  });
});
