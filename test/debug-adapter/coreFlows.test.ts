// One of Medusa's own workflows under the debugger: @medusajs/core-flows' compiled
// `create-products`, loaded straight from node_modules with the auto-mocked container. Its SDK
// imports (and those of the core-flows files it requires) are bound to our engine.
import * as assert from 'node:assert';
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import {
  children,
  collectOutput,
  FIXTURES,
  launchToStop,
  ROOT,
  scopeVars,
  startClient,
  topFrames,
} from './helpers';

const CREATE_PRODUCTS = join(
  ROOT,
  'node_modules',
  '@medusajs',
  'core-flows',
  'dist',
  'product',
  'workflows',
  'create-products.js',
);

function createProductsArgs(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    program: CREATE_PRODUCTS,
    workflow: 'create-products',
    inputFile: join(FIXTURES, 'create-products-input.json'),
    container: 'auto',
    cwd: ROOT,
    ...extra,
  };
}

/** The Container calls scope's entries, `N. key.method (step)`, in order. */
async function callNames(dc: DebugClient, frameId: number): Promise<string[]> {
  return [...(await scopeVars(dc, frameId, 'Container calls')).keys()];
}

describe('debug adapter: a core-flows workflow with the auto-mocked container', function () {
  // Loading core-flows (and the real @medusajs/framework/utils it requires) takes a while.
  this.timeout(60000);
  let dc: DebugClient;

  beforeEach(async () => {
    dc = await startClient();
    dc.defaultTimeout = 30000;
  });
  afterEach(() => dc.stop());

  it('create-products: stops on a step by name, shows its container calls, runs to the end', async () => {
    const ev = await launchToStop(dc, createProductsArgs(), {
      functions: ['associate-products-with-channels'],
    });
    const [step, workflow] = await topFrames(dc, ev.body.threadId);
    assert.strictEqual(step?.name, 'associate-products-with-channels (invoke)');
    assert.ok(
      workflow?.source?.path?.endsWith(join('product', 'workflows', 'create-products.js')),
      `the workflow frame is in the core-flows file, not the bundle: ${workflow?.source?.path}`,
    );
    const input = await scopeVars(dc, step.id, 'Step');
    const links = await children(dc, input.get('input')!.variablesReference);
    assert.ok(links.has('links'), [...links.keys()].join(', '));

    const names = await callNames(dc, step.id);
    assert.ok(
      names.some((n) => /^\d+\. product\.createProducts \(create-products\)$/.test(n)),
      names.join('\n'),
    );
    const created = (await scopeVars(dc, step.id, 'Container calls')).get(
      names.find((n) => n.includes('product.createProducts'))!,
    )!;
    const call = await children(dc, created.variablesReference);
    const args = await children(dc, call.get('args')!.variablesReference);
    const first = await children(dc, [...args.values()][0]!.variablesReference);
    const product = await children(dc, [...first.values()][0]!.variablesReference);
    assert.strictEqual(product.get('title')?.value, '"Shirt"', 'the step passed the input on');

    const out = collectOutput(dc);
    await dc.continueRequest({ threadId: ev.body.threadId });
    await out.waitFor(/Workflow create-products ended: done/, 30000);
  });

  it('create-products: a forced failure rolls back; the calls show the deletions', async () => {
    const ev = await launchToStop(dc, createProductsArgs({ failSteps: ['create-remote-links'] }), {
      functions: ['compensate:create-products'],
    });
    const [step] = await topFrames(dc, ev.body.threadId);
    assert.strictEqual(step?.name, 'create-products (compensate)');
    const calls = await callNames(dc, step.id);
    const at = (re: RegExp): number => calls.findIndex((n) => re.test(n));
    const dismissed = at(/^\d+\. link\.dismiss \(associate-products-with-channels, compensate\)$/);
    assert.ok(
      dismissed > at(/^\d+\. link\.create \(associate-products-with-channels\)$/),
      calls.join('\n'),
    );
    assert.ok(!calls.some((n) => n.includes('product.deleteProducts')), calls.join('\n'));
    // What the paused compensation receives: the ids create-products returned.
    const vars = await scopeVars(dc, step.id, 'Step');
    const ids = await children(dc, vars.get('compensate input')!.variablesReference);
    assert.strictEqual(ids.size, 1, [...ids.keys()].join(', '));

    // The failed step's stack names the file that defined the workflow (not the runner bundle).
    const where = await dc.evaluateRequest({
      expression: "workflow.steps['create-remote-links'].invoke.error.stack.split('\\n').pop()",
      frameId: step.id,
      context: 'repl',
    });
    assert.match(
      where.body.result,
      /⮑ sat \S*core-flows[\\/]dist[\\/]product[\\/]workflows[\\/]create-products\.js: \[create-products -> create-remote-links \(invoke\)\]/,
    );

    const out = collectOutput(dc);
    await dc.continueRequest({ threadId: ev.body.threadId });
    const text = await out.waitFor(/Workflow create-products ended: reverted[\s\S]*Errors:/, 30000);
    assert.match(
      text,
      /Compensations, in order: .*associate-products-with-channels, create-products/,
    );
    assert.match(text, /create-remote-links \(invoke\): Forced failure: create-remote-links/);
  });
});
