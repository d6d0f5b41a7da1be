// Extension host: the "Workflow Executions" view: a Medusa database's stored executions, newest
// first, with filters (workflow, state, time) and "Load more" paging; an execution opens into its
// steps' recorded states, and a failed step into its error (linked to its file). Read-only.
// Errors are one message item; the database URL is never shown.
import * as vscode from 'vscode';
import type {
  ExecutionFilter,
  ExecutionRecord,
  ExecutionSummary,
  RecordedStep,
} from '../../../engine/src/executions/record';
import type { LiveEvent } from '../../../engine/src/executions/live';
import { applyLiveSummary, describeLiveEvent } from './liveOverlay';
import type { Connection } from './store';

const PAGE = 50;

/** What the tree shows of Live mode (liveExecutions.ts), when it is on. */
export interface LiveRows {
  /** The status line, or undefined when Live is off. */
  describe(): string | undefined;
  failed(): boolean;
  eventsOf(transactionId: string): readonly LiveEvent[];
  transactions(): { transactionId: string; workflowId: string; events: readonly LiveEvent[] }[];
  /** More sentences (a followed workflow that publishes nothing). */
  notes(): string[];
}

export type ExecutionItem =
  | { kind: 'message'; text: string; error: boolean; icon?: string }
  | { kind: 'execution'; summary: ExecutionSummary }
  | { kind: 'step'; step: RecordedStep; record: ExecutionRecord }
  | { kind: 'error'; step: RecordedStep; action: 'invoke' | 'compensate' }
  | { kind: 'more' };

export class ExecutionsTree implements vscode.TreeDataProvider<ExecutionItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExecutionItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  filter: Omit<ExecutionFilter, 'limit' | 'offset'> = {};
  private items: ExecutionSummary[] = [];
  private hasMore = false;
  private problem: string | undefined;
  private loaded = false;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly connection: () => Connection | string,
    private readonly live?: LiveRows,
  ) {}

  /** Re-reads the rows shown (after a live event), at most a few times a second. */
  reloadSoon(): void {
    if (this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.load(0, Math.max(PAGE, this.items.length)).then(() => this.changed.fire(undefined));
    }, 250);
  }

  /** Redraws the rows from what is already read (a live event, a status change). */
  redraw(): void {
    this.changed.fire(undefined);
  }

  refresh(): void {
    this.items = [];
    this.loaded = false;
    this.changed.fire(undefined);
  }

  async loadMore(): Promise<void> {
    await this.load(this.items.length);
    this.changed.fire(undefined);
  }

  private async load(offset: number, limit = PAGE): Promise<void> {
    this.problem = undefined;
    const conn = this.connectionOrProblem();
    if (!conn) return;
    try {
      const page = await conn.store.list({ ...this.filter, limit, offset });
      this.items = offset === 0 ? page.items : [...this.items, ...page.items];
      this.hasMore = page.hasMore;
    } catch (err) {
      this.problem = messageOf(err);
    }
    this.loaded = true;
  }

  private connectionOrProblem(): Connection | undefined {
    try {
      const conn = this.connection();
      if (typeof conn === 'string') this.problem = conn;
      else return conn;
    } catch (err) {
      this.problem = messageOf(err);
    }
    this.loaded = true;
    return undefined;
  }

  private liveHead(): ExecutionItem[] {
    const status = this.live?.describe();
    if (!this.live || status === undefined) return [];
    const error = this.live.failed();
    return [
      { kind: 'message', text: status, error, icon: error ? 'error' : 'broadcast' },
      ...this.live.notes().map((text): ExecutionItem => ({ kind: 'message', text, error: false })),
    ];
  }

  /** Transactions seen live that the rows read do not hold (not stored yet, or never). */
  private liveOnly(): ExecutionSummary[] {
    if (!this.live) return [];
    const shown = new Set(this.items.map((s) => s.transactionId));
    const { workflowId } = this.filter;
    return this.live
      .transactions()
      .filter((t) => !shown.has(t.transactionId) && (!workflowId || workflowId === t.workflowId))
      .map((t): ExecutionSummary => {
        const now = new Date().toISOString();
        return {
          id: t.transactionId,
          workflowId: t.workflowId,
          transactionId: t.transactionId,
          runId: '',
          state: 'invoking',
          createdAt: now,
          updatedAt: now,
          stepsDone: t.events.filter((e) => e.eventType === 'onStepSuccess').length,
          stepsTotal: 0,
        };
      })
      .filter(
        (s) =>
          !this.filter.state ||
          this.filter.state.includes(
            applyLiveSummary(s, this.live!.eventsOf(s.transactionId)).state,
          ),
      );
  }

  async record(id: string): Promise<ExecutionRecord | undefined> {
    const conn = this.connectionOrProblem();
    if (!conn) throw new Error(this.problem ?? 'No database.');
    return conn.store.get(id);
  }

  async getChildren(item?: ExecutionItem): Promise<ExecutionItem[]> {
    if (!item) {
      if (!this.loaded) await this.load(0);
      const head = this.liveHead();
      if (this.problem) return [...head, { kind: 'message', text: this.problem, error: true }];
      const rows: ExecutionItem[] = [...this.liveOnly(), ...this.items].map((summary) => ({
        kind: 'execution',
        summary: this.live
          ? applyLiveSummary(summary, this.live.eventsOf(summary.transactionId))
          : summary,
      }));
      if (rows.length === 0)
        return [...head, { kind: 'message', text: 'No stored executions match.', error: false }];
      return this.hasMore ? [...head, ...rows, { kind: 'more' }] : [...head, ...rows];
    }
    if (item.kind === 'execution') {
      try {
        const record = await this.record(item.summary.id);
        if (!record) return [{ kind: 'message', text: 'This execution is gone.', error: true }];
        return record.steps.map((step) => ({ kind: 'step', step, record }));
      } catch (err) {
        return [{ kind: 'message', text: messageOf(err), error: true }];
      }
    }
    if (item.kind === 'step') {
      const out: ExecutionItem[] = [];
      if (item.step.invokeError) out.push({ kind: 'error', step: item.step, action: 'invoke' });
      if (item.step.compensateError)
        out.push({ kind: 'error', step: item.step, action: 'compensate' });
      return out;
    }
    return [];
  }

  getTreeItem(item: ExecutionItem): vscode.TreeItem {
    switch (item.kind) {
      case 'message': {
        const t = new vscode.TreeItem(item.text);
        t.iconPath = new vscode.ThemeIcon(item.icon ?? (item.error ? 'error' : 'info'));
        t.tooltip = item.text;
        return t;
      }
      case 'more': {
        const t = new vscode.TreeItem('Load more…');
        t.command = { command: 'medusaWorkflows.executions.loadMore', title: 'Load more' };
        return t;
      }
      case 'execution': {
        const t = executionItem(item.summary);
        const last = this.live?.eventsOf(item.summary.transactionId).at(-1);
        if (last) t.description = `${String(t.description)} · live: ${describeLiveEvent(last)}`;
        if (item.summary.stepsTotal === 0 && item.summary.runId === '') {
          t.description = `${item.summary.state} · live, not stored · ${item.summary.stepsDone} done${last ? ` · ${describeLiveEvent(last)}` : ''}`;
        }
        return t;
      }
      case 'step':
        return stepItem(item.step);
      case 'error': {
        const error =
          item.action === 'invoke' ? item.step.invokeError! : item.step.compensateError!;
        const t = new vscode.TreeItem(error.message.split('\n')[0] ?? '');
        t.iconPath = new vscode.ThemeIcon('error');
        t.description = item.action === 'compensate' ? 'compensation error' : 'error';
        t.tooltip = new vscode.MarkdownString().appendCodeblock(error.stack ?? error.message);
        const at = error.location;
        if (at) {
          const uri = vscode.Uri.file(at.file);
          const pos = new vscode.Position(Math.max(0, at.line - 1), Math.max(0, at.column - 1));
          t.command = {
            command: 'vscode.open',
            title: 'Open',
            arguments: [uri, { selection: new vscode.Range(pos, pos) }],
          };
        }
        return t;
      }
    }
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.changed.dispose();
  }
}

const STATE_ICON: Record<string, string> = {
  done: 'pass',
  reverted: 'debug-step-back',
  failed: 'error',
  invoking: 'sync',
  compensating: 'sync',
  waiting_to_compensate: 'watch',
  not_started: 'circle-outline',
};

function executionItem(s: ExecutionSummary): vscode.TreeItem {
  const t = new vscode.TreeItem(s.workflowId, vscode.TreeItemCollapsibleState.Collapsed);
  const started = new Date(s.startedAt ?? s.createdAt);
  t.id = s.id;
  t.description = `${s.state} · ${started.toLocaleString()} · ${s.stepsDone}/${s.stepsTotal}`;
  t.tooltip = new vscode.MarkdownString(
    [
      `**${s.workflowId}** — ${s.state}`,
      `transaction \`${s.transactionId}\``,
      `execution \`${s.id}\``,
      `started ${started.toISOString()}, updated ${s.updatedAt}`,
      `${s.stepsDone} of ${s.stepsTotal} steps done`,
    ].join('\n\n'),
  );
  t.iconPath = new vscode.ThemeIcon(STATE_ICON[s.state] ?? 'circle-outline');
  t.contextValue = 'execution';
  t.command = {
    command: 'medusaWorkflows.executions.open',
    title: 'Open Execution',
    arguments: [{ kind: 'execution', summary: s }],
  };
  return t;
}

function stepItem(step: RecordedStep): vscode.TreeItem {
  const hasError = !!(step.invokeError ?? step.compensateError);
  const t = new vscode.TreeItem(
    step.name,
    hasError ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  const comp = step.noCompensation ? '' : ` · compensate ${step.compensate.state}`;
  t.description = `${step.invoke.state}${comp}${step.attempts > 1 ? ` · ${step.attempts} attempts` : ''}`;
  const md = new vscode.MarkdownString(`**${step.name}** \`${step.path}\`\n\n`);
  if (step.hasOutput) md.appendMarkdown('output').appendCodeblock(json(step.output), 'json');
  if (step.compensateInput !== undefined)
    md.appendMarkdown('compensate input').appendCodeblock(json(step.compensateInput), 'json');
  t.tooltip = md;
  t.iconPath = new vscode.ThemeIcon(
    step.invoke.state === 'failed' || step.compensate.state === 'failed'
      ? 'error'
      : step.compensate.state === 'reverted'
        ? 'debug-step-back'
        : step.invoke.state === 'done'
          ? 'pass'
          : 'circle-outline',
  );
  return t;
}

function json(value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
