// Test helper (mocha, Node): a minimal LSP client over real stdio to the built dist/server.js,
// built on vscode-jsonrpc. Answers the server's own requests (configuration, progress tokens,
// registrations) and lets tests wait for notifications instead of sleeping.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const serverPath = join(repoRoot, 'dist', 'server.js');

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface PublishedDiagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
}

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: PublishedDiagnostic[];
}

export interface ProgressParams {
  token: unknown;
  value: { kind: string; title?: string; message?: string; percentage?: number };
}

interface Waiter<T> {
  match: (value: T) => boolean;
  resolve: (value: T) => void;
}

/** Collects one kind of notification and resolves waiters on the first match (past or future). */
class Inbox<T> {
  readonly received: T[] = [];
  private waiters: Waiter<T>[] = [];

  push(value: T): void {
    this.received.push(value);
    const hit = this.waiters.filter((w) => w.match(value));
    this.waiters = this.waiters.filter((w) => !hit.includes(w));
    for (const w of hit) w.resolve(value);
  }

  /** Waits for a notification that matches, received after `since` (an index in `received`). */
  wait(match: (value: T) => boolean, what: string, since = 0, timeoutMs = 15000): Promise<T> {
    const past = this.received.slice(since).find(match);
    if (past) return Promise.resolve(past);
    return new Promise<T>((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `timed out waiting for ${what}; received: ${JSON.stringify(this.received.slice(since)).slice(0, 2000)}`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter<T> = {
        match,
        resolve: (value) => {
          clearTimeout(timer);
          resolvePromise(value);
        },
      };
      this.waiters.push(waiter);
    });
  }
}

export interface StartOptions {
  folders: string[];
  /** The `medusaWorkflows` section answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  /** Advertise window.workDoneProgress (default true). */
  workDoneProgress?: boolean;
  /** Advertise workspace.configuration (default true). */
  configuration?: boolean;
  initializationOptions?: unknown;
}

export class LspClient {
  readonly diagnostics = new Inbox<PublishDiagnosticsParams>();
  readonly progress = new Inbox<{
    token: unknown;
    value: { kind: string; title?: string; percentage?: number };
  }>();
  readonly progressTokens: unknown[] = [];
  /** window/logMessage texts. */
  readonly logs = new Inbox<string>();
  readonly configurationRequests: unknown[] = [];
  stderr = '';
  private readonly versions = new Map<string, number>();
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    readonly options: StartOptions,
  ) {
    this.exited = new Promise((r) => child.on('exit', (code) => r(code)));
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) =>
      this.diagnostics.push(p),
    );
    connection.onNotification('$/progress', (p: ProgressParams) => this.progress.push(p));
    connection.onNotification('window/logMessage', (p: { message: string }) =>
      this.logs.push(p.message),
    );
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
      this.configurationRequests.push(p);
      return p.items.map(() => this.options.settings ?? {});
    });
    connection.onRequest('window/workDoneProgress/create', (p: { token: unknown }) => {
      this.progressTokens.push(p.token);
      return null;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();
  }

  static async start(options: StartOptions): Promise<LspClient> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new LspClient(child, connection, options);
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.folders[0] ? uriOf(options.folders[0]) : null,
      workspaceFolders: options.folders.map((f) => ({ uri: uriOf(f), name: f })),
      initializationOptions: options.initializationOptions,
      capabilities: {
        window: { workDoneProgress: options.workDoneProgress ?? true },
        workspace: {
          configuration: options.configuration ?? true,
          workspaceFolders: true,
          inlayHint: { refreshSupport: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          inlayHint: {},
          codeLens: {},
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Opens a file from disk (or with the given text); returns its uri. */
  async open(path: string, text = readFileSync(path, 'utf8')): Promise<string> {
    const uri = uriOf(path);
    this.versions.set(uri, 1);
    const languageId = /\.[cm]?tsx?$/.test(path) ? 'typescript' : 'javascript';
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
    return uri;
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /** The first diagnostics published for `uri` (at `version`, when given) after `since`. */
  waitForDiagnostics(uri: string, version?: number, since = 0): Promise<PublishDiagnosticsParams> {
    return this.diagnostics.wait(
      (p) => p.uri === uri && (version === undefined || p.version === version),
      `diagnostics for ${uri}${version !== undefined ? ` v${version}` : ''}`,
      since,
    );
  }

  /** Sends shutdown and exit; resolves with the process exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}
