// Server suite (mocha, Node): the built dist/server.js over real stdio, on the fixture workspace
// test/fixtures/server/workspace (a clean workflow, a workflow with known mistakes, their steps).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyEdits,
  charOf,
  cleanFile,
  lineOf,
  mistakesFile,
  stepsFile,
  workspace,
  type TextEdit,
} from './fixtureWorkspace';
import { LspClient, repoRoot, uriOf, type PublishedDiagnostic, type Range } from './lspClient';

/** Errors and warnings: the known mistakes. Hints and infos (heuristics) may come and go. */
const problems = (ds: PublishedDiagnostic[]): PublishedDiagnostic[] =>
  ds.filter((d) => d.severity === 1 || d.severity === 2);

describe('language server over stdio', function () {
  let client: LspClient;
  let cleanUri: string;
  let mistakesUri: string;

  before(async () => {
    // Progress shows at once (by default only when indexing lasts over a second).
    client = await LspClient.start({
      folders: [workspace],
      initializationOptions: { progressDelayMs: 0 },
    });
    cleanUri = await client.open(cleanFile);
    mistakesUri = await client.open(mistakesFile);
  });

  after(() => client?.kill());

  it('reports indexing progress with a server-initiated token', async () => {
    const end = await client.progress.wait((p) => p.value.kind === 'end', 'progress end');
    assert.ok(client.progressTokens.includes(end.token), 'the token was created by the server');
    const begin = client.progress.received.find(
      (p) => p.token === end.token && p.value.kind === 'begin',
    );
    assert.match(begin?.value.title ?? '', /Indexing/);
  });

  it('publishes diagnostics on open: the known mistakes, with codes and documentation links', async () => {
    const published = await client.waitForDiagnostics(mistakesUri, 1);
    const consoleLine = lineOf(mistakesFile, 'console.log');
    const duplicateLine = lineOf(mistakesFile, 'const again = notifyStep');
    // MW015: console.log in the composer (warning); MW005: duplicate step name (error).
    const expected: [number, string, number][] = [
      [consoleLine, 'MW015', 2],
      [duplicateLine, 'MW005', 1],
    ];
    assert.deepEqual(
      problems(published.diagnostics)
        .map((d) => [d.range.start.line, d.code, d.severity])
        .sort(),
      expected.sort(),
      JSON.stringify(published.diagnostics),
    );
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'medusa-workflows');
      assert.match(String(d.code), /^MW\d{3}$/);
      assert.ok(d.codeDescription?.href.endsWith(`#${String(d.code).toLowerCase()}`));
    }
    for (const d of problems(published.diagnostics)) {
      assert.match(d.message, d.code === 'MW005' ? /notify-brand/ : /console\.log/);
    }
    const clean = await client.waitForDiagnostics(cleanUri, 1);
    assert.deepEqual(
      clean.diagnostics.filter((d) => d.severity === 1),
      [],
      'no errors in the clean workflow',
    );
  });

  it('shows three code lenses above each workflow, with the workflow id and file as arguments', async () => {
    const lenses = await client.request<
      { range: Range; command: { title: string; command: string; arguments: unknown[] } }[]
    >('textDocument/codeLens', { textDocument: { uri: cleanUri } });
    const line = lineOf(cleanFile, 'createWorkflow(');
    assert.deepEqual(
      lenses.map((l) => [
        l.range.start.line,
        l.command.title,
        l.command.command,
        l.command.arguments,
      ]),
      [
        ['Preview graph', 'medusaWorkflows.previewGraph'],
        ['Debug workflow', 'medusaWorkflows.debugWorkflow'],
        ['Run with failure...', 'medusaWorkflows.runWithFailure'],
      ].map(([title, command]) => [
        line,
        title,
        command,
        [{ workflow: 'create-brand-workflow', file: cleanFile }],
      ]),
    );
  });

  it('hovers a step call: name, compensation, config and the workflows using it', async () => {
    type HoverResult = { contents: { kind: string; value: string } } | null;
    const hoverAt = (
      file: string,
      uri: string,
      needle: string,
      line: number,
    ): Promise<HoverResult> =>
      client.request<HoverResult>('textDocument/hover', {
        textDocument: { uri },
        position: { line, character: charOf(file, line, needle) + 2 },
      });
    const create = await hoverAt(
      cleanFile,
      cleanUri,
      'createBrandStep(',
      lineOf(cleanFile, 'createBrandStep(input)'),
    );
    assert.equal(create?.contents.kind, 'markdown');
    assert.match(create.contents.value, /`create-brand`/);
    assert.match(create.contents.value, /compensation: yes/);
    assert.match(create.contents.value, /`create-brand-workflow`/);
    assert.match(create.contents.value, /`rename-brand-workflow`/);
    const notify = await hoverAt(
      cleanFile,
      cleanUri,
      'notifyStep(',
      lineOf(cleanFile, 'notifyStep('),
    );
    assert.match(notify!.contents.value, /`notify-brand`/);
    assert.match(notify!.contents.value, /compensation: no/);
    const audit = await hoverAt(
      cleanFile,
      cleanUri,
      'auditStep(',
      lineOf(cleanFile, 'auditStep({'),
    );
    assert.match(audit!.contents.value, /maxRetries: 2/);
    assert.doesNotMatch(audit!.contents.value, /rename-brand-workflow/);
  });

  it('hovers a step definition', async () => {
    const line = lineOf(stepsFile, "createStep('notify-brand'");
    const hover = await client.request<{ contents: { value: string } } | null>(
      'textDocument/hover',
      {
        textDocument: { uri: uriOf(stepsFile) },
        position: { line, character: charOf(stepsFile, line, "'notify-brand'") + 1 },
      },
    );
    assert.match(hover!.contents.value, /\*\*step\*\* `notify-brand`/);
    assert.match(hover!.contents.value, /compensation: no/);
    assert.match(hover!.contents.value, /used by `create-brand-workflow`, `rename-brand-workflow`/);
  });

  it('hovers a step variable, not the handler bodies, and finds its references from there', async () => {
    const uri = await client.open(stepsFile);
    type HoverResult = { contents: { value: string } } | null;
    const declLine = lineOf(stepsFile, 'export const createBrandStep =');
    const onVariable = {
      line: declLine,
      character: charOf(stepsFile, declLine, 'createBrandStep') + 3,
    };
    const hover = await client.request<HoverResult>('textDocument/hover', {
      textDocument: { uri },
      position: onVariable,
    });
    assert.match(hover!.contents.value, /\*\*step\*\* `create-brand`/);
    assert.match(hover!.contents.value, /compensation: yes/);
    const bodyLine = lineOf(stepsFile, 'brands.createBrands(input)');
    const inBody = await client.request<HoverResult>('textDocument/hover', {
      textDocument: { uri },
      position: { line: bodyLine, character: charOf(stepsFile, bodyLine, 'createBrands') + 2 },
    });
    assert.equal(inBody, null);
    const refs = await client.request<{ uri: string; range: Range }[]>('textDocument/references', {
      textDocument: { uri },
      position: onVariable,
      context: { includeDeclaration: false },
    });
    assert.deepEqual(
      refs.map((r) => [r.uri, r.range.start.line]).sort(),
      [
        [cleanUri, lineOf(cleanFile, 'createBrandStep(input)')],
        [mistakesUri, lineOf(mistakesFile, 'createBrandStep(input)')],
      ].sort(),
    );
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('lists document symbols: the workflow with its steps as children', async () => {
    type Sym = { name: string; range: Range; children?: Sym[] };
    const symbols = await client.request<Sym[]>('textDocument/documentSymbol', {
      textDocument: { uri: cleanUri },
    });
    assert.deepEqual(
      symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]),
      [['create-brand-workflow', ['create-brand', 'notify-brand', 'audit-brand']]],
    );
    const steps = await client.request<Sym[]>('textDocument/documentSymbol', {
      textDocument: { uri: uriOf(stepsFile) },
    });
    assert.deepEqual(
      steps.map((s) => s.name),
      ['create-brand', 'notify-brand', 'audit-brand'],
    );
  });

  it('finds workspace symbols for workflows and steps', async () => {
    type Info = { name: string; location: { uri: string; range: Range } };
    const workflows = await client.request<Info[]>('workspace/symbol', { query: 'brand-workflow' });
    assert.deepEqual(workflows.map((s) => s.name).sort(), [
      'create-brand-workflow',
      'rename-brand-workflow',
    ]);
    const audit = await client.request<Info[]>('workspace/symbol', { query: 'audit' });
    assert.deepEqual(
      audit.map((s) => [s.name, s.location.uri]),
      [['audit-brand', uriOf(stepsFile)]],
    );
  });

  it('goes to the createStep definition from a step call', async () => {
    const line = lineOf(cleanFile, 'notifyStep(');
    const defs = await client.request<{ uri: string; range: Range }[]>('textDocument/definition', {
      textDocument: { uri: cleanUri },
      position: { line, character: charOf(cleanFile, line, 'notifyStep') + 1 },
    });
    assert.equal(defs.length, 1);
    assert.equal(defs[0]!.uri, uriOf(stepsFile));
    assert.equal(defs[0]!.range.start.line, lineOf(stepsFile, "createStep('notify-brand'"));
  });

  it('finds the references of a step across workflows', async () => {
    const line = lineOf(cleanFile, 'createBrandStep(input)');
    const refs = await client.request<{ uri: string; range: Range }[]>('textDocument/references', {
      textDocument: { uri: cleanUri },
      position: { line, character: charOf(cleanFile, line, 'createBrandStep') + 1 },
      context: { includeDeclaration: true },
    });
    // The declaration is the createStep(...) call: it starts on the `export const ... =` line.
    assert.deepEqual(
      refs.map((r) => [r.uri, r.range.start.line]).sort(),
      [
        [uriOf(stepsFile), lineOf(stepsFile, 'export const createBrandStep =')],
        [cleanUri, line],
        [mistakesUri, lineOf(mistakesFile, 'createBrandStep(input)')],
      ].sort(),
    );
  });

  it('shows inlay hints with the execution order and the parallel group', async () => {
    const hints = await client.request<{ position: Range['start']; label: string }[]>(
      'textDocument/inlayHint',
      {
        textDocument: { uri: cleanUri },
        range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
      },
    );
    const labelOn = (needle: string): string[] =>
      hints.filter((h) => h.position.line === lineOf(cleanFile, needle)).map((h) => h.label);
    assert.deepEqual(labelOn('createBrandStep(input)'), ['#1']);
    assert.deepEqual(labelOn('notifyStep('), ['#2 ∥1']);
    assert.deepEqual(labelOn('auditStep('), ['#2 ∥1']);
  });

  it('answers medusaWorkflows/graph with the workflow, its execution tree and step definitions', async () => {
    type Graph = {
      workflow: { id: string; nodes: { id: string }[]; flow: unknown; location: { file: string } };
      steps: { name: string; hasCompensation: boolean }[];
    };
    const graph = await client.request<Graph | null>('medusaWorkflows/graph', {
      workflow: 'create-brand-workflow',
    });
    assert.ok(graph);
    assert.equal(graph.workflow.location.file, cleanFile);
    assert.deepEqual(
      graph.workflow.nodes.map((n) => n.id),
      ['create-brand', 'notify-brand', 'audit-brand'],
    );
    assert.deepEqual(graph.workflow.flow, {
      action: 'create-brand',
      noCompensation: false,
      next: [
        { action: 'notify-brand', noCompensation: true },
        { action: 'audit-brand', noCompensation: true },
      ],
    });
    assert.deepEqual(graph.steps.map((s) => [s.name, s.hasCompensation]).sort(), [
      ['audit-brand', false],
      ['create-brand', true],
      ['notify-brand', false],
    ]);
    await assert.rejects(client.request('medusaWorkflows/graph', { id: 'create-brand-workflow' }), {
      code: -32602,
      message: /needs \{ workflow: string \}/,
    });
  });

  it('answers medusaWorkflows/listWorkflows for the workspace and for one document', async () => {
    type Summary = {
      id: string;
      file: string;
      line: number;
      external: boolean;
      steps: { id: string }[];
    };
    const all = await client.request<Summary[]>('medusaWorkflows/listWorkflows', {});
    assert.deepEqual(
      all.map((w) => [w.id, w.file, w.line, w.external]),
      [
        ['create-brand-workflow', cleanFile, lineOf(cleanFile, 'createWorkflow('), false],
        ['rename-brand-workflow', mistakesFile, lineOf(mistakesFile, 'createWorkflow('), false],
      ],
    );
    assert.deepEqual(
      all[0]!.steps.map((s) => s.id),
      ['create-brand', 'notify-brand', 'audit-brand'],
    );
    const one = await client.request<Summary[]>('medusaWorkflows/listWorkflows', {
      uri: mistakesUri,
    });
    assert.deepEqual(
      one.map((w) => w.id),
      ['rename-brand-workflow'],
    );
  });

  it('offers a quick fix from the analyzer and re-publishes diagnostics after the edit', async () => {
    const line = lineOf(mistakesFile, 'const again = notifyStep');
    const range = { start: { line, character: 0 }, end: { line, character: 80 } };
    type Action = {
      title: string;
      kind: string;
      edit: { changes: Record<string, TextEdit[]> };
      diagnostics: PublishedDiagnostic[];
    };
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: mistakesUri },
      range,
      context: { diagnostics: [] },
    });
    const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics[0]?.code === 'MW005');
    assert.ok(fix, `a quick fix for MW005 on line ${line}: ${JSON.stringify(actions)}`);
    assert.match(fix.title, /\.config\(\{ name/);
    const before = client.diagnostics.received.length;
    const text = applyEdits(readFileSync(mistakesFile, 'utf8'), fix.edit.changes[mistakesUri]!);
    assert.match(text.split('\n')[line]!, /notifyStep\(\{ id: brand\.id \}\)\.config\(\{ name: /);
    const version = await client.change(mistakesUri, text);
    const after = await client.waitForDiagnostics(mistakesUri, version, before);
    assert.deepEqual(
      problems(after.diagnostics).map((d) => [d.range.start.line, d.code]),
      [[lineOf(mistakesFile, 'console.log'), 'MW015']],
    );
  });

  it('re-publishes diagnostics when the document changes', async () => {
    const original = readFileSync(mistakesFile, 'utf8');
    const consoleLine = lineOf(mistakesFile, 'console.log');
    const before = client.diagnostics.received.length;
    const withoutLog = original
      .split('\n')
      .filter((l) => !l.includes('console.log'))
      .join('\n');
    const version = await client.change(mistakesUri, withoutLog);
    const fixed = await client.waitForDiagnostics(mistakesUri, version, before);
    // Without the console.log line: no MW015, and the duplicate (MW005) moved up one line.
    const duplicateLine = lineOf(mistakesFile, 'const again = notifyStep');
    assert.deepEqual(
      problems(fixed.diagnostics).map((d) => [d.range.start.line, d.code]),
      [[duplicateLine - 1, 'MW005']],
    );
    const restored = await client.change(mistakesUri, original);
    const again = await client.waitForDiagnostics(mistakesUri, restored, before);
    assert.deepEqual(
      problems(again.diagnostics)
        .map((d) => [d.range.start.line, d.code])
        .sort(),
      [
        [consoleLine, 'MW015'],
        [duplicateLine, 'MW005'],
      ].sort(),
    );
  });

  it('keeps serving on half-typed code and on documents that are not files', async () => {
    const broken = join(workspace, 'src', 'workflows', 'unsaved-broken.ts');
    const text = readFileSync(cleanFile, 'utf8');
    const uri = await client.open(
      broken,
      text.slice(0, Math.floor(text.length * 0.6)) + ' ((( => {',
    );
    const published = await client.waitForDiagnostics(uri, 1);
    assert.ok(Array.isArray(published.diagnostics));
    const lenses = await client.request<unknown[]>('textDocument/codeLens', {
      textDocument: { uri },
    });
    assert.ok(Array.isArray(lenses));
    const untitled = 'untitled:Untitled-1';
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: untitled, languageId: 'typescript', version: 1, text },
    });
    const none = await client.request<unknown>('textDocument/hover', {
      textDocument: { uri: untitled },
      position: { line: 10, character: 10 },
    });
    assert.equal(none, null);
    await client.connection.sendNotification('textDocument/didClose', {
      textDocument: { uri: untitled },
    });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const all = await client.request<{ id: string }[]>('medusaWorkflows/listWorkflows', {});
    assert.deepEqual(
      all.map((w) => w.id),
      ['create-brand-workflow', 'rename-brand-workflow'],
      'a closed, never-saved document leaves nothing behind',
    );
  });

  it('serves an opened core-flows dist file as external, without listing it with the workspace', async () => {
    const file = join(
      repoRoot,
      'node_modules',
      '@medusajs',
      'core-flows',
      'dist',
      'product',
      'workflows',
      'create-products.js',
    );
    const uri = await client.open(file);
    const lenses = await client.request<{ range: Range; command: { arguments: unknown[] } }[]>(
      'textDocument/codeLens',
      { textDocument: { uri } },
    );
    assert.equal(lenses.length, 3);
    assert.equal(lenses[0]!.range.start.line, lineOf(file, '(0, workflows_sdk_1.createWorkflow)('));
    assert.deepEqual(lenses[0]!.command.arguments, [{ workflow: 'create-products', file }]);
    const own = await client.request<{ id: string; external: boolean }[]>(
      'medusaWorkflows/listWorkflows',
      { uri },
    );
    assert.deepEqual(
      own.map((w) => [w.id, w.external]),
      [['create-products', true]],
    );
    const workspaceOnly = await client.request<{ id: string }[]>(
      'medusaWorkflows/listWorkflows',
      {},
    );
    assert.deepEqual(
      workspaceOnly.map((w) => w.id),
      ['create-brand-workflow', 'rename-brand-workflow'],
    );
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('lists core-flows workflows with includeExternal, indexed on demand', async function () {
    this.timeout(180000);
    type Summary = { id: string; file: string; external: boolean };
    const all = await client.request<Summary[]>('medusaWorkflows/listWorkflows', {
      includeExternal: true,
    });
    const external = all.filter((w) => w.external);
    assert.ok(
      external.length > 200,
      `core-flows has hundreds of workflows, got ${external.length}`,
    );
    const createProducts = external.find((w) => w.id === 'create-products');
    assert.ok(createProducts, 'create-products is listed');
    assert.match(createProducts.file, /node_modules[\\/]@medusajs[\\/]core-flows[\\/]dist[\\/]/);
    const graph = await client.request<{ workflow: { id: string; nodes: unknown[] } } | null>(
      'medusaWorkflows/graph',
      { workflow: 'create-products' },
    );
    assert.equal(graph?.workflow.id, 'create-products');
    assert.ok(graph.workflow.nodes.length > 0);
    assert.equal(
      await client.request('medusaWorkflows/graph', { workflow: 'no-such-workflow' }),
      null,
    );
    // A core-flows step used by many workflows: the hover names a few and counts the rest.
    const emitEvent = join(
      repoRoot,
      'node_modules',
      '@medusajs',
      'core-flows',
      'dist',
      'common',
      'steps',
      'emit-event.js',
    );
    const line = lineOf(emitEvent, 'createStep)(exports.emitEventStepId');
    const hover = await client.request<{ contents: { value: string } } | null>(
      'textDocument/hover',
      {
        textDocument: { uri: uriOf(emitEvent) },
        position: { line, character: charOf(emitEvent, line, 'exports.emitEventStepId') + 3 },
      },
    );
    assert.match(hover!.contents.value, /\*\*step\*\* `emit-event-step`/);
    const more = /used by ((?:`[^`]+`, ){11}`[^`]+`) and (\d+) more/.exec(hover!.contents.value);
    assert.ok(more, hover!.contents.value);
    const emitters = all.filter((w) => w.external);
    assert.ok(Number(more[2]) + 12 <= emitters.length);
    assert.deepEqual(
      all.filter((w) => !w.external).map((w) => w.id),
      ['create-brand-workflow', 'rename-brand-workflow'],
    );
  });

  it('exits with code 0 after shutdown and exit', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});
