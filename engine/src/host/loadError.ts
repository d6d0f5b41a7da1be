// Errors of the host layer that mean "this workflow file cannot be run" (CLI exit code 2).

export type LoadErrorCode = 'not-found' | 'syntax' | 'module-not-found' | 'evaluation';

export class LoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    message: string,
    /** The user file and 1-based position the error points at, when known. */
    readonly location?: { file: string; line: number; column: number },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LoadError';
  }
}

/** `file:line:col` of the first stack frame inside one of the given files, if any. */
export function userFrame(
  stack: string | undefined,
  files: ReadonlySet<string>,
): { file: string; line: number; column: number } | undefined {
  if (!stack) return undefined;
  for (const match of stack.matchAll(/\(?((?:[A-Za-z]:)?[^\s():]+):(\d+):(\d+)\)?$/gm)) {
    const [, file, line, column] = match;
    if (file && files.has(file)) return { file, line: Number(line), column: Number(column) };
  }
  return undefined;
}
