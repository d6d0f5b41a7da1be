// Extension host: the medusa-workflow DebugConfigurationProvider. F5 without a launch.json
// debugs the workflow under the cursor; a configuration without `program` gets the active file,
// one without `workflow` gets the workflow at the cursor (asking when the file has several).
// The dynamic ones add "Debug <workflow> against the app" for files inside a Medusa app.
// Without a launch.json it asks for the input (InputPrompt); cancelling starts nothing.
import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../../../shared/protocol/debugProtocol';
import { resolveTarget, type Workflows } from '../workflows';
import { medusaAppRoot } from './appRoot';
import type { InputPrompt } from './inputPrompt';
import { workspaceTrusted } from './launch';

export class ConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(
    private readonly workflows: Workflows,
    private readonly inputs?: InputPrompt,
  ) {}

  async provideDebugConfigurations(
    folder: vscode.WorkspaceFolder | undefined,
  ): Promise<vscode.DebugConfiguration[]> {
    const editor = vscode.window.activeTextEditor;
    const list = editor
      ? (await this.workflows.list(editor.document.uri)).filter((w) => !w.external)
      : [];
    if (list.length === 0) {
      return [
        {
          type: DEBUG_TYPE,
          request: 'launch',
          name: 'Debug workflow in current file',
          program: '${file}',
          input: {},
          container: 'auto',
        },
      ];
    }
    return list.map((w) => ({
      type: DEBUG_TYPE,
      request: 'launch',
      name: `Debug ${w.id}`,
      program: folder ? w.file.replace(folder.uri.fsPath, '${workspaceFolder}') : w.file,
      workflow: w.id,
      input: {},
      container: 'auto',
    }));
  }

  async resolveDebugConfiguration(
    _folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): Promise<vscode.DebugConfiguration | undefined> {
    if (!workspaceTrusted()) return undefined;
    if (!config.type && !config.request && !config.name) {
      const target = await resolveTarget(this.workflows, undefined);
      if (!target) {
        void vscode.window.showInformationMessage(
          'Open a file with a Medusa workflow to debug it.',
        );
        return undefined;
      }
      const given = this.inputs ? await this.inputs.ask(target) : { input: {} };
      if (!given) return undefined;
      return {
        type: DEBUG_TYPE,
        request: 'launch',
        name: `Debug ${target.workflow}`,
        program: target.file,
        workflow: target.workflow,
        input: given.input,
        container: 'auto',
      };
    }
    const editor = vscode.window.activeTextEditor;
    // A replay finds its file and workflow from the execution.
    if (isReplay(config)) return config;
    if (!config.program) {
      if (!editor) {
        void vscode.window.showErrorMessage('medusa-workflow: set "program" to the workflow file.');
        return undefined;
      }
      config.program = editor.document.uri.fsPath;
    }
    return config;
  }

  async resolveDebugConfigurationWithSubstitutedVariables(
    _folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): Promise<vscode.DebugConfiguration | undefined> {
    if (config.workflow || typeof config.program !== 'string' || isReplay(config)) return config;
    const uri = vscode.Uri.file(config.program);
    const isActive = vscode.window.activeTextEditor?.document.uri.fsPath === uri.fsPath;
    const target = await resolveTarget(this.workflows, isActive ? undefined : uri);
    if (target) config.workflow = target.workflow;
    return config;
  }
}

/** "Medusa Workflow..." in the Run and Debug picker: one entry per workflow of the workspace. */
export class DynamicConfigurations implements vscode.DebugConfigurationProvider {
  constructor(private readonly workflows: Workflows) {}

  async provideDebugConfigurations(
    folder: vscode.WorkspaceFolder | undefined,
  ): Promise<vscode.DebugConfiguration[]> {
    const all = (await this.workflows.list()).filter(
      (w) => !w.external && (!folder || w.file.startsWith(folder.uri.fsPath)),
    );
    const configs: vscode.DebugConfiguration[] = all.map((w) => ({
      type: DEBUG_TYPE,
      request: 'launch',
      name: `Debug ${w.id}`,
      program: w.file,
      workflow: w.id,
      input: {},
      container: 'auto',
    }));
    // In a Medusa app: the same workflows on the app's own container and database.
    for (const w of all) {
      const app = await medusaAppRoot(w.file, folder?.uri.fsPath);
      if (!app) continue;
      configs.push({
        type: DEBUG_TYPE,
        request: 'launch',
        name: `Debug ${w.id} against the app`,
        program: w.file,
        workflow: w.id,
        input: {},
        container: 'app',
        cwd: app,
      });
    }
    return configs;
  }
}

function isReplay(config: vscode.DebugConfiguration): boolean {
  return config.replay !== undefined || config.replayFile !== undefined;
}
