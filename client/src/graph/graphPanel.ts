// Extension host: the graph preview panel (one at a time). Fetches the graph from the language
// server, re-sends it when the workflow's files change (debounced) or the active editor moves to
// another workflow, forwards the debug overlay and breakpoint marks, and handles what the webview
// asks for (reveal a node, export results, test read-backs), after validating each message.
import * as vscode from 'vscode';
import type { GraphNode, Location, WorkflowModel } from '../../../server/src/analysis/model';
import type { WorkflowTarget, Workflows } from '../workflows';
import { graphHtml } from './html';
import { layoutGraph, type Laid } from './layout';
import { buildViewGraph } from './viewGraph';
import {
  parseWebviewMessage,
  type BreakpointMarks,
  type DomSnapshot,
  type ExportFormat,
  type GraphPayload,
  type HostMessage,
  type Overlay,
} from './messages';

export const GRAPH_VIEW_TYPE = 'medusaWorkflows.graph';
const EDIT_DEBOUNCE_MS = 80;
const NESTED_DEPTH = 3;

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

  private readonly disposables: vscode.Disposable[] = [];
  private payload: GraphPayload | undefined;
  private editTimer: NodeJS.Timeout | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  private nextRequest = 1;
  private readonly pending = new Map<number, (value: unknown) => void>();
  private ready: Promise<void>;
  private markReady!: () => void;
  private updating: Promise<void> = Promise.resolve();
  private layoutCache: { key: string; laid: Laid } | undefined;
  /** How long the last elkjs layout and the last graph request (nested ones excluded) took. */
  lastLayoutMs = 0;
  lastRequestMs = 0;
  /** When the panel was created and when its webview said it was ready (performance.now()). */
  readonly timing = { created: performance.now(), ready: 0 };
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
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'workflow.svg');
    panel.webview.html = graphHtml(panel.webview, deps.extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
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
  update(): Promise<void> {
    this.updating = this.updating
      .then(() => this.doUpdate())
      .catch((e: unknown) => {
        void this.post({ type: 'empty', message: `Could not build the graph: ${String(e)}` });
      });
    return this.updating;
  }

  private async doUpdate(): Promise<void> {
    const t0 = performance.now();
    const result = await this.deps.workflows.graph(this.target);
    this.lastRequestMs = performance.now() - t0;
    if (!result) {
      this.payload = undefined;
      await this.post({
        type: 'empty',
        message: this.deps.workflows.available
          ? `Workflow "${this.target.workflow}" was not found in ${this.target.file}.`
          : 'The Medusa Workflows language server is not running.',
      });
      return;
    }
    const nested = await this.nestedModels(
      result.workflow,
      NESTED_DEPTH,
      new Set([result.workflow.id]),
    );
    const payload: GraphPayload = {
      workflow: result.workflow,
      steps: result.steps,
      diagnostics: result.diagnostics,
      nested,
    };
    const view = buildViewGraph(payload);
    // Most edits (typing inside a step's arguments, comments) leave the drawn structure as it
    // was: then the previous layout still fits and elkjs is not run again.
    const key = JSON.stringify(view, (k, v: unknown) => (k === 'model' ? undefined : v));
    const cached = key === this.layoutCache?.key ? this.layoutCache.laid : undefined;
    const laid = cached ?? (await layoutGraph(view));
    this.layoutCache = { key, laid };
    this.payload = payload;
    this.lastLayoutMs = cached ? 0 : laid.ms;
    await this.post({ type: 'graph', payload, view, laid, trusted: vscode.workspace.isTrusted });
    await this.post({ type: 'breakpoints', marks: this.deps.marksFor(this.payload) });
    await this.post({ type: 'overlay', overlay: this.deps.overlayFor(result.workflow.id) });
  }

  private async nestedModels(
    model: WorkflowModel,
    depth: number,
    seen: Set<string>,
  ): Promise<Record<string, WorkflowModel>> {
    const out: Record<string, WorkflowModel> = {};
    if (depth === 0) return out;
    for (const node of model.nodes.filter((n) => n.kind === 'nested-workflow')) {
      if (seen.has(node.name)) continue;
      const file = node.definition?.file ?? node.callSite.file;
      const child = await this.deps.workflows
        .graph({ workflow: node.name, file })
        .catch(() => null);
      if (!child) continue;
      out[node.id] = child.workflow;
      const deeper = await this.nestedModels(
        child.workflow,
        depth - 1,
        new Set([...seen, node.name]),
      );
      for (const [k, v] of Object.entries(deeper)) out[`${node.id}::${k}`] = v;
    }
    return out;
  }

  setOverlay(overlay: Overlay | null): void {
    void this.post({ type: 'overlay', overlay });
  }

  refreshBreakpoints(): void {
    if (this.payload)
      void this.post({ type: 'breakpoints', marks: this.deps.marksFor(this.payload) });
  }

  fit(): void {
    void this.post({ type: 'fit' });
  }

  /** Asks the webview for the drawn graph as SVG text or a PNG data URL. */
  async exportImage(format: ExportFormat): Promise<string> {
    await this.updating;
    const data = await this.request<string>((requestId) => ({ type: 'export', requestId, format }));
    return data;
  }

  /** Reads back what the webview's DOM shows (used by the e2e suite and the benchmark). */
  domSnapshot(): Promise<DomSnapshot> {
    return this.request<DomSnapshot>((requestId) => ({ type: 'test.query', requestId }));
  }

  /** Dispatches a click on a node inside the webview (test fallback when no browser driver). */
  async clickNode(node: string, double: boolean): Promise<void> {
    await this.request((requestId) => ({ type: 'test.click', requestId, node, double }));
  }

  private async request<T>(make: (requestId: number) => HostMessage): Promise<T> {
    const requestId = this.nextRequest++;
    const answer = new Promise<unknown>((resolve, reject) => {
      this.pending.set(requestId, resolve);
      setTimeout(() => {
        if (this.pending.delete(requestId)) reject(new Error('the graph view did not answer'));
      }, 15_000);
    });
    await this.post(make(requestId));
    return (await answer) as T;
  }

  private async post(message: HostMessage): Promise<void> {
    await this.ready;
    await this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const msg = parseWebviewMessage(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        // A second `ready` is a reloaded webview (Developer: Reload Webviews): it starts empty,
        // with only its saved state (zoom, pan, selection), so the graph is sent again.
        if (this.timing.ready !== 0) void this.update();
        this.timing.ready = performance.now();
        this.markReady();
        return;
      case 'drawn':
        GraphPanel.drawnEmitter.fire({ workflow: msg.workflow, nodes: msg.nodes, ms: msg.ms });
        return;
      case 'reveal':
        void this.reveal(msg.node, msg.target);
        return;
      case 'exportResult':
        this.pending.get(msg.requestId)?.(msg.data);
        this.pending.delete(msg.requestId);
        return;
      case 'test.result':
        this.pending.get(msg.requestId)?.(msg.dom);
        this.pending.delete(msg.requestId);
        return;
      case 'error':
        this.webviewErrors.push(msg.message);
        console.error(`[graph view] ${msg.message}`);
        return;
    }
  }

  findNode(id: string): GraphNode | undefined {
    if (!this.payload) return undefined;
    const own = this.payload.workflow.nodes.find((n) => n.id === id);
    if (own) return own;
    // Nodes inside nested workflows are `<compound id>::<node id>` (see the webview's layout).
    const cut = id.lastIndexOf('::');
    if (cut < 0) return undefined;
    const model = this.payload.nested[id.slice(0, cut)];
    return model?.nodes.find((n) => n.id === id.slice(cut + 2));
  }

  async reveal(nodeId: string, target: 'callSite' | 'definition'): Promise<void> {
    const node = this.findNode(nodeId);
    if (!node) return;
    const where = target === 'definition' ? (node.definition ?? node.callSite) : node.callSite;
    await revealLocation(where);
  }

  private onEdit(doc: vscode.TextDocument): void {
    if (!this.payload || !this.touches(doc.uri.fsPath)) return;
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => void this.update(), EDIT_DEBOUNCE_MS);
  }

  /** True when the file is the workflow's, or defines one of its steps or nested workflows. */
  private touches(file: string): boolean {
    const p = this.payload;
    if (!p || file === this.target.file) return true;
    if (p.steps.some((s) => s.location.file === file)) return true;
    return Object.values(p.nested).some((m) => m.location.file === file);
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
    }, 200);
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

export async function revealLocation(where: Location): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(where.file);
  const start = new vscode.Position(where.span.start.line, where.span.start.character);
  const visible = vscode.window.visibleTextEditors.find(
    (e) => e.document.uri.fsPath === where.file,
  );
  const editor = await vscode.window.showTextDocument(uri, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Range(start, start),
    preserveFocus: false,
  });
  editor.revealRange(
    new vscode.Range(start, start),
    vscode.TextEditorRevealType.InCenterIfOutsideViewport,
  );
  return editor;
}
