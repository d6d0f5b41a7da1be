// Helpers for the e2e suite (runs in VS Code's extension host). The browser bridge is the
// launcher's 127.0.0.1 endpoint (code-server runs only): real clicks in the webview frame and
// screenshots. Without it clicks are dispatched inside the webview and screenshots are skipped.
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MedusaWorkflowsApi } from '../../client/src/extension';
import type { DomSnapshot } from '../../client/src/graph/messages';

export const EXTENSION_ID = 'medusa-workflows-tools.medusa-workflows';

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri.fsPath;
}

export function wsPath(rel: string): string {
  return path.join(workspaceRoot(), rel);
}

export async function api(): Promise<MedusaWorkflowsApi> {
  const ext = vscode.extensions.getExtension<MedusaWorkflowsApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const reason = last instanceof Error ? `: ${last.message}` : '';
  throw new Error(`timed out waiting for ${what}${reason}`);
}

export async function openFile(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsPath(rel));
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
}

const bridge = process.env.MEDUSA_E2E_BRIDGE;

export const hasBrowser = bridge !== undefined;

async function callBridge(route: string, params: Record<string, string>): Promise<unknown> {
  const res = await fetch(`${bridge}${route}?${new URLSearchParams(params).toString()}`);
  const body = (await res.json()) as { error?: string };
  if (!res.ok) throw new Error(`bridge ${route}: ${body.error ?? res.status}`);
  return body;
}

/** Saves a screenshot of the whole workbench into test-artifacts/ (code-server runs). */
export async function screenshot(name: string): Promise<string | undefined> {
  if (!bridge) return undefined;
  const body = (await callBridge('/screenshot', { name })) as { file: string };
  return body.file;
}

/** A real mouse click on a graph node: through the browser when there is one. */
export async function clickNode(
  api: MedusaWorkflowsApi,
  node: string,
  double = false,
): Promise<void> {
  if (bridge) {
    await callBridge(double ? '/dblclick' : '/click', {
      selector: `[data-node-id="${node}"] .shape`,
    });
    return;
  }
  assert.ok(api.graphProbe, 'the graph probe (development and test runs)');
  await api.graphProbe.click(`[data-node-id="${node}"]`, double);
}

/** A real mouse click on an element of the graph view (`selector` in the webview's document). */
export async function clickInGraph(api: MedusaWorkflowsApi, selector: string): Promise<void> {
  if (bridge) {
    await callBridge('/click', { selector });
    return;
  }
  assert.ok(api.graphProbe, 'the graph probe (development and test runs)');
  await api.graphProbe.click(selector);
}

/** A real mouse hover on a graph node (browser runs only). */
export async function hoverNode(node: string | undefined): Promise<void> {
  await callBridge('/hover', { selector: node ? `[data-node-id="${node}"] .shape` : '#title' });
}

/** A real mouse hover on an element of the graph view (`selector` in its document; browser runs only). */
export async function hoverInGraph(selector: string): Promise<void> {
  await callBridge('/hover', { selector });
}

/**
 * Picks the row labelled `label` (accessible label up to its first comma) in the workbench's
 * quick pick as a user would, typing `filter` first (browser runs only); returns the placeholder
 * and the rows (their accessible labels) it showed before filtering.
 */
export async function pickInQuickPick(
  label: string,
  filter = label,
): Promise<{ placeholder: string; items: string[] }> {
  return (await callBridge('/quickpick', { pick: label, filter })) as {
    placeholder: string;
    items: string[];
  };
}

/** Types `text` into the workbench's open input box and presses Enter, as a user would
 * (browser runs only); returns the prompt it showed. */
export async function answerInputBox(text: string): Promise<{ prompt: string }> {
  return (await callBridge('/input', { text })) as { prompt: string };
}

/** A real mouse click on an element of the workbench itself (browser runs only). */
export async function clickInWorkbench(selector: string): Promise<void> {
  await callBridge('/click', { selector });
}

/** Real key presses in the graph view (browser runs only). */
export async function pressInGraph(key: string): Promise<void> {
  await callBridge('/press', { selector: '#canvas', key });
}

export async function dom(api: MedusaWorkflowsApi): Promise<DomSnapshot> {
  assert.ok(api.graphPanel(), 'graph panel is open');
  assert.ok(api.graphProbe, 'the graph probe (development and test runs)');
  return api.graphProbe.domSnapshot();
}

/** Opens the graph for a workflow from the same arguments the code lens carries, waits until drawn. */
export async function showGraph(
  a: MedusaWorkflowsApi,
  workflow: string,
  file: string,
): Promise<DomSnapshot> {
  await vscode.commands.executeCommand('medusaWorkflows.previewGraph', { workflow, file });
  return waitFor(async () => {
    const snap = await dom(a);
    return snap.workflow === workflow && snap.nodes.length > 0 ? snap : undefined;
  }, `the graph of ${workflow} drawn`);
}

export interface DapMessage {
  type?: string;
  command?: string;
  event?: string;
  success?: boolean;
  message?: string;
  seq?: number;
  request_seq?: number;
  arguments?: unknown;
  body?: { threadId?: number; reason?: string; output?: string };
}

export interface LoggedMessage {
  session: string;
  dir: 'in' | 'out';
  m: DapMessage;
}

/** Every DAP message of medusa-workflow sessions, both ways, in order. */
export function dapLog(): { messages: LoggedMessage[]; dispose(): void } {
  const messages: LoggedMessage[] = [];
  const sub = vscode.debug.registerDebugAdapterTrackerFactory('medusa-workflow', {
    createDebugAdapterTracker: ({ id: session }) => ({
      onWillReceiveMessage: (m: DapMessage) => messages.push({ session, dir: 'in', m }),
      onDidSendMessage: (m: DapMessage) => messages.push({ session, dir: 'out', m }),
    }),
  });
  return { messages, dispose: () => void sub.dispose() };
}

/** The requests the adapter answered with an error: `command {arguments}: message`. */
export function failedRequests(log: ReturnType<typeof dapLog>): string[] {
  return log.messages
    .filter((x) => x.m.type === 'response' && x.m.success === false)
    .map((f) => {
      const req = log.messages.find(
        (x) => x.session === f.session && x.dir === 'in' && x.m.seq === f.m.request_seq,
      )?.m;
      return `${f.m.command} ${JSON.stringify(req?.arguments)}: ${f.m.message}`;
    });
}

/**
 * Whether the workbench has filled the Variables view (a successful `scopes` answer) since the
 * session's last stop. A user looks at them before continuing; continuing earlier races the
 * workbench's own `scopes` request against the resume (see the report on "Unknown stack frame").
 */
export function variablesShown(log: ReturnType<typeof dapLog>, session: string): boolean {
  const mine = log.messages.filter((x) => x.session === session);
  let stop = -1;
  mine.forEach((x, i) => {
    if (x.m.event === 'stopped') stop = i;
  });
  return stop >= 0 && mine.slice(stop).some((x) => x.m.command === 'scopes' && x.m.success);
}
