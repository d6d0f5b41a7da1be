// Extension host entry (VS Code loads dist/extension.js); nothing else imports this file. Creates
// the objects the features share (language client, workflows, run states) and wires the features
// of commands/, debug/, executions/, explorer/ and graph/ onto VS Code. Returns the API the e2e
// suite and the benchmarks use to look at the graph view.
import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../../shared/protocol/debugProtocol';
import { registerCommands } from './commands/commands';
import { AdapterFactory } from './debug/adapterFactory';
import { marksFor } from './debug/breakpoints';
import { ConfigurationProvider, DynamicConfigurations } from './debug/configurationProvider';
import { InputPrompt } from './debug/inputPrompt';
import { RunStates } from './debug/runStates';
import { StepCodeSessions } from './debug/stepCode';
import * as live from '../../engine/src/executions/live';
import * as reader from '../../engine/src/executions/reader';
import { registerEditorContext } from './editorContext';
import { registerAsyncSteps } from './debug/asyncSteps';
import type { ExecutionsTree } from './executions/executionsTree';
import { registerExecutions } from './executions/registerExecutions';
import { WorkflowTree } from './explorer/workflowTree';
import { GRAPH_VIEW_TYPE, GraphPanel, type GraphPanelDeps } from './graph/graphPanel';
import { GraphProbe } from './graph/probe';
import { startLanguageClient } from './languageClient';
import { Workflows } from './workflows';

export interface MedusaWorkflowsApi {
  workflows: Workflows;
  runStates: RunStates;
  tree: WorkflowTree;
  executions: ExecutionsTree;
  /** The open graph panel, if any. */
  graphPanel(): GraphPanel | undefined;
  onDidDrawGraph: typeof GraphPanel.onDidDraw;
  /** Reads back the graph webview's DOM (tests and the benchmark); absent in production. */
  graphProbe?: GraphProbe;
  /** How long activate() took, language server start included (for the benchmark). */
  activationMs: number;
  /** Whether the language server has published diagnostics for `uri`, even none (benchmark). */
  diagnosticsPublished(uri: vscode.Uri): boolean;
}

export async function activate(context: vscode.ExtensionContext): Promise<MedusaWorkflowsApi> {
  const started = performance.now();
  const client = await startLanguageClient(context);
  const workflows = new Workflows(client);
  const runStates = new RunStates();
  const graph: GraphPanelDeps = {
    extensionUri: context.extensionUri,
    workflows,
    overlayFor: (id) => runStates.overlayFor(id),
    marksFor,
  };
  const tree = new WorkflowTree(workflows);
  const inputs = new InputPrompt({
    templates: workflows,
    showInputBox: (options) => vscode.window.showInputBox({ ...options, ignoreFocusOut: true }),
    memory: context.workspaceState,
  });
  context.subscriptions.push(
    runStates,
    new StepCodeSessions(),
    tree,
    vscode.window.registerTreeDataProvider('medusaWorkflows.explorer', tree),
    vscode.debug.registerDebugAdapterDescriptorFactory(
      DEBUG_TYPE,
      new AdapterFactory(context.extensionUri),
    ),
    vscode.debug.registerDebugConfigurationProvider(
      DEBUG_TYPE,
      new ConfigurationProvider(workflows, inputs),
    ),
    vscode.debug.registerDebugConfigurationProvider(
      DEBUG_TYPE,
      new DynamicConfigurations(workflows),
      vscode.DebugConfigurationProviderTriggerKind.Dynamic,
    ),
    runStates.onDidChange((wf) => {
      const panel = GraphPanel.current;
      if (panel?.workflowId === wf) panel.setOverlay(runStates.overlayFor(wf));
    }),
    vscode.debug.onDidChangeBreakpoints(() => GraphPanel.current?.refreshBreakpoints()),
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => {
        const s = state as { workflow?: unknown; file?: unknown } | undefined;
        if (typeof s?.workflow === 'string' && typeof s.file === 'string') {
          GraphPanel.revive(panel, graph, { workflow: s.workflow, file: s.file });
        } else {
          panel.dispose();
        }
        return Promise.resolve();
      },
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void GraphPanel.current?.update()),
    { dispose: () => GraphPanel.current?.dispose() },
  );
  registerCommands(context, { workflows, graph, tree, inputs });
  registerEditorContext(context, workflows);
  registerAsyncSteps(context);
  const executions = registerExecutions(context, {
    workflows,
    runStates,
    graph,
    reader,
    live,
  });
  return {
    workflows,
    runStates,
    tree,
    executions,
    graphPanel: () => GraphPanel.current,
    onDidDrawGraph: GraphPanel.onDidDraw,
    graphProbe:
      context.extensionMode === vscode.ExtensionMode.Production
        ? undefined
        : new GraphProbe(() => GraphPanel.current),
    activationMs: performance.now() - started,
    diagnosticsPublished: (uri) => client?.diagnostics?.has(uri) ?? false,
  };
}

export function deactivate(): void {}
