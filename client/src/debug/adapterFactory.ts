// Extension host: runs the medusa-workflow debug adapter (dist/debugAdapter.js) as a separate
// Node process over stdio. Under desktop VS Code process.execPath is Electron, hence
// ELECTRON_RUN_AS_NODE; under code-server it is Node already.
import * as vscode from 'vscode';

export class AdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly extensionUri: vscode.Uri) {}

  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    const adapter = vscode.Uri.joinPath(this.extensionUri, 'dist', 'debugAdapter.js').fsPath;
    return new vscode.DebugAdapterExecutable(process.execPath, [adapter], {
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
  }
}
