// Extension host: the Workflow Executions view's Live mode: one read-only follower of a Redis's
// `orchestrator:*` channels (engine/src/executions/live.ts), the events of each transaction seen
// since it started, and its status in words. Wired by registerExecutions.ts.
import * as vscode from 'vscode';
import type { LiveEvent, LiveFollower } from '../../../engine/src/executions/live';
import type { LiveTarget } from './liveTarget';

export type LiveStatus =
  | { kind: 'off' }
  | { kind: 'connecting'; shown: string }
  | { kind: 'on'; shown: string; events: number }
  | { kind: 'error'; message: string };

export type Follow = (url: string) => Promise<LiveFollower>;

export const LIVE_CONTEXT = 'medusaWorkflows.executions.live';

/** Events kept per transaction, and transactions kept: a bound, not a history. */
const PER_TRANSACTION = 500;
const TRANSACTIONS = 200;

export class LiveExecutions implements vscode.Disposable {
  private follower: LiveFollower | undefined;
  private readonly events = new Map<string, { workflowId: string; events: LiveEvent[] }>();
  private readonly published = new Set<string>();
  private generation = 0;
  status: LiveStatus = { kind: 'off' };
  private readonly changedStatus = new vscode.EventEmitter<LiveStatus>();
  readonly onDidChangeStatus = this.changedStatus.event;
  private readonly received = new vscode.EventEmitter<LiveEvent>();
  readonly onDidReceive = this.received.event;

  constructor(private readonly follow: Follow) {}

  get following(): boolean {
    return this.status.kind === 'on';
  }

  /** Starts following `target` (or shows why not); stops a follower already running first. */
  async start(target: LiveTarget | string): Promise<void> {
    await this.stop();
    const generation = ++this.generation;
    if (typeof target === 'string') return this.setStatus({ kind: 'error', message: target });
    this.setStatus({ kind: 'connecting', shown: target.shown });
    let follower: LiveFollower;
    try {
      follower = await this.follow(target.url);
    } catch (err) {
      if (generation === this.generation) {
        this.setStatus({ kind: 'error', message: (err as Error).message });
      }
      return;
    }
    if (generation !== this.generation) return void follower.close();
    this.follower = follower;
    this.setStatus({ kind: 'on', shown: target.shown, events: 0 });
    void this.pump(follower, target.shown);
  }

  async stop(): Promise<void> {
    this.generation++;
    const follower = this.follower;
    this.follower = undefined;
    if (this.status.kind !== 'off') this.setStatus({ kind: 'off' });
    await follower?.close();
  }

  /** The events of a transaction received since Live started, in order. */
  eventsOf(transactionId: string): readonly LiveEvent[] {
    return this.events.get(transactionId)?.events ?? [];
  }

  /** Transactions seen live, newest first. */
  transactions(): { transactionId: string; workflowId: string; events: readonly LiveEvent[] }[] {
    return [...this.events].reverse().map(([transactionId, t]) => ({ transactionId, ...t }));
  }

  /** Whether an event of this workflow arrived since Live started. */
  hasPublished(workflowId: string): boolean {
    return this.published.has(workflowId);
  }

  private async pump(follower: LiveFollower, shown: string): Promise<void> {
    let count = 0;
    for await (const event of follower) {
      if (this.follower !== follower) break;
      this.remember(event);
      this.setStatus({ kind: 'on', shown, events: ++count });
      this.received.fire(event);
    }
  }

  private remember(event: LiveEvent): void {
    this.published.add(event.workflowId);
    let entry = this.events.get(event.transactionId);
    if (entry) this.events.delete(event.transactionId);
    entry ??= { workflowId: event.workflowId, events: [] };
    entry.events.push(event);
    if (entry.events.length > PER_TRANSACTION) entry.events.shift();
    this.events.set(event.transactionId, entry);
    if (this.events.size > TRANSACTIONS) {
      const oldest = this.events.keys().next().value;
      if (oldest !== undefined) this.events.delete(oldest);
    }
  }

  private setStatus(status: LiveStatus): void {
    const was = this.status.kind === 'on' || this.status.kind === 'connecting';
    const is = status.kind === 'on' || status.kind === 'connecting';
    this.status = status;
    // The view's title shows Stop while following, Follow otherwise.
    if (was !== is) void vscode.commands.executeCommand('setContext', LIVE_CONTEXT, is);
    this.changedStatus.fire(status);
  }

  /** The status line of the view, or undefined when Live is off. */
  describe(): string | undefined {
    switch (this.status.kind) {
      case 'off':
        return undefined;
      case 'connecting':
        return `Live: connecting to ${this.status.shown}…`;
      case 'on':
        return `Live: following orchestrator:* on ${this.status.shown} (${this.status.events} event${this.status.events === 1 ? '' : 's'})`;
      case 'error':
        return `Live: ${this.status.message}`;
    }
  }

  dispose(): void {
    void this.stop();
    this.changedStatus.dispose();
    this.received.dispose();
  }
}
