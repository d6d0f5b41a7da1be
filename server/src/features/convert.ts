// Language-server process: conversions between the analyzer's plain model (absolute paths,
// 0-based spans) and LSP types. The only place that knows both shapes.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type Location as LspLocation,
  type Range,
} from 'vscode-languageserver';
import type { Diagnostic, Location, Severity, Span } from '../analysis/index';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

export function toRange(span: Span): Range {
  return {
    start: { line: span.start.line, character: span.start.character },
    end: { line: span.end.line, character: span.end.character },
  };
}

export function toLocation(location: Location, uriOf: (path: string) => string): LspLocation {
  return { uri: uriOf(location.file), range: toRange(location.span) };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const diagnosticSource = 'medusa-workflows';

/** `docsUrl` is the README (a file: or https: URL); each code has an anchor there. */
export function toLspDiagnostic(d: Diagnostic, docsUrl: string | undefined): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(d.location.span),
    severity: severities[d.severity] ?? DiagnosticSeverity.Warning,
    code: d.code,
    source: diagnosticSource,
    message: d.message,
  };
  if (docsUrl) out.codeDescription = { href: `${docsUrl}#${d.code.toLowerCase()}` };
  if (d.fixes && d.fixes.length > 0) out.data = { fixes: d.fixes.length };
  return out;
}

export function rangesIntersect(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']): boolean =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
