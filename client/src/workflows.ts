// Extension host: the client side of the custom LSP requests (graph, listWorkflows), plus the
// small lookups every feature needs (which workflow is under the cursor, which file a target is).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  GraphRequest,
  InputTemplateRequest,
  ListWorkflowsRequest,
  type WorkflowSummary,
} from '../../shared/protocol/lspProtocol';

/** What a command acts on: a workflow id and the file that defines it. */
export interface WorkflowTarget {
  workflow: string;
  file: string;
}

export class Workflows {
  constructor(private readonly client: LanguageClient | undefined) {}

  get available(): boolean {
    return this.client !== undefined;
  }

  async graph(target: WorkflowTarget): Promise<GraphRequest.Result | null> {
    if (!this.client) return null;
    return this.client.sendRequest(GraphRequest.type, {
      workflow: target.workflow,
      uri: vscode.Uri.file(target.file).toString(),
    });
  }

  /** A JSON template of the workflow's input, from its TypeScript type. */
  async inputTemplate(target: WorkflowTarget): Promise<InputTemplateRequest.Result | null> {
    if (!this.client) return null;
    return this.client.sendRequest(InputTemplateRequest.type, {
      workflow: target.workflow,
      uri: vscode.Uri.file(target.file).toString(),
    });
  }

  async list(uri?: vscode.Uri, includeExternal = false): Promise<WorkflowSummary[]> {
    if (!this.client) return [];
    return this.client.sendRequest(ListWorkflowsRequest.type, {
      uri: uri?.toString(),
      includeExternal,
    });
  }

  /** The workflow whose createWorkflow call is the last one at or above `line` (else the first). */
  async atLine(uri: vscode.Uri, line: number): Promise<WorkflowSummary | undefined> {
    const all = (await this.list(uri)).filter((w) => !w.external).sort((a, b) => a.line - b.line);
    return all.filter((w) => w.line <= line).pop() ?? all[0];
  }
}

function isTarget(v: unknown): v is WorkflowTarget {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as WorkflowTarget).workflow === 'string' &&
    typeof (v as WorkflowTarget).file === 'string'
  );
}

/**
 * Turns whatever a command was invoked with (a code lens's `{ workflow, file }`, an explorer item,
 * a file Uri from a context menu, nothing: the active editor) into a target. Asks when a file
 * has several workflows and the cursor does not decide.
 */
export async function resolveTarget(
  workflows: Workflows,
  arg: unknown,
): Promise<WorkflowTarget | undefined> {
  if (isTarget(arg)) return { workflow: arg.workflow, file: arg.file };
  if (typeof arg === 'object' && arg !== null && isTarget((arg as { target?: unknown }).target)) {
    return (arg as { target: WorkflowTarget }).target;
  }
  const summary = (arg as { summary?: WorkflowSummary } | undefined)?.summary;
  if (summary && typeof summary.id === 'string')
    return { workflow: summary.id, file: summary.file };
  if (arg instanceof vscode.Uri) return pickInFile(workflows, arg);
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const line = editor.selection.active.line;
  const list = (await workflows.list(editor.document.uri)).filter((w) => !w.external);
  if (list.length <= 1) return list[0] && { workflow: list[0].id, file: list[0].file };
  const sorted = [...list].sort((a, b) => a.line - b.line);
  const at = sorted.filter((w) => w.line <= line).pop();
  if (at) return { workflow: at.id, file: at.file };
  return pickInFile(workflows, editor.document.uri, list);
}

async function pickInFile(
  workflows: Workflows,
  uri: vscode.Uri,
  known?: WorkflowSummary[],
): Promise<WorkflowTarget | undefined> {
  const list = known ?? (await workflows.list(uri)).filter((w) => !w.external);
  if (list.length === 0) {
    void vscode.window.showInformationMessage('No Medusa workflow (createWorkflow) in this file.');
    return undefined;
  }
  if (list.length === 1) return { workflow: list[0]!.id, file: list[0]!.file };
  const pick = await vscode.window.showQuickPick(
    list.map((w) => ({ label: w.id, description: `line ${w.line + 1}`, w })),
    { placeHolder: 'Which workflow?' },
  );
  return pick && { workflow: pick.w.id, file: pick.w.file };
}
