// Small helpers shared by the rules: locations, diagnostics and text edits from syntax nodes.
import ts from 'typescript';
import type { Diagnostic, QuickFix, Severity, TextEdit } from '../model';
import { locationOf, spanAt } from '../spans';

export function diagnostic(
  code: string,
  severity: Severity,
  message: string,
  node: ts.Node,
  fixes?: QuickFix[],
): Diagnostic {
  const d: Diagnostic = {
    code,
    severity,
    message,
    location: locationOf(node, node.getSourceFile()),
  };
  if (fixes && fixes.length > 0) d.fixes = fixes;
  return d;
}

export function insertAt(node: ts.Node, pos: number, newText: string): TextEdit {
  const sf = node.getSourceFile();
  return { file: sf.fileName, span: spanAt(sf, pos, pos), newText };
}

export function replaceRange(node: ts.Node, start: number, end: number, newText: string): TextEdit {
  const sf = node.getSourceFile();
  return { file: sf.fileName, span: spanAt(sf, start, end), newText };
}

export function replaceNode(node: ts.Node, newText: string): TextEdit {
  return replaceRange(node, node.getStart(), node.getEnd(), newText);
}

/** The indentation of the line a node starts on. */
export function indentOf(node: ts.Node): string {
  const sf = node.getSourceFile();
  const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
  const lineStart = sf.getPositionOfLineAndCharacter(line, 0);
  return /^[ \t]*/.exec(sf.text.slice(lineStart, lineStart + 200))?.[0] ?? '';
}

/** Nodes can be reached twice (a helper inlined in two places): report each place once. */
export function uniqueBy<T>(items: T[], key: (t: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A `.config({ name })` appended to a call, with a name not yet used in the workflow. */
export function renameFix(call: ts.CallExpression, base: string, taken: Set<string>): QuickFix {
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  const name = `${base}-${n}`;
  taken.add(name);
  const quote = call.getSourceFile().text.includes("'") ? "'" : '"';
  return {
    title: `Give this call its own name: .config({ name: ${quote}${name}${quote} })`,
    edits: [insertAt(call, call.getEnd(), `.config({ name: ${quote}${name}${quote} })`)],
  };
}

/** Names declared in the composer (and the helpers around `node`): placeholders at definition,
 * so an expression reading them cannot simply move into a transform's closure. */
export function composerLocals(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const collect = (n: ts.Node, top: ts.Node): void => {
    if (n !== top && ts.isFunctionLike(n)) return;
    if ((ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) && n.name)
      bindingNames(n.name, names);
    if (ts.isFunctionDeclaration(n) && n.name) names.add(n.name.text);
    n.forEachChild((c) => collect(c, top));
  };
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent)
    if (ts.isFunctionLike(p)) collect(p, p);
  return names;
}

function bindingNames(name: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
}

export function usesAny(node: ts.Node, names: Set<string>): boolean {
  if (ts.isIdentifier(node)) {
    const p = node.parent;
    const member = ts.isPropertyAccessExpression(p) && p.name === node;
    return !member && names.has(node.text);
  }
  return node.forEachChild((c) => (usesAny(c, names) ? true : undefined)) ?? false;
}

const SDK = /^@medusajs\/(?:framework\/|medusa\/)?workflows-sdk$/;

/** The local name of an SDK function in this file, adding it to the SDK import if needed;
 * undefined when the file has no ES import of the SDK to add it to. */
export function sdkImport(
  sf: ts.SourceFile,
  name: string,
): { local: string; edits: TextEdit[] } | undefined {
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    if (!SDK.test(st.moduleSpecifier.text) || st.importClause?.isTypeOnly) continue;
    const named = st.importClause?.namedBindings;
    if (!named || !ts.isNamedImports(named)) continue;
    const el = named.elements.find((e) => (e.propertyName ?? e.name).text === name);
    if (el) return { local: el.name.text, edits: [] };
    const last = named.elements[named.elements.length - 1];
    if (!last) continue;
    return {
      local: name,
      edits: [insertAt(last, last.getEnd(), `, ${name}`)],
    };
  }
  return undefined;
}
