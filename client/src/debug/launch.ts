// Extension host: starts a medusa-workflow debug session for a workflow target, reusing the
// folder's launch.json configuration for that workflow when there is one (its input, mocks...).
import * as vscode from 'vscode';
import { DEBUG_TYPE, type LaunchArguments } from '../../../shared/protocol/debugProtocol';
import type { WorkflowTarget } from '../workflows';
import type { InputPrompt } from './inputPrompt';

type Config = vscode.DebugConfiguration & Partial<LaunchArguments>;

function launchConfigFor(
  folder: vscode.WorkspaceFolder | undefined,
  workflow: string,
): Config | undefined {
  const all =
    vscode.workspace.getConfiguration('launch', folder?.uri).get<Config[]>('configurations') ?? [];
  return all.find(
    (c) =>
      c.type === DEBUG_TYPE &&
      c.request === 'launch' &&
      c.workflow === workflow &&
      !c.failSteps?.length,
  );
}

export function workspaceTrusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(
    'Medusa Workflows: running or debugging a workflow executes workspace code, so it needs a trusted workspace.',
  );
  return false;
}

/** Without a launch configuration for the workflow, `inputs` asks for the input first. */
export async function startWorkflow(
  target: WorkflowTarget,
  extra: Partial<LaunchArguments> & { name?: string } = {},
  inputs?: InputPrompt,
): Promise<boolean> {
  if (!workspaceTrusted()) return false;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(target.file));
  const base = launchConfigFor(folder, target.workflow);
  if (!base && inputs && extra.input === undefined && extra.inputFile === undefined) {
    const given = await inputs.ask(target);
    if (!given) return false;
    extra = { ...extra, input: given.input };
  }
  const config: Config = {
    container: 'auto',
    ...base,
    type: DEBUG_TYPE,
    request: 'launch',
    name: extra.name ?? base?.name ?? `Debug ${target.workflow}`,
    program: target.file,
    workflow: target.workflow,
    ...extra,
  };
  return vscode.debug.startDebugging(folder, config);
}
