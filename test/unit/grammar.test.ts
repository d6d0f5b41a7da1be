// Grammar tests: the injection grammar (syntaxes/) tokenized with vscode-textmate + oniguruma over
// the real TypeScript and JavaScript grammars, as VS Code does.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '../../..');
const INJECTION = 'medusa-workflows.injection';
const grammarFiles: Record<string, string> = {
  'source.ts': require.resolve('tm-grammars/grammars/typescript.json'),
  'source.js': require.resolve('tm-grammars/grammars/javascript.json'),
  'source.tsx': require.resolve('tm-grammars/grammars/tsx.json'),
  [INJECTION]: path.join(root, 'syntaxes/medusa-workflows.injection.tmLanguage.json'),
};

let registry: textmate.Registry;

interface Token {
  text: string;
  scopes: string[];
}

async function tokenize(source: string, scope = 'source.ts'): Promise<Token[][]> {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, `grammar ${scope}`);
  let state = textmate.INITIAL;
  return source.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Every token whose text is `text`, across lines. */
function find(lines: Token[][], text: string): Token[] {
  return lines.flat().filter((t) => t.text === text);
}

function hasScope(t: Token | undefined, scope: string): boolean {
  return t !== undefined && t.scopes.some((s) => s.split(' ').includes(scope) || s === scope);
}

describe('injection grammar', () => {
  before(async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: (scopeName) => {
        const file = grammarFiles[scopeName];
        return Promise.resolve(
          file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null,
        );
      },
      getInjections: (scopeName) =>
        ['source.ts', 'source.js', 'source.tsx'].includes(scopeName) ? [INJECTION] : [],
    });
  });

  it('is a valid injection into TypeScript and JavaScript (package.json agrees)', () => {
    const raw = JSON.parse(fs.readFileSync(grammarFiles[INJECTION]!, 'utf8')) as {
      scopeName: string;
      injectionSelector: string;
    };
    assert.strictEqual(raw.scopeName, INJECTION);
    for (const host of ['source.ts', 'source.tsx', 'source.js'])
      assert.ok(raw.injectionSelector.includes(`L:${host} `));
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] };
    };
    const entry = pkg.contributes.grammars.find((g) => g.scopeName === INJECTION);
    assert.ok(entry, 'grammar contributed');
    assert.ok(fs.existsSync(path.join(root, entry.path)));
    assert.deepStrictEqual([...entry.injectTo].sort(), [
      'source.js',
      'source.js.jsx',
      'source.ts',
      'source.tsx',
    ]);
  });

  it('scopes the builders: createWorkflow, createStep, createHook', async () => {
    const lines = await tokenize(
      [
        "export const wf = createWorkflow('create-order', (input: Input) => {",
        "  const hook = createHook('orderCreated', { order });",
        '});',
        "const s = createStep<Input, Out>('s', async () => new StepResponse(1));",
      ].join('\n'),
    );
    for (const name of ['createWorkflow', 'createHook', 'createStep']) {
      const [t] = find(lines, name);
      assert.ok(
        hasScope(t, 'support.function.workflow-builder.medusa'),
        `${name}: ${t?.scopes.join(' ')}`,
      );
    }
    const [id] = find(lines, 'create-order');
    assert.ok(
      id?.scopes.some((s) => s.startsWith('string.quoted.single')),
      'the TS grammar still scopes strings',
    );
  });

  it('scopes transform, parallelize, when/then, runAsStep and .config', async () => {
    const lines = await tokenize(
      [
        'const data = transform({ input }, ({ input }) => input.items);',
        'const [a, b] = parallelize(stepA(data), stepB(data));',
        'when({ input }, ({ input }) => input.notify !== false).then(() => {',
        '  send({ to: input.email });',
        '});',
        "const child = childWorkflow.runAsStep({ input }).config({ name: 'child-1' });",
        "stepA(data).config({ name: 'step-a-again' });",
      ].join('\n'),
    );
    assert.ok(hasScope(find(lines, 'transform')[0], 'support.function.workflow-composer.medusa'));
    assert.ok(hasScope(find(lines, 'parallelize')[0], 'support.function.workflow-composer.medusa'));
    assert.ok(hasScope(find(lines, 'when')[0], 'keyword.control.conditional.when.medusa'));
    assert.ok(hasScope(find(lines, 'then')[0], 'keyword.control.conditional.then.medusa'));
    assert.ok(hasScope(find(lines, 'runAsStep')[0], 'support.function.run-as-step.medusa'));
    const configs = find(lines, 'config');
    assert.strictEqual(configs.length, 2);
    for (const c of configs)
      assert.ok(hasScope(c, 'support.function.step-config.medusa'), c.scopes.join(' '));
    // Inside the when region the host grammar keeps working.
    const [neq] = find(lines, '!==');
    assert.ok(
      neq?.scopes.some((s) => s.startsWith('keyword.operator')),
      neq?.scopes.join(' '),
    );
    assert.ok(neq?.scopes.includes('meta.when-condition.medusa'));
    // After `.then` the region is closed.
    assert.ok(!find(lines, 'send')[0]?.scopes.includes('meta.when-condition.medusa'));
  });

  it('finds .then of a when that spans several lines', async () => {
    const lines = await tokenize(
      [
        'when(',
        '  { input },',
        '  ({ input }) => input.total > 100,',
        ').then(() => {',
        '  bonusStep();',
        '});',
      ].join('\n'),
    );
    assert.ok(hasScope(find(lines, 'then')[0], 'keyword.control.conditional.then.medusa'));
    assert.ok(!find(lines, 'bonusStep')[0]?.scopes.includes('meta.when-condition.medusa'));
  });

  it('scopes StepResponse and WorkflowResponse with their helpers', async () => {
    const lines = await tokenize(
      [
        'return new StepResponse(order, order.id);',
        "return StepResponse.permanentFailure('declined', { id });",
        'return new WorkflowResponse(result, { hooks: [hook] });',
      ].join('\n'),
    );
    for (const t of [...find(lines, 'StepResponse'), ...find(lines, 'WorkflowResponse')]) {
      assert.ok(hasScope(t, 'support.class.workflow-response.medusa'), t.scopes.join(' '));
    }
    assert.strictEqual(find(lines, 'StepResponse').length, 2);
    assert.ok(
      hasScope(find(lines, 'permanentFailure')[0], 'support.function.workflow-response.medusa'),
    );
  });

  it('leaves look-alikes alone: comments, strings, methods, other identifiers, promise .then', async () => {
    const lines = await tokenize(
      [
        '// createWorkflow(x) in a comment',
        "const s = 'createStep(';",
        'const transform = 1; obj.transform(x); list.when(y);',
        'fetch(url).then((r) => r.json());',
        'import { createWorkflow, transform } from "@medusajs/framework/workflows-sdk";',
      ].join('\n'),
    );
    const medusa = lines.flat().filter((t) => t.scopes.some((s) => s.includes('.medusa')));
    assert.deepStrictEqual(
      medusa.map((t) => t.text),
      [],
      'no Medusa scopes here',
    );
  });

  it('scopes compiled CommonJS (core-flows dist) in JavaScript', async () => {
    const lines = await tokenize(
      [
        'exports.createProductsWorkflow = (0, workflows_sdk_1.createWorkflow)(exports.createProductsWorkflowId, (input) => {',
        '    const products = (0, workflows_sdk_1.transform)({ input }, (data) => data.input.products);',
        '    return new workflows_sdk_1.WorkflowResponse(products);',
        '});',
      ].join('\n'),
      'source.js',
    );
    assert.ok(
      hasScope(find(lines, 'createWorkflow')[0], 'support.function.workflow-builder.medusa'),
    );
    assert.ok(
      hasScope(find(lines, 'WorkflowResponse')[0], 'support.class.workflow-response.medusa'),
    );
    const real = path.join(
      root,
      'node_modules/@medusajs/core-flows/dist/product/workflows/create-products.js',
    );
    const text = fs.readFileSync(real, 'utf8');
    const compiled = await tokenize(text, 'source.js');
    const builders = compiled
      .flat()
      .filter((t) => hasScope(t, 'support.function.workflow-builder.medusa'));
    assert.strictEqual(
      builders.length,
      (text.match(/\.(createWorkflow|createStep|createHook)\)\(/g) ?? []).length,
    );
    assert.ok(builders.length >= 1, 'core-flows create-products.js has its createWorkflow scoped');
  });

  it('scopes every builder call of the examples project', async () => {
    const dir = path.join(root, 'examples/src/workflows');
    const files = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 5);
    let calls = 0;
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const expected = (text.match(/\b(createWorkflow|createStep|createHook)\s*\(/g) ?? []).length;
      const lines = await tokenize(text);
      const got = lines
        .flat()
        .filter((t) => hasScope(t, 'support.function.workflow-builder.medusa')).length;
      assert.strictEqual(got, expected, f);
      calls += got;
    }
    assert.ok(calls >= 10, `${calls} builder calls`);
  });
});
