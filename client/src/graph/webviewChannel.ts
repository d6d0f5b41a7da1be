// Extension host (graph panel): the wire to the graph webview: waits for its `ready`, posts host
// messages, matches answers to requests by id, and validates every message that comes back
// before handing it on (messages.ts is the contract).
import type * as vscode from 'vscode';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from './messages';

const ANSWER_TIMEOUT_MS = 15_000;

/** Messages that are not answers to a request: the panel handles them. */
export type Notification = Exclude<WebviewMessage, { type: 'exportResult' | 'test.result' }>;

export class WebviewChannel implements vscode.Disposable {
  private nextRequest = 1;
  private readonly pending = new Map<number, (value: unknown) => void>();
  /** Resolves once the webview said it is ready (its script runs and listens). */
  readonly whenReady: Promise<void>;
  private markReady!: () => void;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    onNotification: (msg: Notification) => void,
  ) {
    this.whenReady = new Promise((resolve) => (this.markReady = resolve));
    this.subscription = webview.onDidReceiveMessage((raw) => {
      const msg = parseWebviewMessage(raw);
      if (!msg) return;
      if (msg.type === 'exportResult') this.answer(msg.requestId, msg.data);
      else if (msg.type === 'test.result') this.answer(msg.requestId, msg.dom);
      else {
        if (msg.type === 'ready') this.markReady();
        onNotification(msg);
      }
    });
  }

  async post(message: HostMessage): Promise<void> {
    await this.whenReady;
    await this.webview.postMessage(message);
  }

  /** Posts a message carrying a fresh request id and waits for the answer with that id. */
  async request<T>(make: (requestId: number) => HostMessage): Promise<T> {
    const requestId = this.nextRequest++;
    const answer = new Promise<unknown>((resolve, reject) => {
      this.pending.set(requestId, resolve);
      setTimeout(() => {
        if (this.pending.delete(requestId)) reject(new Error('the graph view did not answer'));
      }, ANSWER_TIMEOUT_MS);
    });
    await this.post(make(requestId));
    return (await answer) as T;
  }

  private answer(requestId: number, value: unknown): void {
    this.pending.get(requestId)?.(value);
    this.pending.delete(requestId);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
