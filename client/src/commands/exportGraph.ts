// Extension host: Export Graph: SVG or PNG (rendered by the webview, theme colours resolved) or
// Mermaid (built here from the server's graph answer, nested workflows included; no panel
// needed). Arguments `{ workflow, file, format, path }` skip the questions (tests, scripts).
import * as vscode from 'vscode';
import { GraphPanel } from '../graph/graphPanel';
import { toMermaid } from '../graph/mermaid';
import { resolveTarget } from '../workflows';
import type { CommandDeps } from './commands';

type Format = 'svg' | 'png' | 'mermaid';
const EXT: Record<Format, string> = { svg: 'svg', png: 'png', mermaid: 'mmd' };

function formatOf(v: unknown): Format | undefined {
  return v === 'svg' || v === 'png' || v === 'mermaid' ? v : undefined;
}

async function drawnPanel(
  deps: CommandDeps,
  target: { workflow: string; file: string },
): Promise<GraphPanel> {
  const current = GraphPanel.current;
  if (current && current.workflowId === target.workflow && current.graph) return current;
  const drawn = new Promise<void>((resolve) => {
    const sub = GraphPanel.onDidDraw((e) => {
      if (e.workflow !== target.workflow) return;
      sub.dispose();
      resolve();
    });
  });
  const panel = GraphPanel.show(deps.graph, target);
  await drawn;
  return panel;
}

export async function exportGraph(deps: CommandDeps, arg: unknown): Promise<string | undefined> {
  const a = (arg ?? {}) as { format?: unknown; path?: unknown };
  const names =
    typeof (arg as { workflow?: unknown } | undefined)?.workflow === 'string' ||
    arg instanceof vscode.Uri;
  const shown = GraphPanel.current?.graph;
  const target =
    names || !shown
      ? await resolveTarget(deps.workflows, arg)
      : { workflow: shown.workflow.id, file: shown.workflow.location.file };
  if (!target) {
    void vscode.window.showInformationMessage(
      'Open a workflow graph or a workflow file to export.',
    );
    return undefined;
  }
  const format =
    formatOf(a.format) ??
    formatOf(
      (
        await vscode.window.showQuickPick(
          [
            { label: 'SVG', format: 'svg' },
            { label: 'PNG', format: 'png' },
            { label: 'Mermaid', format: 'mermaid' },
          ],
          { placeHolder: `Export ${target.workflow} as` },
        )
      )?.format,
    );
  if (!format) return undefined;
  let uri = typeof a.path === 'string' ? vscode.Uri.file(a.path) : undefined;
  if (!uri) {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(target.file))?.uri;
    uri = await vscode.window.showSaveDialog({
      defaultUri: folder && vscode.Uri.joinPath(folder, `${target.workflow}.${EXT[format]}`),
      filters: { [format.toUpperCase()]: [EXT[format]] },
    });
    if (!uri) return undefined;
  }
  let bytes: Uint8Array;
  if (format === 'mermaid') {
    const panel =
      GraphPanel.current?.workflowId === target.workflow ? GraphPanel.current : undefined;
    const graph = panel?.graph ?? (await deps.workflows.graph(target));
    if (!graph) throw new Error(`Workflow "${target.workflow}" was not found in ${target.file}.`);
    bytes = Buffer.from(toMermaid(graph), 'utf8');
  } else {
    const panel = await drawnPanel(deps, target);
    const data = await panel.exportImage(format);
    bytes =
      format === 'svg'
        ? Buffer.from(data, 'utf8')
        : Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64');
  }
  await vscode.workspace.fs.writeFile(uri, bytes);
  if (typeof a.path !== 'string')
    void vscode.window.showInformationMessage(`Exported ${target.workflow} to ${uri.fsPath}`);
  return uri.fsPath;
}
