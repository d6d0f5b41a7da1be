// Extension host: wires the Workflow Executions view: its tree, its commands, and the database
// connection (opened on first use, closed and reopened when the setting or the workspace
// changes). Called from extension.ts.
import * as vscode from 'vscode';
import type { RunStates } from '../debug/runStates';
import type { GraphPanelDeps } from '../graph/graphPanel';
import type { Workflows } from '../workflows';
import { registerExecutionCommands } from './executionCommands';
import { ExecutionsTree } from './executionsTree';
import { connect, type Connection, type ReaderLike } from './store';

export const EXECUTIONS_VIEW = 'medusaWorkflows.executions';
const SETTING = 'medusaWorkflows.executions.databaseUrl';

export interface ExecutionsDeps {
  workflows: Workflows;
  runStates: RunStates;
  graph: GraphPanelDeps;
  reader: ReaderLike;
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
  const tree = new ExecutionsTree(connection);
  const findApps = async (): Promise<void> => {
    const configs = await vscode.workspace.findFiles(
      '**/medusa-config.{ts,js}',
      '**/node_modules/**',
      10,
    );
    appRoots = configs.map((u) => vscode.Uri.joinPath(u, '..').fsPath).sort();
  };
  const reconnect = (): void => {
    close();
    void findApps().then(() => tree.refresh());
  };
  const view = vscode.window.createTreeView(EXECUTIONS_VIEW, { treeDataProvider: tree });
  context.subscriptions.push(
    tree,
    view,
    { dispose: close },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING)) reconnect();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(reconnect),
  );
  reconnect();
  registerExecutionCommands(context, { ...deps, tree, connection });
  return tree;
}
