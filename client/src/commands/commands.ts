// Extension host: the palette / editor title / code lens / context menu commands of the
// extension. Each resolves what it acts on (resolveTarget) and delegates to the feature.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InputPrompt } from '../debug/inputPrompt';
import { startWorkflow } from '../debug/launch';
import type { WorkflowTree } from '../explorer/workflowTree';
import { GraphPanel, type GraphPanelDeps } from '../graph/graphPanel';
import { resolveTarget, type WorkflowTarget, type Workflows } from '../workflows';
import { exportGraph } from './exportGraph';
import { registerGraphNodeCommands } from './graphNodeCommands';

export interface CommandDeps {
  workflows: Workflows;
  graph: GraphPanelDeps;
  tree: WorkflowTree;
  /** Asks for the input of a run that no launch configuration describes. */
  inputs?: InputPrompt;
}

export function showGraph(deps: CommandDeps, target: WorkflowTarget): GraphPanel {
  return GraphPanel.show(deps.graph, target);
}

async function pickFailingStep(
  deps: CommandDeps,
  target: WorkflowTarget,
): Promise<string | undefined> {
  const graph = await deps.workflows.graph(target);
  const nodes = (graph?.workflow.nodes ?? []).filter((n) => n.kind !== 'transform');
  if (nodes.length === 0) {
    void vscode.window.showWarningMessage(`No steps found in workflow "${target.workflow}".`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    nodes.map((n) => ({
      label: n.id,
      description: [
        n.kind === 'step' ? '' : n.kind,
        n.hasCompensation ? 'has compensation' : 'no compensation',
      ]
        .filter(Boolean)
        .join(' · '),
      detail: n.order !== undefined ? `runs in wave ${n.order}` : undefined,
    })),
    {
      placeHolder: `Which step of ${target.workflow} should fail? Everything before it rolls back.`,
    },
  );
  return pick?.label;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const reg = (id: string, fn: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };
  reg('medusaWorkflows.previewGraph', async (arg) => {
    const target = await resolveTarget(deps.workflows, arg);
    if (target) {
      showGraph(deps, target);
      return true;
    }
    // resolveTarget already said why when it was given a file; from the editor, say it here.
    const editor = vscode.window.activeTextEditor;
    if (arg === undefined && editor) {
      const name = path.basename(editor.document.uri.fsPath);
      const text = `No Medusa workflow in ${name}: Preview Workflow Graph shows the workflows a file defines with createWorkflow(...).`;
      void vscode.window.showInformationMessage(text);
      GraphPanel.current?.showMessage(text);
    }
    return false;
  });
  reg('medusaWorkflows.debugWorkflow', async (arg) => {
    const target = await resolveTarget(deps.workflows, arg);
    if (!target) return false;
    showGraph(deps, target);
    return startWorkflow(target, {}, deps.inputs);
  });
  reg('medusaWorkflows.runWithFailure', async (arg) => {
    const target = await resolveTarget(deps.workflows, arg);
    if (!target) return false;
    const given = (arg as { step?: unknown } | undefined)?.step;
    const step = typeof given === 'string' ? given : await pickFailingStep(deps, target);
    if (!step) return false;
    showGraph(deps, target);
    const extra = { failSteps: [step], name: `${target.workflow}: fail ${step}` };
    return startWorkflow(target, extra, deps.inputs);
  });
  reg('medusaWorkflows.exportGraph', (arg) => exportGraph(deps, arg));
  reg('medusaWorkflows.refreshExplorer', () => deps.tree.refresh());
  reg('medusaWorkflows.reveal', async (arg) => {
    const a = arg as { file?: unknown; line?: unknown } | undefined;
    if (typeof a?.file !== 'string') return;
    const line = typeof a.line === 'number' ? a.line : 0;
    const pos = new vscode.Position(line, 0);
    await vscode.window.showTextDocument(vscode.Uri.file(a.file), {
      selection: new vscode.Range(pos, pos),
    });
  });
  registerGraphNodeCommands(context, deps);
}
