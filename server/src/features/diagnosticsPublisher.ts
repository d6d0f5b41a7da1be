// Language-server process: sends an open document's diagnostics from its latest analysis,
// mapped to LSP, honouring `diagnostics.enable`, and skips a re-publication that would change
// nothing. Used only by documentAnalysis.ts, which decides when a document is analyzed.
import type { ServerContext } from './context';
import { toLspDiagnostic, uriToPath } from './convert';

type PublisherContext = Pick<
  ServerContext,
  'connection' | 'documents' | 'index' | 'settings' | 'docsUrl'
>;

export class DiagnosticsPublisher {
  /** What was last published per uri, to skip unchanged re-publications. */
  private readonly published = new Map<string, string>();

  /** `waiting(uri)`: an edit of the document is still waiting for its analysis (nothing to send). */
  constructor(
    private readonly ctx: PublisherContext,
    private readonly waiting: (uri: string) => boolean,
  ) {}

  async publish(uri: string, force: boolean): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    const path = uriToPath(uri);
    if (!doc || !path) return;
    const settings = await this.ctx.settings(uri);
    if (this.waiting(uri)) return;
    const facts = this.ctx.index.facts(path);
    const diagnostics = settings.diagnostics.enable
      ? (facts?.diagnostics ?? []).map((d) => toLspDiagnostic(d, this.ctx.docsUrl))
      : [];
    const key = JSON.stringify(diagnostics);
    if (!force && this.published.get(uri) === key) return;
    this.published.set(uri, key);
    await this.ctx.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  /** The document closed: its diagnostics go away. */
  clear(uri: string): void {
    this.published.delete(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
