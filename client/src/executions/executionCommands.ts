// Extension host: the Workflow Executions view's commands: refresh, filter, load more, open an
// execution on its workflow's graph (recorded states, rollback, mismatches), show its record as
// JSON, and replay it in the debugger.
import * as vscode from 'vscode';
import type { ExecutionRecord, ExecutionState } from '../../../engine/src/executions/record';
import { DEBUG_TYPE } from '../../../shared/protocol/debugProtocol';
import type { RunStates } from '../debug/runStates';
import { GraphPanel, type GraphPanelDeps } from '../graph/graphPanel';
import type { Workflows } from '../workflows';
import type { ExecutionItem, ExecutionsTree } from './executionsTree';
import type { LiveExecutions } from './liveExecutions';
import { applyLiveEvent, emptyLiveOverlay, liveNote, publishesLive } from './liveOverlay';
import { childTransactionId, recordOverlay } from './recordOverlay';
import type { Connection } from './store';

/** The execution last drawn on the graph: Live mode updates it as its events arrive. */
export interface OpenedRecord {
  workflowId: string;
  transactionId: string;
  /** Whether Medusa publishes its events (its flow has an async step). */
  publishes: boolean;
}

export interface ExecutionCommandDeps {
  tree: ExecutionsTree;
  workflows: Workflows;
  runStates: RunStates;
  graph: GraphPanelDeps;
  connection: () => Connection | string;
  live?: LiveExecutions;
  onOpened?: (record: OpenedRecord) => void;
}

const STATES: ExecutionState[] = [
  'done',
  'reverted',
  'failed',
  'invoking',
  'compensating',
  'waiting_to_compensate',
  'not_started',
];

const TIMES: [string, number | undefined][] = [
  ['Last hour', 3600e3],
  ['Last 24 hours', 86400e3],
  ['Last 7 days', 7 * 86400e3],
  ['Any time', undefined],
];

export function registerExecutionCommands(
  context: vscode.ExtensionContext,
  deps: ExecutionCommandDeps,
): void {
  const reg = (id: string, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };
  reg('medusaWorkflows.executions.refresh', () => deps.tree.refresh());
  reg('medusaWorkflows.executions.loadMore', () => deps.tree.loadMore());
  reg('medusaWorkflows.executions.filter', () => pickFilter(deps));
  reg('medusaWorkflows.executions.open', (item: ExecutionItem) => openExecution(deps, item));
  reg('medusaWorkflows.executions.showRecord', (item: ExecutionItem) => showRecord(deps, item));
  reg('medusaWorkflows.executions.replay', (item: ExecutionItem) => replay(deps, item));
}

async function pickFilter(deps: ExecutionCommandDeps): Promise<void> {
  const what = await vscode.window.showQuickPick(
    ['Workflow…', 'State…', 'Time…', 'Clear filters'],
    {
      placeHolder: 'Filter stored executions',
    },
  );
  const filter = { ...deps.tree.filter };
  if (what === 'Workflow…') {
    const conn = deps.connection();
    const ids = typeof conn === 'string' ? [] : await conn.store.workflows().catch(() => []);
    const pick = await vscode.window.showQuickPick(['(all workflows)', ...ids], {
      placeHolder: 'Workflow',
    });
    if (pick === undefined) return;
    filter.workflowId = pick === '(all workflows)' ? undefined : pick;
  } else if (what === 'State…') {
    const picks = await vscode.window.showQuickPick(
      STATES.map((s) => ({ label: s, picked: filter.state?.includes(s) ?? false })),
      { canPickMany: true, placeHolder: 'States (none: all)' },
    );
    if (picks === undefined) return;
    filter.state = picks.length > 0 ? picks.map((p) => p.label) : undefined;
  } else if (what === 'Time…') {
    const pick = await vscode.window.showQuickPick(TIMES.map(([label]) => label));
    const span = TIMES.find(([label]) => label === pick);
    if (!span) return;
    filter.since = span[1] === undefined ? undefined : new Date(Date.now() - span[1]).toISOString();
  } else if (what === 'Clear filters') {
    filter.workflowId = filter.state = filter.since = filter.until = undefined;
  } else return;
  deps.tree.filter = filter;
  deps.tree.refresh();
}

function idOf(item: ExecutionItem | undefined): string | undefined {
  return item?.kind === 'execution' ? item.summary.id : undefined;
}

/** The execution's workflow drawn from the code, with the record's states on it. */
export async function openExecution(
  deps: ExecutionCommandDeps,
  item: ExecutionItem,
): Promise<GraphPanel | undefined> {
  const id = idOf(item);
  if (!id || item.kind !== 'execution') return undefined;
  try {
    const record = await deps.tree.record(id);
    const events = deps.live?.eventsOf(item.summary.transactionId) ?? [];
    if (!record && events.length === 0) throw new Error(`Execution ${id} is no longer stored.`);
    const workflowId = record?.workflowId ?? item.summary.workflowId;
    const all = await deps.workflows.list();
    const code =
      all.find((w) => w.id === workflowId && !w.external) ?? all.find((w) => w.id === workflowId);
    if (!code) {
      void vscode.window.showWarningMessage(
        `Workflow "${workflowId}" is not in this workspace's code: its graph cannot be drawn.`,
      );
      return undefined;
    }
    const steps = code.steps.map((s) => s.id);
    // A transaction seen live but not stored: its graph from the events alone.
    let overlay = record
      ? recordOverlay(record, steps, await childRecords(deps, record))
      : emptyLiveOverlay(item.summary.transactionId, steps);
    for (const event of events) overlay = applyLiveEvent(overlay, event);
    const opened: OpenedRecord = {
      workflowId,
      transactionId: item.summary.transactionId,
      publishes: record ? publishesLive(record) : true,
    };
    const live = deps.live;
    const note =
      live &&
      liveNote(workflowId, opened.publishes || live.hasPublished(workflowId), live.following);
    deps.runStates.showRecord(workflowId, {
      ...overlay,
      recorded: { ...overlay.recorded!, live: note },
    });
    deps.onOpened?.(opened);
    // The graph goes beside the workflow's own code, not beside whatever editor was active.
    const at = new vscode.Position(code.line, 0);
    await vscode.window.showTextDocument(vscode.Uri.file(code.file), {
      viewColumn: vscode.ViewColumn.One,
      preserveFocus: true,
      preview: true,
      selection: new vscode.Range(at, at),
    });
    return GraphPanel.show(
      deps.graph,
      { workflow: code.id, file: code.file },
      vscode.ViewColumn.Two,
    );
  } catch (err) {
    void vscode.window.showErrorMessage(`Cannot open execution ${id}: ${(err as Error).message}`);
    return undefined;
  }
}

/** The stored rows of the nested workflows (`runAsStep`) the execution ran, by their step. */
async function childRecords(
  deps: ExecutionCommandDeps,
  record: ExecutionRecord,
): Promise<Map<string, ExecutionRecord>> {
  const out = new Map<string, ExecutionRecord>();
  for (const step of record.steps) {
    const id = childTransactionId(step, record);
    const child = id === undefined ? undefined : await deps.tree.record(id).catch(() => undefined);
    if (child) out.set(step.name, child);
  }
  return out;
}

async function showRecord(deps: ExecutionCommandDeps, item: ExecutionItem): Promise<void> {
  const id = idOf(item);
  if (!id) return;
  try {
    const record = await deps.tree.record(id);
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: JSON.stringify(record ?? null, null, 2),
    });
    await vscode.window.showTextDocument(doc, { preview: true });
  } catch (err) {
    void vscode.window.showErrorMessage(`Cannot read execution ${id}: ${(err as Error).message}`);
  }
}

async function replay(deps: ExecutionCommandDeps, item: ExecutionItem): Promise<void> {
  const id = idOf(item);
  const conn = deps.connection();
  if (!id || typeof conn === 'string') return;
  const app = 'app' in conn.origin ? conn.origin.app : undefined;
  const folder =
    (app !== undefined ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(app)) : undefined) ??
    vscode.workspace.workspaceFolders?.[0];
  await vscode.debug.startDebugging(folder, {
    type: DEBUG_TYPE,
    request: 'launch',
    name: `Replay ${item.kind === 'execution' ? item.summary.workflowId : id}`,
    replay: { execution: id, ...(conn.databaseUrl ? { databaseUrl: conn.databaseUrl } : { app }) },
    ...(app ? { cwd: app } : {}),
  });
}
