// Language-server process: analyzes open documents (at once on open, debounced on change) and
// pushes their diagnostics. Requests call `fresh()` so they never answer from a stale analysis.
import { existsSync, readFileSync } from 'node:fs';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from './context';
import { toLspDiagnostic, uriToPath } from './convert';

export class DocumentAnalysis {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly dirty = new Set<string>();
  /** The last version seen per uri: TextDocuments reports an open as a content change too. */
  private readonly seen = new Map<string, number>();
  /** What was last published per uri, to skip unchanged re-publications. */
  private readonly published = new Map<string, string>();

  constructor(private readonly ctx: Omit<ServerContext, 'fresh'>) {}

  /** A document just opened: answered from the disk cache when its facts came from there and
   * its text is the one on disk (the background indexing re-analyzes it soon), else analyzed. */
  opened(doc: TextDocument): void {
    const path = uriToPath(doc.uri);
    if (path && this.ctx.index.isRestored(path) && diskText(path) === doc.getText()) {
      this.seen.set(doc.uri, doc.version);
      this.ctx.index.setOverlay(path, doc.getText());
      this.ctx.connection.console.info(`answered ${path} from the index cache`);
      void this.publish(doc.uri, true);
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
    this.published.delete(doc.uri);
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
    void this.ctx.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
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
      if (!this.dirty.has(doc.uri)) void this.publish(doc.uri, force);
    }
  }

  private flush(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.dirty.delete(uri);
    const path = uriToPath(uri);
    if (!path) return;
    this.ctx.index.refreshFor(path);
    void this.publish(uri, true);
    for (const doc of this.ctx.documents.all()) {
      if (doc.uri !== uri && !this.dirty.has(doc.uri)) void this.publish(doc.uri, false);
    }
  }

  private async publish(uri: string, force: boolean): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    const path = uriToPath(uri);
    if (!doc || !path) return;
    const settings = await this.ctx.settings(uri);
    if (this.dirty.has(uri)) return;
    const facts = this.ctx.index.facts(path);
    const diagnostics = settings.diagnostics.enable
      ? (facts?.diagnostics ?? []).map((d) => toLspDiagnostic(d, this.ctx.docsUrl))
      : [];
    const key = JSON.stringify(diagnostics);
    if (!force && this.published.get(uri) === key) return;
    this.published.set(uri, key);
    await this.ctx.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }
}

function diskText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
