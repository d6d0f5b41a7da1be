// Server suite (mocha, Node): the hover over a step call in the file in front of the user answers
// from that file's own facts while the rest of a large workspace is still being indexed, says its
// "used by" list is not final yet, and gives the complete list once indexing ends. Works on a
// generated temporary workspace of many apps, big enough that indexing lasts seconds.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { charOf, lineOf } from './fixtureWorkspace';
import { LspClient, uriOf, type Range } from './lspClient';

/** The generated workspace: `apps` apps of `filesPerApp` workflow files each. */
const apps = 40;
const filesPerApp = 100;
/** In the opened file's app, every `sharedEvery`-th generated workflow also runs the shared step. */
const sharedEvery = 5;

const sdk = "from '@medusajs/framework/workflows-sdk';";

function writeApp(root: string, app: number): string[] {
  const dir = join(root, `app-${app}`);
  mkdirSync(join(dir, 'src', 'workflows'), { recursive: true });
  mkdirSync(join(dir, 'src', 'steps'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `app-${app}`, dependencies: { '@medusajs/framework': '2.21.2' } }),
  );
  writeFileSync(
    join(dir, 'src', 'steps', 'local.ts'),
    [
      `import { createStep, StepResponse } ${sdk}`,
      `export const localStep = createStep('local-${app}', async (input: { n: number }) => {`,
      '  return new StepResponse({ n: input.n + 1 });',
      '});',
      '',
    ].join('\n'),
  );
  const users: string[] = [];
  for (let i = 0; i < filesPerApp; i++) {
    const id = `gen-${app}-${String(i).padStart(3, '0')}`;
    const shared = app === 0 && i % sharedEvery === 0;
    if (shared) users.push(id);
    writeFileSync(
      join(dir, 'src', 'workflows', `${id}.ts`),
      [
        `import { createWorkflow, WorkflowResponse } ${sdk}`,
        "import { localStep } from '../steps/local';",
        ...(shared ? ["import { sharedStep } from '../steps/shared';"] : []),
        `export const flow${i} = createWorkflow('${id}', (input: { n: number }) => {`,
        '  const a = localStep(input);',
        ...(shared ? ['  sharedStep(input);'] : []),
        '  return new WorkflowResponse(a);',
        '});',
        '',
      ].join('\n'),
    );
  }
  return users;
}

/** Writes the workspace; returns the opened file and the ids of every workflow using the step. */
function writeWorkspace(root: string): { main: string; users: string[] } {
  const users: string[] = [];
  for (let app = 0; app < apps; app++) users.push(...writeApp(root, app));
  const src = join(root, 'app-0', 'src');
  writeFileSync(
    join(src, 'steps', 'shared.ts'),
    [
      `import { createStep, StepResponse } ${sdk}`,
      'export const sharedStep = createStep(',
      "  { name: 'shared-step', maxRetries: 3 },",
      '  async (input: { go: boolean }) => new StepResponse(input.go, input.go),',
      '  async () => {},',
      ');',
      '',
    ].join('\n'),
  );
  const main = join(src, 'workflows', 'main-flow.ts');
  writeFileSync(
    main,
    [
      `import { createWorkflow, when, WorkflowResponse } ${sdk}`,
      "import { localStep } from '../steps/local';",
      "import { sharedStep } from '../steps/shared';",
      "export const mainFlow = createWorkflow('main-flow', (input: { go: boolean }) => {",
      '  const counted = localStep({ n: 1 });',
      '  const done = when(input, (i) => i.go).then(() => {',
      '    return sharedStep(input);',
      '  });',
      '  return new WorkflowResponse({ counted, done });',
      '});',
      '',
    ].join('\n'),
  );
  users.push('main-flow');
  return { main, users: users.sort() };
}

/** A workflow in an app of its own, far from the opened one. */
const last = `gen-${apps - 1}-${String(filesPerApp - 1).padStart(3, '0')}`;

type HoverResult = { contents: { kind: string; value: string } } | null;

describe('language server: first hover while a large workspace is indexed', function () {
  let dir: string;
  let main: string;
  let users: string[];
  let client: LspClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-server-first-hover-'));
    ({ main, users } = writeWorkspace(dir));
    // Progress shows at once, so the end of workspace indexing is seen.
    client = await LspClient.start({
      folders: [dir],
      initializationOptions: { progressDelayMs: 0 },
    });
  });

  after(() => {
    client?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const indexingEnded = (upTo: number): boolean =>
    client.progress.received.slice(0, upTo).some((p) => p.value.kind === 'end');

  /** The first hover's text, compared with the complete one. */
  let early: string | undefined;

  it("answers with the opened file's own facts before indexing ends, saying it is not final", async function () {
    this.timeout(120000);
    const uri = await client.open(main);
    const line = lineOf(main, 'return sharedStep(input)');
    const position = { line, character: charOf(main, line, 'sharedStep') + 2 };
    /** What the client had received when each answer arrived: the progress seen so far. */
    const arrivals: string[] = [];
    const track = <T>(what: string, p: Promise<T>): Promise<{ value: T; seen: number }> =>
      p.then((value) => {
        arrivals.push(what);
        return { value, seen: client.progress.received.length };
      });
    // Whole-workspace requests sent first wait for the index without holding up the hover.
    const references = track(
      'references',
      client.request<{ uri: string; range: Range }[]>('textDocument/references', {
        textDocument: { uri },
        position,
        context: { includeDeclaration: false },
      }),
    );
    const symbols = track(
      'symbols',
      client.request<{ name: string }[]>('workspace/symbol', { query: last }),
    );
    const hover = await track(
      'hover',
      client.request<HoverResult>('textDocument/hover', { textDocument: { uri }, position }),
    );
    assert.ok(
      !indexingEnded(hover.seen),
      'the hover was answered only after workspace indexing ended: either it waits for the whole ' +
        'index, or indexing was too quick here and the generated workspace must be made bigger ' +
        `(now ${apps} apps of ${filesPerApp} files) for this test to prove anything`,
    );
    early = hover.value?.contents.value ?? '';
    assert.equal(hover.value?.contents.kind, 'markdown');
    assert.match(early, /^\*\*step\*\* `shared-step`/);
    assert.match(early, /compensation: yes/);
    assert.match(early, /config: `maxRetries: 3`/);
    assert.match(early, /position \d+ in `main-flow`/);
    assert.match(early, /runs only when `/);
    const usedBy = early.split('  \n').pop()!;
    assert.match(usedBy, /^used by `.* so far \(still indexing the workspace\)$/);

    const [refs, syms] = await Promise.all([references, symbols]);
    assert.deepEqual(arrivals[0], 'hover', `answers arrived in the order ${arrivals.join(', ')}`);
    assert.ok(indexingEnded(refs.seen), 'references answered once the workspace is indexed');
    assert.ok(indexingEnded(syms.seen), 'workspace symbols answered once the workspace is indexed');
    assert.equal(refs.value.length, users.length, 'every call of the shared step');
    assert.deepEqual(
      syms.value.map((s) => s.name),
      [last],
    );
  });

  it('gives the complete "used by" line once the workspace is indexed', async function () {
    this.timeout(120000);
    await client.progress.wait((p) => p.value.kind === 'end', 'end of indexing', 0, 110000);
    const uri = uriOf(main);
    const line = lineOf(main, 'return sharedStep(input)');
    const hover = await client.request<HoverResult>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: charOf(main, line, 'sharedStep') + 2 },
    });
    assert.ok(
      early,
      'the hover answered while indexing (the test before) is compared with this one',
    );
    const lines = hover?.contents.value.split('  \n') ?? [];
    assert.ok(users.length > 12, 'enough users to name a few and count the rest');
    const shown = users.slice(0, 12).map((id) => `\`${id}\``);
    assert.equal(lines.pop(), `used by ${shown.join(', ')} and ${users.length - 12} more`);
    assert.deepEqual(lines, early.split('  \n').slice(0, -1), "the file's own facts are the same");
  });
});
