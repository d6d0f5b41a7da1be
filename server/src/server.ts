// Language-server process: wires documents, settings, workspace indexing and the features onto
// a connection. Imported only by main.ts (and usable in-process with any connection).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzer, type Analyzer, type AnalyzerHost } from './analysis/index';
import { SettingsCache } from './settings';
import { registerCodeActions } from './features/codeActions';
import { registerCodeLens } from './features/codeLens';
import type { ServerContext } from './features/context';
import { pathToUri, uriToPath } from './features/convert';
import { registerDefinition } from './features/definition';
import { DocumentAnalysis } from './features/diagnostics';
import { registerHover } from './features/hover';
import {
  externalEntryFiles,
  indexFiles,
  mentionsWorkflows,
  workspaceEntryFiles,
} from './features/indexing';
import { registerInlayHints } from './features/inlayHints';
import { createProgress } from './features/progress';
import { registerReferences } from './features/references';
import { registerSymbols } from './features/symbols';
import { registerWorkflowRequests } from './features/workflowRequests';
import { WorkspaceIndex } from './features/workspaceIndex';

const fileHost: AnalyzerHost = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  fileExists(path) {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
};

/** Files changed under these folders are never workspace entries. */
const skipped = /[\\/](node_modules|dist|\.git)[\\/]/;

function workspaceFolders(params: InitializeParams): string[] {
  const uris =
    params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(uriToPath).filter((p): p is string => p !== undefined);
}

function docsUrl(params: InitializeParams): string | undefined {
  const opts = params.initializationOptions as { docsUrl?: unknown } | undefined;
  if (typeof opts?.docsUrl === 'string') return opts.docsUrl;
  const readme = join(__dirname, '..', 'README.md');
  return existsSync(readme) ? pathToUri(readme) : undefined;
}

export function startServer(connection: Connection): void {
  const log = (message: string): void => connection.console.error(message);
  let analyzer: Analyzer | undefined;
  try {
    analyzer = createAnalyzer(fileHost);
  } catch (error) {
    log(`the analyzer could not start: ${String(error)}`);
  }
  const index = new WorkspaceIndex(analyzer, log);
  const documents = new TextDocuments(TextDocument);
  let caps: ClientCapabilities = {};
  let folders: string[] = [];
  let globalRaw: unknown;
  let docsUrlValue: string | undefined;
  let settings = new SettingsCache(null);
  let workspaceDone: Promise<void> | undefined;
  let externalDone: Promise<void> | undefined;
  let resolveIndexed: () => void = () => {};
  const indexed = new Promise<void>((r) => (resolveIndexed = r));

  const progress = (): ReturnType<typeof createProgress> =>
    createProgress(connection, caps.window?.workDoneProgress === true);

  const ctx: ServerContext = {
    connection,
    documents,
    index,
    settings: (resource) => settings.get(resource),
    fresh: (uri) => analysis.fresh(uri),
    uriOf: (path) => documents.all().find((d) => uriToPath(d.uri) === path)?.uri ?? pathToUri(path),
    workspaceIndexed: () => indexed,
    externalIndexed: () => {
      externalDone ??= indexed.then(async () =>
        indexFiles(index, externalEntryFiles(folders), {
          external: true,
          title: 'Indexing @medusajs/core-flows',
          progress: await progress(),
        }),
      );
      return externalDone;
    },
    includeExternal: async () =>
      externalDone !== undefined || (await settings.get()).analysis.includeNodeModules,
    get docsUrl() {
      return docsUrlValue;
    },
  };
  const analysis = new DocumentAnalysis(ctx);

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    folders = workspaceFolders(params);
    docsUrlValue = docsUrl(params);
    const opts = params.initializationOptions as { settings?: unknown } | undefined;
    globalRaw = opts?.settings;
    settings = new SettingsCache(
      caps.workspace?.configuration
        ? (resource) =>
            connection.workspace.getConfiguration({
              scopeUri: resource,
              section: 'medusaWorkflows',
            })
        : () => Promise.resolve(globalRaw),
    );
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        inlayHintProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'medusa-workflows', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' }],
      });
    }
    workspaceDone = (async () => {
      const files = workspaceEntryFiles(folders);
      await indexFiles(index, files, {
        external: false,
        title: 'Indexing Medusa workflows',
        progress: await progress(),
      });
      analysis.republishAll(false);
      connection.console.info(
        `indexed ${files.length} workflow file(s) in ${folders.length} folder(s)`,
      );
    })().finally(resolveIndexed);
    void workspaceDone.then(async () => {
      if ((await settings.get()).analysis.includeNodeModules) await ctx.externalIndexed();
    });
  });

  connection.onDidChangeConfiguration((params) => {
    const raw = (params.settings as { medusaWorkflows?: unknown } | undefined)?.medusaWorkflows;
    if (raw !== undefined) globalRaw = raw;
    settings.clear();
    analysis.republishAll();
    if (caps.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh();
    if (caps.workspace?.codeLens?.refreshSupport)
      void connection.sendRequest('workspace/codeLens/refresh');
  });

  connection.onDidChangeWatchedFiles((params) => {
    let changed = false;
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      if (!path || !/\.[cm]?[jt]sx?$/.test(path) || /\.d\.[cm]?ts$/.test(path)) continue;
      index.invalidate(path);
      changed = true;
      if (change.type === FileChangeType.Deleted) index.untrack(path);
      else if (!skipped.test(path) && mentionsWorkflows(path)) index.track([path]);
    }
    if (!changed) return;
    index.refresh(false);
    analysis.republishAll(false);
  });

  documents.onDidOpen((e) => analysis.opened(e.document));
  documents.onDidChangeContent((e) => analysis.changed(e.document));
  documents.onDidClose((e) => analysis.closed(e.document));

  for (const register of [
    registerCodeActions,
    registerCodeLens,
    registerHover,
    registerSymbols,
    registerDefinition,
    registerReferences,
    registerInlayHints,
    registerWorkflowRequests,
  ]) {
    register(ctx);
  }
  documents.listen(connection);
  connection.listen();
}
