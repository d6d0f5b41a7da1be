// Extension host: starts the language server (dist/server.js) over IPC for TypeScript and
// JavaScript files. In an untrusted workspace the lenses that would run code are dropped.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

const RUNS_CODE = new Set(['medusaWorkflows.debugWorkflow', 'medusaWorkflows.runWithFailure']);

export const documentSelector = [
  'typescript',
  'javascript',
  'typescriptreact',
  'javascriptreact',
].map((language) => ({ scheme: 'file', language }));

export async function startLanguageClient(
  context: vscode.ExtensionContext,
): Promise<LanguageClient | undefined> {
  const module = context.asAbsolutePath('dist/server.js');
  try {
    await vscode.workspace.fs.stat(vscode.Uri.file(module));
  } catch {
    void vscode.window.showWarningMessage(
      'Medusa Workflows: dist/server.js is missing; run npm run build.',
    );
    return undefined;
  }
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    // The server keeps its index there across sessions (a second window starts warm).
    initializationOptions: {
      cacheDir: context.globalStorageUri.fsPath,
      extensionVersion: String((context.extension.packageJSON as { version?: unknown }).version),
    },
    synchronize: { configurationSection: 'medusaWorkflows' },
    middleware: {
      provideCodeLenses: async (document, token, next) => {
        const lenses = (await next(document, token)) ?? [];
        if (vscode.workspace.isTrusted) return lenses;
        return lenses.filter((l) => !RUNS_CODE.has(l.command?.command ?? ''));
      },
    },
  };
  const client = new LanguageClient(
    'medusaWorkflows',
    'Medusa Workflows',
    serverOptions,
    clientOptions,
  );
  context.subscriptions.push(client);
  await client.start();
  return client;
}
