// Extension host: the graph preview panel (one at a time): its lifecycle, what it shows (the
// graph of one workflow, fetched in one request and turned into view and layout by pipeline.ts),
// when it updates (edits of the workflow's files, debounced; the active editor moving to another
// workflow), and the overlay and breakpoint marks it forwards. The wire is webviewChannel.ts.
import * as vscode from 'vscode';
import type { GraphNode } from '../../../shared/model/analysisModel';
import type { WorkflowTarget, Workflows } from '../workflows';
import { graphHtml } from './html';
import type { BreakpointMarks, ExportFormat, GraphPayload, Overlay } from './messages';
import { findNode, graphFiles, graphMessage, presentGraph, type Presented } from './pipeline';
import { revealLocation } from './reveal';
import { WebviewChannel, type Notification } from './webviewChannel';

export const GRAPH_VIEW_TYPE = 'medusaWorkflows.graph';
const EDIT_DEBOUNCE_MS = 80;
const FOLLOW_DEBOUNCE_MS = 200;

export interface GraphPanelDeps {
  extensionUri: vscode.Uri;
  workflows: Workflows;
  overlayFor(workflowId: string): Overlay | null;
  marksFor(payload: GraphPayload): BreakpointMarks;
}

export interface DrawnEvent {
  workflow: string;
  nodes: number;
  ms: number;
}

export class GraphPanel implements vscode.Disposable {
  static current: GraphPanel | undefined;
  private static readonly drawnEmitter = new vscode.EventEmitter<DrawnEvent>();
  /** Fires each time the webview has laid out and drawn a graph. */
  static readonly onDidDraw = GraphPanel.drawnEmitter.event;

  readonly channel: WebviewChannel;
  private readonly disposables: vscode.Disposable[] = [];
  private payload: GraphPayload | undefined;
  private presented: Presented | undefined;
  private editTimer: NodeJS.Timeout | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  private updating: Promise<void> = Promise.resolve();
  /** How long the last elkjs layout (0 when reused) and the last graph request took. */
  lastLayoutMs = 0;
  lastRequestMs = 0;
  /** When the panel was created, when its webview said it was ready, when its first graph came
   * from the language server and when its first layout started (performance.now()). */
  readonly timing = { created: performance.now(), ready: 0, firstGraph: 0, firstLayout: 0 };
  /** Errors the webview reported (script errors, CSP violations). */
  readonly webviewErrors: string[] = [];

  static show(
    deps: GraphPanelDeps,
    target: WorkflowTarget,
    column?: vscode.ViewColumn,
  ): GraphPanel {
    if (GraphPanel.current) {
      GraphPanel.current.panel.reveal(column ?? GraphPanel.current.panel.viewColumn, true);
      GraphPanel.current.setTarget(target);
      return GraphPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      GRAPH_VIEW_TYPE,
      'Workflow Graph',
      { viewColumn: column ?? vscode.ViewColumn.Beside, preserveFocus: true },
      GraphPanel.options(deps.extensionUri),
    );
    GraphPanel.current = new GraphPanel(panel, deps, target);
    return GraphPanel.current;
  }

  /** Restores a panel VS Code kept across a reload (the webview's saved state names the target). */
  static revive(panel: vscode.WebviewPanel, deps: GraphPanelDeps, target: WorkflowTarget): void {
    panel.webview.options = GraphPanel.options(deps.extensionUri);
    GraphPanel.current?.dispose();
    GraphPanel.current = new GraphPanel(panel, deps, target);
  }

  private static options(
    extensionUri: vscode.Uri,
  ): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, 'dist'),
        vscode.Uri.joinPath(extensionUri, 'media'),
      ],
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: GraphPanelDeps,
    private target: WorkflowTarget,
  ) {
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'workflow.svg');
    panel.webview.html = graphHtml(panel.webview, deps.extensionUri);
    this.channel = new WebviewChannel(panel.webview, (msg) => this.onNotification(msg));
    this.disposables.push(
      this.channel,
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e.document)),
      vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.follow(e.textEditor)),
    );
    this.title();
    void this.update();
  }

  get workflowId(): string {
    return this.target.workflow;
  }

  get graph(): GraphPayload | undefined {
    return this.payload;
  }

  setTarget(target: WorkflowTarget): void {
    if (target.workflow === this.target.workflow && target.file === this.target.file) return;
    this.target = target;
    this.title();
    void this.update();
  }

  /** Re-fetches the graph and sends it; calls are serialized so the last edit wins. */
  update(edited = false): Promise<void> {
    this.updating = this.updating
      .then(() => this.doUpdate(edited))
      .catch((e: unknown) => {
        void this.channel.post({
          type: 'empty',
          message: `Could not build the graph: ${String(e)}`,
        });
      });
    return this.updating;
  }

  private async doUpdate(edited: boolean): Promise<void> {
    const t0 = performance.now();
    const payload = await this.deps.workflows.graph(this.target);
    this.lastRequestMs = performance.now() - t0;
    if (this.timing.firstGraph === 0) this.timing.firstGraph = performance.now();
    if (!payload) {
      this.payload = undefined;
      await this.channel.post({
        type: 'empty',
        message: this.deps.workflows.available
          ? `Workflow "${this.target.workflow}" was not found in ${this.target.file}.`
          : 'The Medusa Workflows language server is not running.',
      });
      return;
    }
    // A new view: laid out while its webview boots (in another process), not after it: the
    // ready-then-layout order put the whole layout after the boot (bench:extension measured the
    // 37-node complete-cart at 2.25x a bare webview that way, on a loaded machine).
    if (this.timing.firstLayout === 0) this.timing.firstLayout = performance.now();
    const presented = await presentGraph(payload, this.presented);
    await this.channel.whenReady;
    this.presented = presented;
    this.payload = payload;
    this.lastLayoutMs = presented.reused ? 0 : presented.laid.ms;
    await this.channel.post(
      graphMessage(payload, presented, { trusted: vscode.workspace.isTrusted, edited }),
    );
    await this.channel.post({ type: 'breakpoints', marks: this.deps.marksFor(payload) });
    await this.channel.post({
      type: 'overlay',
      overlay: this.deps.overlayFor(payload.workflow.id),
    });
  }

  /** Shows a message instead of a graph (what was asked for has none) until a target is set. */
  showMessage(message: string): void {
    this.target = { workflow: '', file: '' };
    this.payload = undefined;
    this.panel.title = 'Workflow Graph';
    void this.channel.post({ type: 'empty', message });
  }

  setOverlay(overlay: Overlay | null): void {
    void this.channel.post({ type: 'overlay', overlay });
  }

  refreshBreakpoints(): void {
    if (this.payload)
      void this.channel.post({ type: 'breakpoints', marks: this.deps.marksFor(this.payload) });
  }

  fit(): void {
    void this.channel.post({ type: 'fit' });
  }

  /** Asks the webview for the drawn graph as SVG text or a PNG data URL. */
  async exportImage(format: ExportFormat): Promise<string> {
    await this.updating;
    return this.channel.request<string>((requestId) => ({ type: 'export', requestId, format }));
  }

  private onNotification(msg: Notification): void {
    switch (msg.type) {
      case 'ready':
        // A second `ready` is a reloaded webview (Developer: Reload Webviews): it starts empty,
        // with only its saved state (zoom, pan, selection), so the graph is sent again.
        if (this.timing.ready !== 0) void this.update();
        this.timing.ready = performance.now();
        return;
      case 'drawn':
        GraphPanel.drawnEmitter.fire({ workflow: msg.workflow, nodes: msg.nodes, ms: msg.ms });
        return;
      case 'reveal':
        void this.reveal(msg.node, msg.target);
        return;
      case 'error':
        this.webviewErrors.push(msg.message);
        console.error(`[graph view] ${msg.message}`);
        return;
    }
  }

  findNode(id: string): GraphNode | undefined {
    return this.payload && findNode(this.payload, id);
  }

  async reveal(nodeId: string, target: 'callSite' | 'definition'): Promise<void> {
    const node = this.findNode(nodeId);
    if (!node) return;
    const where = target === 'definition' ? (node.definition ?? node.callSite) : node.callSite;
    await revealLocation(where);
  }

  private onEdit(doc: vscode.TextDocument): void {
    const file = doc.uri.fsPath;
    if (!this.payload || (file !== this.target.file && !graphFiles(this.payload).has(file))) return;
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => void this.update(true), EDIT_DEBOUNCE_MS);
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (
      !editor ||
      !vscode.workspace.getConfiguration('medusaWorkflows').get('graph.followActiveEditor', true)
    ) {
      return;
    }
    const doc = editor.document;
    if (doc.uri.scheme !== 'file' || !/^(typescript|javascript)/.test(doc.languageId)) return;
    clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => {
      void this.deps.workflows.atLine(doc.uri, editor.selection.active.line).then((w) => {
        if (w) this.setTarget({ workflow: w.id, file: w.file });
      });
    }, FOLLOW_DEBOUNCE_MS);
  }

  private title(): void {
    this.panel.title = `Graph: ${this.target.workflow}`;
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    clearTimeout(this.editTimer);
    clearTimeout(this.followTimer);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
