// Extension host: opens a source location in the editor column that already shows its file
// (else the first), with the cursor at its start. Used by the graph panel's node clicks.
import * as vscode from 'vscode';
import type { Location } from '../../../shared/model/analysisModel';

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
