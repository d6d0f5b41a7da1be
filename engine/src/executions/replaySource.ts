// Node, an engine entry: where a replay gets its execution record (a JSON file, or the app's
// database through the executions reader) and the workflow's code on this machine. Imported by
// the CLI's `executions replay` and the debug adapter's replay launch.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { findAppDatabaseUrl, openExecutionStore, redactDatabaseUrl } from './reader';
import type { ExecutionRecord } from './record';

export class ReplaySourceError extends Error {
  override name = 'ReplaySourceError';
}

/** An ExecutionRecord saved as JSON (`executions show --json`, or a test's file). */
export function readRecordFile(file: string): ExecutionRecord {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReplaySourceError(`cannot read the record file ${file}${code ? ` (${code})` : ''}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReplaySourceError(`${file} is not JSON: ${(error as Error).message}`);
  }
  return checkRecord(value, file);
}

/** The fields a replay reads, checked: a wrong file gets one sentence, not a crash later. */
export function checkRecord(value: unknown, origin: string): ExecutionRecord {
  const r = value as Partial<ExecutionRecord> | null;
  const problem =
    !r || typeof r !== 'object' || Array.isArray(r)
      ? 'is not an object'
      : typeof r.workflowId !== 'string'
        ? 'has no "workflowId"'
        : typeof r.transactionId !== 'string'
          ? 'has no "transactionId"'
          : !Array.isArray(r.steps)
            ? 'has no "steps" list'
            : r.steps.find((s) => typeof s?.name !== 'string' || typeof s.path !== 'string')
              ? 'has a step without "name" or "path"'
              : undefined;
  if (problem) throw new ReplaySourceError(`${origin} ${problem}: not an execution record`);
  return r as ExecutionRecord;
}

/**
 * The file defining the record's workflow here: `explicit` when given, else the record's
 * `sourcePath` when it exists, else that path's `src/...` part under `appRoot` (a record written
 * on another machine, or by the built app under `.medusa/server`).
 */
export function findWorkflowFile(
  record: ExecutionRecord,
  options: { explicit?: string; appRoot?: string; cwd?: string },
): string {
  const cwd = options.cwd ?? process.cwd();
  if (options.explicit !== undefined) {
    const file = resolve(cwd, options.explicit);
    if (!isFile(file)) throw new ReplaySourceError(`workflow file not found: ${file}`);
    return file;
  }
  const source = record.sourcePath;
  if (source && isAbsolute(source) && isFile(source)) return source;
  const candidates = source && options.appRoot ? inApp(source, options.appRoot) : [];
  const found = candidates.find(isFile);
  if (found) return found;
  const where = source ? `its file ${source} is not here` : 'it names no source file';
  const hint = options.appRoot ? '' : ' or the app folder';
  throw new ReplaySourceError(
    `cannot find the code of workflow ${record.workflowId}: ${where}; give the workflow file${hint}`,
  );
}

function inApp(source: string, appRoot: string): string[] {
  const parts = source.split(/[\\/]/);
  const at = parts.lastIndexOf('src');
  if (at < 0) return [];
  const rel = parts.slice(at).join('/');
  const stem = rel.replace(/\.(c|m)?js$/, '');
  const files = [rel, `${stem}.ts`, `${stem}.mts`, `${stem}.js`];
  return [...new Set(files)].map((f) => join(appRoot, f));
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** An execution read, read-only, from a Medusa database: `databaseUrl`, else the app's
 * DATABASE_URL (its environment and .env). `id` is `wf_exec_...` or a transaction id. */
export async function loadStoredRecord(
  id: string,
  from: { databaseUrl?: string; appRoot?: string },
): Promise<ExecutionRecord> {
  const app = from.appRoot ?? process.cwd();
  const url = from.databaseUrl ?? findAppDatabaseUrl(app);
  if (url === undefined) {
    throw new ReplaySourceError(
      `no DATABASE_URL in the environment or in ${app}/.env: give the database URL or the app folder`,
    );
  }
  const store = openExecutionStore(url);
  try {
    const record = await store.get(id);
    if (!record) throw new ReplaySourceError(`no execution ${id} in ${redactDatabaseUrl(url)}`);
    return record;
  } finally {
    await store.close();
  }
}
