// How step errors are stored: serialized plain objects, with Medusa's stack suffix.

type Obj = Record<string, unknown>;

function isErrorLike(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && 'name' in v && 'message' in v && 'stack' in v;
}

/** Medusa's serializeError / JSON fallback for thrown values. */
export function serializeError(error: unknown): Obj {
  if (isErrorLike(error)) {
    const out: Obj = { message: error.message, name: error.name, stack: error.stack };
    for (const key of Object.getOwnPropertyNames(error)) {
      if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = error[key];
    }
    return out;
  }
  try {
    const s = JSON.stringify(error);
    return (error as Obj | undefined)?.message ? (JSON.parse(s) as Obj) : { message: s };
  } catch {
    return { message: 'Unknown non-serializable error' };
  }
}

/** `\n⮑ sat [wf -> step (invoke)]` (Medusa's literal, `\s` included, always "invoke"). */
export function stackSuffix(workflowId: string, step: string, sourcePath?: string): string {
  const where = `[${workflowId} -> ${step} (invoke)]`;
  return sourcePath ? `\n⮑ sat ${sourcePath}: ${where}` : `\n⮑ sat ${where}`;
}
