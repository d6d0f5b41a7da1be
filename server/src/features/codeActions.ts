// Language-server process: quick fixes, straight from the analyzer's `Diagnostic.fixes`.
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { rangesIntersect, toLspDiagnostic, toRange } from './convert';

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction((params) => {
    const path = ctx.fresh(params.textDocument.uri);
    if (!path) return [];
    const actions: CodeAction[] = [];
    for (const d of ctx.index.facts(path)?.diagnostics ?? []) {
      if (!d.fixes?.length || !rangesIntersect(toRange(d.location.span), params.range)) continue;
      if (params.context.only && !params.context.only.some((k) => k.startsWith('quickfix')))
        continue;
      const lsp = toLspDiagnostic(d, ctx.docsUrl);
      for (const fix of d.fixes) {
        const changes: Record<string, TextEdit[]> = {};
        for (const edit of fix.edits) {
          const uri = ctx.uriOf(edit.file);
          (changes[uri] ??= []).push({ range: toRange(edit.span), newText: edit.newText });
        }
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lsp],
          isPreferred: d.fixes.length === 1,
          edit: { changes },
        });
      }
    }
    return actions;
  });
}
