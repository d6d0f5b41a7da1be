// Extension host entry (VS Code loads dist/extension.js). Only wires the register*() calls of
// the features in this folder; nothing else imports this file.
import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
