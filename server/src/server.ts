// Language-server process: wires documents, settings, workspace indexing and the features onto
// a connection. Imported only by main.ts (and usable in-process with any connection).
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
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
import { createAnalyzer, nodeHost, type Analyzer } from './analysis/index';
import { SettingsCache } from './settings';
import { registerCodeActions } from './features/codeActions';
import { registerCodeLens } from './features/codeLens';
import type { ServerContext } from './features/context';
import { pathToUri, uriToPath } from './features/convert';
import { registerDefinition } from './features/definition';
import { DocumentAnalysis } from './features/documentAnalysis';
import { registerHover } from './features/hover';
import { CacheLoader } from './features/cacheLoader';
import { ReadRecorder } from './features/diskCache';
import { IndexCache } from './features/indexCache';
import {
  coreFlowsDistDirs,
  externalEntryFiles,
  Indexer,
  mentionsWorkflows,
  workspaceEntryFiles,
} from './features/indexing';
import { registerInlayHints } from './features/inlayHints';
import { createProgress } from './features/progress';
import { registerReferences } from './features/references';
import { registerSymbols } from './features/symbols';
import { registerWorkflowRequests } from './features/workflowRequests';
import { LOOSE } from './features/apps';
import { EXTERNAL, WorkspaceIndex } from './features/workspaceIndex';

/** Files changed under these folders are never workspace entries. */
const skipped = /[\\/](node_modules|dist|\.git)[\\/]/;

function workspaceFolders(params: InitializeParams): string[] {
  const uris =
    params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(uriToPath).filter((p): p is string => p !== undefined);
}

/** What a world is called in the progress message. */
function describeWorld(world: string, folders: string[]): string {
  if (world === EXTERNAL) return 'node_modules/@medusajs/core-flows';
  if (world === LOOSE) return 'workspace files';
  const folder = folders.find((f) => world === f || world.startsWith(f + sep));
  const rel = folder ? relative(dirname(folder), world) : world;
  return `app ${rel || basename(world)}`;
}

/** The server build: facts cached by another build of the analyzer must not be trusted. */
function buildStamp(): string {
  try {
    const s = statSync(__filename);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'unknown';
  }
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
  const recorder = new ReadRecorder(nodeHost);
  try {
    analyzer = createAnalyzer(recorder.host);
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
  let externalDone: Promise<void> | undefined;
  let resolveIndexed: () => void = () => {};
  const indexed = new Promise<void>((r) => (resolveIndexed = r));
  /** The index on disk (initializationOptions `cacheDir`), read and written by `cache`. */
  let cache = new CacheLoader(undefined, index, new Set(), () => undefined);
  /** How long indexing runs before its progress is shown (initializationOptions, default 1 s). */
  let progressDelayMs = 1000;
  /** Worlds analyzed whole in this session (or restored from the disk cache): the ones saved. */
  const completeWorlds = new Set<string>();

  const progress = (): ReturnType<typeof createProgress> =>
    createProgress(connection, caps.window?.workDoneProgress === true);
  const indexer = (external: boolean): Indexer =>
    new Indexer(index, {
      external,
      title: 'Indexing Medusa workflows',
      get progressDelayMs() {
        return progressDelayMs;
      },
      describe: (world) => describeWorld(world, folders),
      progress,
      onWorldDone: (world) => {
        completeWorlds.add(world);
        analysis.republishAll(false);
      },
    });
  const workspaceIndexer = indexer(false);
  const externalIndexer = indexer(true);

  /** Saves the complete worlds, except those an unsaved open document may have changed. */
  const saveCache = (): void => {
    const skip = new Set<string>();
    for (const doc of documents.all()) {
      const path = uriToPath(doc.uri);
      if (!path || nodeHost.readFile(path) === doc.getText()) continue;
      if (skipped.test(path)) return; // a changed dependency outside the apps: save nothing
      skip.add(index.worldOf(path));
    }
    cache.save(skip, recorder.stamps);
  };

  /** Indexes files in the background; resolves at once when the disk cache had them all. */
  const runIndexer = async (ix: Indexer, files: string[], ready: () => void): Promise<void> => {
    ix.add(files);
    for (const doc of documents.all()) {
      const path = uriToPath(doc.uri);
      if (path) ix.prioritize(path);
    }
    if (files.every((f) => index.isRestored(f))) ready();
    await ix.run();
    ready();
    saveCache();
  };

  const ctx: ServerContext = {
    connection,
    documents,
    index,
    settings: (resource) => settings.get(resource),
    fresh: (uri) => analysis.fresh(uri),
    uriOf: (path) => documents.all().find((d) => uriToPath(d.uri) === path)?.uri ?? pathToUri(path),
    workspaceIndexed: () => indexed,
    externalIndexed: () => {
      externalDone ??= indexed.then(async () => {
        cache.restoreExternal(coreFlowsDistDirs(folders));
        const files = await externalEntryFiles(folders);
        await new Promise<void>((ready) => void runIndexer(externalIndexer, files, ready));
      });
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
    const opts = params.initializationOptions as
      | {
          settings?: unknown;
          cacheDir?: unknown;
          extensionVersion?: unknown;
          progressDelayMs?: unknown;
        }
      | undefined;
    globalRaw = opts?.settings;
    if (typeof opts?.progressDelayMs === 'number') progressDelayMs = opts.progressDelayMs;
    if (typeof opts?.cacheDir === 'string' && opts.cacheDir !== '') {
      const version = typeof opts.extensionVersion === 'string' ? opts.extensionVersion : '';
      const key = `${version}|${buildStamp()}`;
      const disk = new IndexCache(opts.cacheDir, key, folders, log);
      cache = new CacheLoader(disk, index, completeWorlds, (m) => connection.console.info(m));
    }
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
    const workspaceDone = (async () => {
      const t0 = Date.now();
      const files = await workspaceEntryFiles(folders);
      connection.console.info(`found ${files.length} workflow file(s) in ${Date.now() - t0} ms`);
      // The opened documents' apps were read when they opened; now every other app's file.
      await cache.restoreWorlds(new Set(files.map((f) => index.worldOf(f))));
      await runIndexer(workspaceIndexer, files, resolveIndexed);
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

  connection.onShutdown(() => {
    cache.cancel();
    workspaceIndexer.cancel();
    externalIndexer.cancel();
    saveCache();
  });

  documents.onDidOpen((e) => {
    const path = uriToPath(e.document.uri);
    if (path) cache.restoreWorldOf(path);
    analysis.opened(e.document);
    if (path) (index.isExternal(path) ? externalIndexer : workspaceIndexer).prioritize(path);
  });
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
