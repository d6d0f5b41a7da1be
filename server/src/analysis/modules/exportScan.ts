// Part of the analyzer (pure): whether a file's text alone proves that it cannot export a name,
// so that a name looked up through a large barrel (core-flows' index) does not parse every file
// behind it. Used by interpreter/session.ts. Errs towards "may export": then the file is parsed.

/** What can start a star export: `export *` (maybe with a comment before the star), or tsc's
 * CommonJS helpers `__exportStar` and `__export`. */
const STARS = /\bexport\s*(?:\*|\/[*/])|__export/;
const IDENT = /[\w$]/;

/** False when `text` can neither export `name` itself nor re-export anything through a star.
 * Every export form writes the name out (`export const name`, `export { x as name }`,
 * `exports.name =`, `Object.defineProperty(exports, "name"`), except `default` and names spelled
 * with unicode escapes; a use such as `(0, steps_1.name)(...)` (property of another object)
 * declares nothing. */
export function mayExport(text: string, name: string): boolean {
  if (name === 'default' || text.includes('\\u') || STARS.test(text)) return true;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const end = at + name.length;
    if ((at > 0 && IDENT.test(text[at - 1]!)) || (end < text.length && IDENT.test(text[end]!))) {
      continue; // part of a longer identifier
    }
    if (!isMemberOfOther(text, at)) return true;
  }
  return false;
}

/** Whether the occurrence at `at` reads `object.name` with `object` an identifier other than
 * `exports`. */
function isMemberOfOther(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  if (text[i] !== '.') return false;
  i--;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  const end = i + 1;
  while (i >= 0 && IDENT.test(text[i]!)) i--;
  const object = text.slice(i + 1, end);
  return object !== '' && object !== 'exports';
}
