// Extension host (layout) and webview (nothing else): breaks a node or group label into lines of
// at most `max` characters, at the places a step name reads well: after `-`, `_`, `.`, `/`, `::`,
// a space, or between a lower-case letter and an upper-case one. Pure.

/** The pieces a label breaks between, each keeping its trailing separator. */
function pieces(text: string): string[] {
  return text.match(/[^\s\-_./:]*?(?:[a-z0-9](?=[A-Z])|[\s\-_./:]+|$)/g)?.filter(Boolean) ?? [];
}

export function wrapText(text: string, max: number, maxLines = 4): string[] {
  const lines: string[] = [];
  let line = '';
  const flush = (): void => {
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
  };
  for (let piece of pieces(text)) {
    if (line.length + piece.trimEnd().length > max) flush();
    while (piece.length > max) {
      lines.push(piece.slice(0, max));
      piece = piece.slice(max);
    }
    line += piece;
  }
  flush();
  if (lines.length === 0) return [text];
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, max - 1)}…`;
  return kept;
}
