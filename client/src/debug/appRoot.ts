// Extension host: finds the Medusa app a workflow file belongs to (the nearest folder up to the
// workspace folder holding a medusa-config file), for the "against the app" debug
// configurations. Imported by configurationProvider.ts.
import * as vscode from 'vscode';

const CONFIG_NAMES = ['medusa-config.ts', 'medusa-config.js'];

export async function medusaAppRoot(
  file: string,
  top: string | undefined,
): Promise<string | undefined> {
  let dir = vscode.Uri.joinPath(vscode.Uri.file(file), '..');
  for (;;) {
    for (const name of CONFIG_NAMES) {
      if (await exists(vscode.Uri.joinPath(dir, name))) return dir.fsPath;
    }
    const parent = vscode.Uri.joinPath(dir, '..');
    if (parent.fsPath === dir.fsPath || (top !== undefined && dir.fsPath === top)) return undefined;
    dir = parent;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
