// Errors as Medusa's engine stores them in `context.errors` (pure). Imported by normalize.ts.
import type { RecordedError } from './record';

const FRAME = /^\s*at (?:.*? \()?((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^()]*?):(\d+):(\d+)\)?\s*$/;

/** The first stack frame in the user's code: an absolute file outside node_modules. */
export function userFrame(stack: string): RecordedError['location'] {
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const file = decodeFileUrl(match[1]!);
    if (/[\\/]node_modules[\\/]/.test(file)) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

function decodeFileUrl(file: string): string {
  if (!file.startsWith('file://')) return file;
  const path = decodeURIComponent(file.slice('file://'.length));
  return /^\/[A-Za-z]:/.test(path) ? path.slice(1) : path;
}

/** A stored error value (normally `{ message, name, stack }`), or undefined when it has none. */
export function recordedError(value: unknown, warn: (text: string) => void): RecordedError {
  if (typeof value === 'string') return { message: value };
  if (typeof value !== 'object' || value === null) {
    warn(`an error is ${JSON.stringify(value) ?? 'undefined'}, not an object`);
    return { message: String(value) };
  }
  const raw = value as Record<string, unknown>;
  const error: RecordedError = {
    message: typeof raw.message === 'string' ? raw.message : JSON.stringify(value),
  };
  if (typeof raw.name === 'string') error.name = raw.name;
  if (typeof raw.stack === 'string') {
    error.stack = raw.stack;
    const location = userFrame(raw.stack);
    if (location) error.location = location;
  }
  return error;
}
