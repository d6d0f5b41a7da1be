// Extension host, test and development runs only: reads back what the graph webview shows and
// clicks inside it, for the e2e suite and the benchmark. extension.ts exposes it on its API only
// when the extension does not run in production mode; the shipped panel does not know it.
import type { GraphPanel } from './graphPanel';
import type { DomSnapshot } from './messages';

export class GraphProbe {
  constructor(private readonly panel: () => GraphPanel | undefined) {}

  private open(): GraphPanel {
    const panel = this.panel();
    if (!panel) throw new Error('no graph panel is open');
    return panel;
  }

  /** What the webview's DOM shows. */
  domSnapshot(): Promise<DomSnapshot> {
    return this.open().channel.request<DomSnapshot>((requestId) => ({
      type: 'test.query',
      requestId,
    }));
  }

  /** Dispatches a click on the element `selector` in the webview (when no browser driver). */
  async click(selector: string, double = false): Promise<DomSnapshot> {
    return this.open().channel.request<DomSnapshot>((requestId) => ({
      type: 'test.click',
      requestId,
      selector,
      double,
    }));
  }
}
