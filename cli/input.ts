// `--input <json>` or `--input @<file>`: the workflow input, or a one-line reason it is unusable.
import { readFileSync } from 'node:fs';
import { UsageError } from './args';

export function readInput(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  let text = raw;
  let origin = '--input';
  if (raw.startsWith('@')) {
    const file = raw.slice(1);
    origin = file;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read input file ${file}${code ? ` (${code})` : ''}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`invalid JSON in ${origin}: ${(error as Error).message}`);
  }
}
