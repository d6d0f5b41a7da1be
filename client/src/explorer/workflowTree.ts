// Extension host: the "Medusa Workflows" Explorer view: the workspace's workflows with their
// steps, and Medusa's own (node_modules/@medusajs/core-flows) in a separate, lazily loaded group.
// Clicking an item reveals it; inline actions preview and debug (debug only when trusted).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkflowSummary } from '../../../shared/protocol/lspProtocol';
import type { Workflows } from '../workflows';

type Item =
  | { kind: 'group'; external: boolean }
  | { kind: 'workflow'; summary: WorkflowSummary }
  | { kind: 'step'; step: WorkflowSummary['steps'][number]; workflow: WorkflowSummary };

export class WorkflowTree implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private cache = new Map<boolean, Promise<WorkflowSummary[]>>();
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly workflows: Workflows) {
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (/^(typescript|javascript)/.test(d.languageId)) this.refreshSoon();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('medusaWorkflows.explorer')) this.refresh();
      }),
    );
  }

  refresh(): void {
    this.cache.clear();
    this.changed.fire(undefined);
  }

  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 800);
  }

  /** Workspace workflows (external false) or core-flows ones (external true), cached until refresh. */
  list(external: boolean): Promise<WorkflowSummary[]> {
    let entry = this.cache.get(external);
    if (!entry) {
      entry = this.workflows
        .list(undefined, external)
        .then((all) =>
          all.filter((w) => w.external === external).sort((a, b) => a.id.localeCompare(b.id)),
        )
        .catch(() => []);
      this.cache.set(external, entry);
    }
    return entry;
  }

  getTreeItem(item: Item): vscode.TreeItem {
    switch (item.kind) {
      case 'group': {
        const t = new vscode.TreeItem(
          item.external ? 'Medusa core-flows' : 'Workspace',
          item.external
            ? vscode.TreeItemCollapsibleState.Collapsed
            : vscode.TreeItemCollapsibleState.Expanded,
        );
        t.contextValue = item.external ? 'group-external' : 'group';
        t.iconPath = new vscode.ThemeIcon(item.external ? 'library' : 'folder');
        t.description = item.external ? 'node_modules/@medusajs/core-flows' : undefined;
        t.id = item.external ? 'group:external' : 'group:workspace';
        return t;
      }
      case 'workflow': {
        const w = item.summary;
        const t = new vscode.TreeItem(
          w.id,
          w.steps.length > 0
            ? vscode.TreeItemCollapsibleState.Collapsed
            : vscode.TreeItemCollapsibleState.None,
        );
        t.id = `wf:${w.external ? 'x' : 'w'}:${w.file}:${w.id}`;
        t.contextValue = w.external ? 'workflow-external' : 'workflow';
        t.iconPath = new vscode.ThemeIcon('type-hierarchy-sub');
        t.description = relative(w.file);
        t.tooltip = `${w.id}\n${w.file}:${w.line + 1}\n${w.steps.length} steps`;
        t.command = {
          command: 'medusaWorkflows.reveal',
          title: 'Reveal',
          arguments: [{ file: w.file, line: w.line }],
        };
        return t;
      }
      case 'step': {
        const s = item.step;
        const t = new vscode.TreeItem(s.name === s.id ? s.id : `${s.id} (${s.name})`);
        t.id = `step:${item.workflow.file}:${item.workflow.id}:${s.id}`;
        t.contextValue = `step-${s.kind}`;
        t.description = s.kind === 'step' ? undefined : s.kind;
        t.iconPath = new vscode.ThemeIcon(ICONS[s.kind] ?? 'symbol-event');
        t.command = {
          command: 'medusaWorkflows.reveal',
          title: 'Reveal',
          arguments: [{ file: s.file, line: s.line }],
        };
        return t;
      }
    }
  }

  async getChildren(item?: Item): Promise<Item[]> {
    if (!item) {
      const groups: Item[] = [{ kind: 'group', external: false }];
      if (
        vscode.workspace.getConfiguration('medusaWorkflows').get('explorer.showCoreFlows', true)
      ) {
        groups.push({ kind: 'group', external: true });
      }
      return groups;
    }
    if (item.kind === 'group') {
      return (await this.list(item.external)).map((summary) => ({ kind: 'workflow', summary }));
    }
    if (item.kind === 'workflow') {
      return item.summary.steps.map((step) => ({ kind: 'step', step, workflow: item.summary }));
    }
    return [];
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

const ICONS: Record<string, string> = {
  step: 'symbol-method',
  hook: 'plug',
  transform: 'symbol-operator',
  'nested-workflow': 'type-hierarchy-sub',
  'when-then': 'git-compare',
};

function relative(file: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  if (folder) return path.relative(folder.uri.fsPath, file);
  const i = file.lastIndexOf('node_modules');
  return i >= 0 ? file.slice(i) : file;
}
