// Extension host: the graph webview's HTML. Strict CSP with a per-load nonce. dist/webview.js and
// media/graph.css are inlined (nonce'd <script> and <style>): fetched as webview resources they
// would cost two round trips through the workbench before the first paint of a new view.
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';

let inlined: { script: string; style: string } | undefined;

/** The webview's script and style, read once per window. */
function assets(extensionUri: vscode.Uri): { script: string; style: string } {
  inlined ??= {
    script: readFileSync(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js').fsPath, 'utf8'),
    style: readFileSync(vscode.Uri.joinPath(extensionUri, 'media', 'graph.css').fsPath, 'utf8'),
  };
  return inlined;
}

/** Text that cannot close the element it is inlined in (`</script`, `</style`). */
function inert(text: string, tag: string): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

export function graphHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = crypto.randomBytes(18).toString('base64');
  const { script, style } = assets(extensionUri);
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data: blob:`,
    `style-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${inert(style, 'style')}</style>
<title>Workflow graph</title>
</head>
<body data-vscode-context='{"preventDefaultContextMenuItems": true}'>
<header id="toolbar">
  <span id="title"></span>
  <span id="status" role="status"></span>
  <span class="spacer"></span>
  <button id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
  <button id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button id="fit" title="Fit (0)" aria-label="Fit to view">Fit</button>
</header>
<div id="banner" role="status" hidden><span id="banner-text"></span><button id="last-run" hidden>Show last run</button></div>
<main id="canvas" tabindex="0" aria-label="Workflow graph">
  <svg id="graph" xmlns="http://www.w3.org/2000/svg" role="img"></svg>
  <div id="message" hidden></div>
  <aside id="rollback" aria-label="Rollback, in order" hidden></aside>
  <div id="legend" aria-label="Legend" hidden></div>
</main>
<div id="tooltip" role="tooltip" hidden></div>
<script nonce="${nonce}">${inert(script, 'script')}</script>
</body>
</html>`;
}
