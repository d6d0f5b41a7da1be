// Language-server process: keeps the analysis of open documents current: their text goes to the
// index as an overlay, analyzed at once on open and debounced on change, then their diagnostics
// are published (diagnosticsPublisher.ts). Requests call `fresh()` so they never answer from a
// stale analysis. Created by server.ts.
import { existsSync, readFileSync } from 'node:fs';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from './context';
import { uriToPath } from './convert';
import { DiagnosticsPublisher } from './diagnosticsPublisher';

export class DocumentAnalysis {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly dirty = new Set<string>();
  /** The last version seen per uri: TextDocuments reports an open as a content change too. */
  private readonly seen = new Map<string, number>();
  private readonly diagnostics: DiagnosticsPublisher;

  constructor(private readonly ctx: Omit<ServerContext, 'fresh'>) {
    this.diagnostics = new DiagnosticsPublisher(ctx, (uri) => this.dirty.has(uri));
  }

  /** A document just opened: answered from the disk cache when its facts came from there and
   * its text is the one on disk (the background indexing re-analyzes it soon), else analyzed. */
  opened(doc: TextDocument): void {
    const path = uriToPath(doc.uri);
    if (path && this.ctx.index.isRestored(path) && diskText(path) === doc.getText()) {
      this.seen.set(doc.uri, doc.version);
      this.ctx.index.setOverlay(path, doc.getText());
      this.ctx.connection.console.info(`answered ${path} from the index cache`);
      void this.diagnostics.publish(doc.uri, true);
      return;
    }
    this.changed(doc, 0);
  }

  changed(doc: TextDocument, debounceMs?: number): void {
    const path = uriToPath(doc.uri);
    if (!path || this.seen.get(doc.uri) === doc.version) return;
    this.seen.set(doc.uri, doc.version);
    this.ctx.index.setOverlay(path, doc.getText());
    this.dirty.add(doc.uri);
    clearTimeout(this.timers.get(doc.uri));
    if (debounceMs === 0) {
      this.flush(doc.uri);
      return;
    }
    void this.ctx.settings(doc.uri).then((s) => {
      if (!this.dirty.has(doc.uri)) return;
      clearTimeout(this.timers.get(doc.uri));
      this.timers.set(
        doc.uri,
        setTimeout(() => this.flush(doc.uri), debounceMs ?? s.diagnostics.debounceMs),
      );
    });
  }

  closed(doc: TextDocument): void {
    const path = uriToPath(doc.uri);
    clearTimeout(this.timers.get(doc.uri));
    this.timers.delete(doc.uri);
    this.dirty.delete(doc.uri);
    this.seen.delete(doc.uri);
    if (!path) return;
    this.ctx.index.setOverlay(path, undefined);
    if (existsSync(path)) {
      this.ctx.index.refreshFor(path);
    } else {
      // A buffer that was never saved: forget it.
      const external = this.ctx.index.isExternal(path);
      this.ctx.index.untrack(path);
      this.ctx.index.refresh(external);
    }
    this.diagnostics.clear(doc.uri);
    this.republishAll(false);
  }

  fresh(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (!path) return undefined;
    if (this.dirty.has(uri) || !this.ctx.index.has(path)) this.flush(uri);
    return path;
  }

  /** Re-publishes open documents: all of them (settings changed), or those whose diagnostics
   * changed (an edit elsewhere can change them: hook handlers, duplicate registrations). */
  republishAll(force = true): void {
    for (const doc of this.ctx.documents.all()) {
      if (!this.dirty.has(doc.uri)) void this.diagnostics.publish(doc.uri, force);
    }
  }

  private flush(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.dirty.delete(uri);
    const path = uriToPath(uri);
    if (!path) return;
    this.ctx.index.refreshFor(path);
    void this.diagnostics.publish(uri, true);
    for (const doc of this.ctx.documents.all()) {
      if (doc.uri === uri || this.dirty.has(doc.uri)) continue;
      void this.diagnostics.publish(doc.uri, false);
    }
  }
}

function diskText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
