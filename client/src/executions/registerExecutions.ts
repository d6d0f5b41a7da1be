// Extension host: wires the Workflow Executions view: its tree, its commands, the database
// connection (opened on first use, closed and reopened when the setting or the workspace
// changes), and Live mode (a Redis follower whose events update the rows and an open recorded
// graph). Called from extension.ts.
import * as vscode from 'vscode';
import type { RunStates } from '../debug/runStates';
import type { GraphPanelDeps } from '../graph/graphPanel';
import type { Workflows } from '../workflows';
import { registerExecutionCommands, type OpenedRecord } from './executionCommands';
import { ExecutionsTree } from './executionsTree';
import { LiveExecutions, type Follow } from './liveExecutions';
import { applyLiveEvent, liveNote } from './liveOverlay';
import { liveTarget, REDIS_SETTING, REMOTE_SETTING } from './liveTarget';
import { connect, type Connection, type ReaderLike } from './store';
import type { AppRedis } from '../../../engine/src/executions/live';

export const EXECUTIONS_VIEW = 'medusaWorkflows.executions';
const SETTING = 'medusaWorkflows.executions.databaseUrl';

export interface LiveLike {
  followLiveExecutions: Follow;
  findAppRedis(appRoot: string): AppRedis;
}

export interface ExecutionsDeps {
  workflows: Workflows;
  runStates: RunStates;
  graph: GraphPanelDeps;
  reader: ReaderLike;
  live: LiveLike;
}

export function registerExecutions(
  context: vscode.ExtensionContext,
  deps: ExecutionsDeps,
): ExecutionsTree {
  let current: Connection | string | undefined;
  let appRoots: string[] = [];
  const close = (): void => {
    if (current && typeof current !== 'string') void Promise.resolve(current.store.close());
    current = undefined;
  };
  const connection = (): Connection | string => {
    current ??= connect(
      deps.reader,
      vscode.workspace.getConfiguration().get<string>(SETTING),
      appRoots,
    );
    return current;
  };
  const live = new LiveExecutions((url) => deps.live.followLiveExecutions(url));
  /** The recorded execution drawn on the graph last (Live updates it). */
  let opened: OpenedRecord | undefined;
  const publishes = (o: OpenedRecord): boolean => o.publishes || live.hasPublished(o.workflowId);
  const note = (): string | undefined =>
    opened && liveNote(opened.workflowId, publishes(opened), live.following);
  const tree = new ExecutionsTree(connection, {
    describe: () => live.describe(),
    failed: () => live.status.kind === 'error',
    eventsOf: (tx) => live.eventsOf(tx),
    transactions: () => live.transactions(),
    notes: () => (opened && live.following && !publishes(opened) ? [note() ?? ''] : []),
  });
  /** Redraws the open recorded graph's banner with the current Live sentence. */
  const renote = (): void => {
    if (!opened) return;
    const overlay = deps.runStates.overlayFor(opened.workflowId);
    if (overlay?.recorded?.transactionId !== opened.transactionId) return;
    deps.runStates.showRecord(opened.workflowId, {
      ...overlay,
      recorded: { ...overlay.recorded, live: note() },
    });
  };
  const findApps = async (): Promise<void> => {
    const configs = await vscode.workspace.findFiles(
      '**/medusa-config.{ts,js}',
      '**/node_modules/**',
      10,
    );
    appRoots = configs.map((u) => vscode.Uri.joinPath(u, '..').fsPath).sort();
  };
  const startLive = async (): Promise<void> => {
    await findApps();
    const config = vscode.workspace.getConfiguration();
    const apps = appRoots.map((root) => ({ root, redis: deps.live.findAppRedis(root) }));
    await live.start(
      liveTarget(
        config.get<string>(REDIS_SETTING),
        config.get<boolean>(REMOTE_SETTING) ?? false,
        apps,
      ),
    );
    if (live.status.kind === 'error') void vscode.window.showWarningMessage(live.describe() ?? '');
  };
  const reconnect = (): void => {
    close();
    void findApps().then(() => tree.refresh());
  };
  const view = vscode.window.createTreeView(EXECUTIONS_VIEW, { treeDataProvider: tree });
  context.subscriptions.push(
    tree,
    view,
    live,
    { dispose: close },
    live.onDidChangeStatus((status) => {
      view.description = status.kind === 'on' ? 'Live' : undefined;
      tree.redraw();
      renote();
    }),
    live.onDidReceive((event) => {
      tree.reloadSoon();
      const overlay = deps.runStates.overlayFor(event.workflowId);
      if (overlay?.recorded?.transactionId === event.transactionId) {
        const next = applyLiveEvent(overlay, event);
        deps.runStates.showRecord(event.workflowId, {
          ...next,
          recorded: { ...next.recorded!, live: note() },
        });
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING)) reconnect();
      if (
        (e.affectsConfiguration(REDIS_SETTING) || e.affectsConfiguration(REMOTE_SETTING)) &&
        live.status.kind !== 'off'
      ) {
        void startLive();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(reconnect),
    vscode.commands.registerCommand('medusaWorkflows.executions.live', startLive),
    vscode.commands.registerCommand('medusaWorkflows.executions.stopLive', () => live.stop()),
  );
  reconnect();
  registerExecutionCommands(context, {
    ...deps,
    tree,
    connection,
    live,
    onOpened: (record) => {
      opened = record;
      tree.redraw();
      renote();
    },
  });
  return tree;
}
