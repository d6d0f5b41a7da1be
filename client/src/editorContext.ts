// Extension host: keeps the `medusaWorkflows.editorHasWorkflow` context key (editor title and
// context menu entries) in step with the active editor.
import * as vscode from 'vscode';
import { warmLayout } from './graph/layout';
import type { Workflows } from './workflows';

export function registerEditorContext(
  context: vscode.ExtensionContext,
  workflows: Workflows,
): void {
  let timer: NodeJS.Timeout | undefined;
  const update = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const doc = vscode.window.activeTextEditor?.document;
      const check =
        doc && doc.uri.scheme === 'file' ? workflows.list(doc.uri) : Promise.resolve([]);
      void check
        .then((list) => list.some((w) => !w.external))
        .catch(() => false)
        .then((has) => {
          if (has) warmLayout();
          return vscode.commands.executeCommand(
            'setContext',
            'medusaWorkflows.editorHasWorkflow',
            has,
          );
        });
    }, 150);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) update();
    }),
    { dispose: () => clearTimeout(timer) },
  );
  update();
}
