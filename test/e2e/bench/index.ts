// Extension-host side of `npm run bench:extension` (runs inside VS Code through scripts/e2e.mjs
// with MEDUSA_E2E_TESTS pointing here). Prints one `BENCH {json}` line per measurement, each with
// the baseline measured in the same run; bench/extension.mjs formats them.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import type { MedusaWorkflowsApi } from '../../../client/src/extension';
import type { WorkflowSummary } from '../../../server/src/protocol';

const RUNS = 5;
/** Pause after closing a view, before timing the next one (its teardown is not the next one's). */
const SETTLE_MS = 150;
/** How long a fresh window's first answers are waited for (a busy machine takes tens of seconds). */
const COLD_TIMEOUT_MS = 120_000;

function emit(record: Record<string, unknown>): void {
  console.log(`BENCH ${JSON.stringify(record)}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Baseline for activation: the language server alone, spawn to `initialize` answered. */
async function serverStartMs(extensionPath: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(extensionPath, 'dist/server.js'), '--stdio'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const conn = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? null,
    capabilities: {},
  });
  const ms = performance.now() - t0;
  await conn.sendRequest('shutdown').catch(() => undefined);
  void conn.sendNotification('exit');
  conn.dispose();
  child.kill();
  return ms;
}

async function drawMs(
  a: MedusaWorkflowsApi,
  w: WorkflowSummary,
  fresh: boolean,
): Promise<{ total: number; render: number; nodes: number; boot: number }> {
  if (fresh) a.graphPanel()?.dispose();
  const drawn = new Promise<{ ms: number; nodes: number }>((resolve) => {
    const sub = a.onDidDrawGraph((e) => {
      if (e.workflow !== w.id) return;
      sub.dispose();
      resolve(e);
    });
  });
  const t0 = performance.now();
  await vscode.commands.executeCommand('medusaWorkflows.previewGraph', {
    workflow: w.id,
    file: w.file,
  });
  const e = await drawn;
  const panel = a.graphPanel();
  const boot = panel && fresh ? panel.timing.ready - t0 : 0;
  return {
    total: performance.now() - t0,
    render: e.ms + (panel?.lastLayoutMs ?? 0),
    nodes: e.nodes,
    boot,
  };
}

async function graphRequestMs(a: MedusaWorkflowsApi, w: WorkflowSummary): Promise<number> {
  const t0 = performance.now();
  await a.workflows.graph({ workflow: w.id, file: w.file });
  return performance.now() - t0;
}

async function benchGraph(
  a: MedusaWorkflowsApi,
  label: string,
  w: WorkflowSummary,
  other: WorkflowSummary,
): Promise<void> {
  await drawMs(a, w, true); // warm-up: the first graph request may index files
  const totals: number[] = [];
  const renders: number[] = [];
  const boots: number[] = [];
  const warm: number[] = [];
  const warmRenders: number[] = [];
  let nodes = 0;
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // The baseline alternates with the measure, so both see the same load (others' work varies),
    // and both start from the same window: no graph view open, the last one closed and settled.
    // (The baseline used to be made beside the last graph view, the graph view right after
    // closing it: a webview's teardown was timed in one and not in the other.)
    await closeGraphView(a);
    bare.push(await bareWebviewMs());
    await closeGraphView(a);
    const r = await drawMs(a, w, true);
    totals.push(r.total);
    renders.push(r.render);
    boots.push(r.boot);
    nodes = r.nodes;
  }
  // An open graph view switching to the workflow (the common case: it follows the editor).
  for (let i = 0; i < RUNS; i++) {
    await drawMs(a, other, false);
    const r = await drawMs(a, w, false);
    warm.push(r.total);
    warmRenders.push(r.render);
  }
  const requests: number[] = [];
  for (let i = 0; i < RUNS; i++) requests.push(await graphRequestMs(a, w));
  emit({
    kind: 'graph',
    label,
    workflow: w.id,
    steps: w.steps.length,
    nodes,
    commandToDrawnMs: median(totals),
    bareWebviewMs: median(bare),
    layoutAndRenderMs: median(renders),
    webviewBootMs: median(boots),
    openViewToDrawnMs: median(warm),
    openViewLayoutAndRenderMs: median(warmRenders),
    graphRequestMs: median(requests),
  });
}

/** One edit with the graph open: edit applied to graph redrawn, and the parts of it. */
async function timeEdit(
  a: MedusaWorkflowsApi,
  editor: vscode.TextEditor,
  w: WorkflowSummary,
  at: vscode.Position,
  text: string,
): Promise<{ total: number; request: number; layout: number }> {
  const drawn = new Promise<void>((resolve) => {
    const sub = a.onDidDrawGraph((e) => {
      if (e.workflow !== w.id) return;
      sub.dispose();
      resolve();
    });
  });
  const t0 = performance.now();
  await editor.edit((e) => e.insert(at, text));
  await drawn;
  const panel = a.graphPanel();
  return {
    total: performance.now() - t0,
    request: panel?.lastRequestMs ?? NaN,
    layout: panel?.lastLayoutMs ?? NaN,
  };
}

/** Typing in the workflow's file with the graph open: a comment (same structure, the layout is
 * reused) and a new step call (new structure, laid out again). */
async function benchEdit(a: MedusaWorkflowsApi, w: WorkflowSummary): Promise<void> {
  await drawMs(a, w, true);
  const doc = await vscode.workspace.openTextDocument(w.file);
  const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  const original = doc.getText();
  const anchor = original.indexOf('validateInventoryStep({ items: input.items });');
  const kinds: [string, (i: number) => string][] = [['comment', (i) => `  // edit ${i}\n`]];
  if (anchor >= 0) {
    kinds.push([
      'new step',
      (i) => `validateInventoryStep({ items: input.items }).config({ name: 'bench-${i}' });\n  `,
    ]);
  }
  for (const [kind, text] of kinds) {
    const runs: { total: number; request: number; layout: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const at =
        anchor >= 0
          ? doc.positionAt(doc.getText().indexOf('validateInventoryStep({ items: input.items });'))
          : new vscode.Position(w.line + 1, 0);
      runs.push(await timeEdit(a, editor, w, at, text(i)));
    }
    emit({
      kind: 'edit',
      edit: kind,
      workflow: w.id,
      editToDrawnMs: median(runs.map((r) => r.total)),
      debounceMs: 80,
      graphRequestAfterEditMs: median(runs.map((r) => r.request)),
      layoutMs: median(runs.map((r) => r.layout)),
    });
  }
  const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  await editor.edit((e) => e.replace(all, original));
}

/** Closes the graph view, if open, and lets the workbench settle before the next measure. */
async function closeGraphView(a: MedusaWorkflowsApi): Promise<void> {
  a.graphPanel()?.dispose();
  await new Promise((r) => setTimeout(r, SETTLE_MS));
}

/** Baseline for a new graph view: a bare webview whose one-line script says it is ready. */
async function bareWebviewMs(): Promise<number> {
  const t0 = performance.now();
  const panel = vscode.window.createWebviewPanel(
    'medusaBench.bare',
    'bare',
    vscode.ViewColumn.Beside,
    {
      enableScripts: true,
    },
  );
  const ready = new Promise<void>((resolve) => panel.webview.onDidReceiveMessage(() => resolve()));
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-b'"></head><body><script nonce="b">acquireVsCodeApi().postMessage('ready')</script></body></html>`;
  await ready;
  const ms = performance.now() - t0;
  panel.dispose();
  return ms;
}

function largest(list: WorkflowSummary[]): WorkflowSummary | undefined {
  return [...list].sort((x, y) => y.steps.length - x.steps.length)[0];
}

/** Polls `probe` every 20 ms; the ms until it holds, NaN after `timeoutMs`. */
async function msUntil(
  t0: number,
  probe: () => Promise<boolean>,
  timeoutMs = COLD_TIMEOUT_MS,
): Promise<number> {
  while (performance.now() - t0 < timeoutMs) {
    if (await probe().catch(() => false)) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 20));
  }
  return NaN;
}

/** The first thing in a fresh window: open a workflow file and time, from the open, VS Code's
 * TypeScript server's first answer (a hover on an imported name) and our first code lens and
 * first diagnostics (the server's first publication for the file, even an empty one). */
async function coldOpen(
  ext: vscode.Extension<MedusaWorkflowsApi>,
  rel: string,
  activeBefore: boolean,
): Promise<void> {
  const file = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, rel);
  const t0 = performance.now();
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc);
  const text = doc.getText();
  const at = doc.positionAt(text.indexOf('WorkflowResponse') + 2);
  const ts = msUntil(t0, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      at,
    );
    return hovers.length > 0;
  });
  const lens = msUntil(t0, async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      doc.uri,
    );
    return lenses.some((l) => l.command?.command === 'medusaWorkflows.previewGraph');
  });
  const diagnostics = msUntil(t0, () =>
    Promise.resolve(ext.isActive && ext.exports.diagnosticsPublished(doc.uri)),
  );
  emit({
    kind: 'cold',
    file: rel,
    folder: vscode.workspace.workspaceFolders![0]!.uri.fsPath,
    activeBefore,
    tsFirstAnswerMs: await ts,
    lensMs: await lens,
    diagnosticsMs: await diagnostics,
    diagnostics: vscode.languages
      .getDiagnostics(doc.uri)
      .filter((d) => d.source === 'medusa-workflows').length,
  });
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<MedusaWorkflowsApi>(
    'medusa-workflows-tools.medusa-workflows',
  );
  if (!ext) throw new Error('extension not found');
  const coldFile = process.env.MEDUSA_BENCH_COLD_FILE ?? 'src/workflows/create-order.ts';
  await coldOpen(ext, coldFile, ext.isActive);
  if (process.env.MEDUSA_BENCH_COLD_ONLY) return;
  const a = await ext.activate();
  const server = [];
  for (let i = 0; i < 3; i++) server.push(await serverStartMs(ext.extensionPath));
  emit({ kind: 'activation', activationMs: a.activationMs, serverStartMs: median(server) });
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) bare.push(await bareWebviewMs());
  emit({ kind: 'webview', bareWebviewMs: median(bare) });
  const doc = await vscode.workspace.openTextDocument(
    path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'src/workflows/create-order.ts'),
  );
  await vscode.window.showTextDocument(doc);
  const mineAll = (await a.workflows.list()).filter((w) => !w.external);
  const mine = largest(mineAll);
  const small = [...mineAll].sort((x, y) => x.steps.length - y.steps.length)[0];
  if (mine && small) await benchGraph(a, 'examples', mine, small);
  if (mine) await benchEdit(a, mine);
  const core = largest((await a.workflows.list(undefined, true)).filter((w) => w.external));
  if (core && small) await benchGraph(a, 'core-flows', core, small);
}
