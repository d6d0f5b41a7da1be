// Hit conditions of breakpoints, shared by the adapter (validation) and the runner (counting).

const HIT = /^(>|>=|={1,3}|<|<=|%)?\s*([0-9]+)$/;

/** Parses a hit condition (`5`, `>= 5`, `== 2`, `% 3`; a bare number means ">="). */
export function hitPredicate(text: string): (hits: number) => boolean {
  const m = HIT.exec(text.trim());
  if (!m)
    throw new Error(
      `Invalid hit condition "${text}": use a number, optionally after >, >=, ==, <, <= or %`,
    );
  const n = Number(m[2]);
  switch (m[1]) {
    case '>':
      return (h) => h > n;
    case '<':
      return (h) => h < n;
    case '<=':
      return (h) => h <= n;
    case '%':
      return (h) => n > 0 && h % n === 0;
    case '=':
    case '==':
    case '===':
      return (h) => h === n;
    default:
      return (h) => h >= n;
  }
}
