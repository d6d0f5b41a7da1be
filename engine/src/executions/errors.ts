// The executions reader's errors (Node, any process that reads stored executions): one code per
// thing a user can fix, a message without credentials. Imported by reader.ts, live.ts, the CLI
// and the Workflow Executions view.
import { describeDatabase } from '../host/database';

export type ExecutionsErrorCode =
  'bad-url' | 'unreachable' | 'auth' | 'no-database' | 'no-table' | 'bad-row';

export class ExecutionsError extends Error {
  override name = 'ExecutionsError';
  constructor(
    readonly code: ExecutionsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** `postgres://host:port/name`: the URL without user, password or query. */
export function redactDatabaseUrl(url: string): string {
  try {
    return describeDatabase(url).display;
  } catch {
    return 'the database URL (not a valid postgres:// URL)';
  }
}

/** Throws `bad-url` unless `url` is a postgres:// (or postgresql://) URL. */
export function checkDatabaseUrl(url: string): void {
  if (!/^postgres(ql)?:\/\//i.test(url.trim())) {
    throw new ExecutionsError(
      'bad-url',
      'The database URL must start with postgres:// (for example postgres://user@localhost:5432/medusa).',
    );
  }
  try {
    describeDatabase(url);
  } catch {
    throw new ExecutionsError('bad-url', 'The database URL is not a valid postgres:// URL.');
  }
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'ENOENT',
]);

/**
 * What a `pg` failure means for the user. Server messages may name the user (never the
 * password); ours name only the redacted target.
 */
export function toExecutionsError(error: unknown, url: string): ExecutionsError {
  if (error instanceof ExecutionsError) return error;
  const target = redactDatabaseUrl(url);
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '28P01' || code === '28000' || /password|SASL|SCRAM/i.test(message)) {
    return new ExecutionsError(
      'auth',
      `The database at ${target} refused the user or password of the URL.`,
    );
  }
  if (code === '3D000') {
    return new ExecutionsError('no-database', `The database ${target} does not exist.`);
  }
  if (code === '42P01' || code === '42703') {
    return new ExecutionsError(
      'no-table',
      `The database ${target} has no Medusa workflow_execution table (run the app's migrations, or point to the app's database).`,
    );
  }
  if (
    (typeof code === 'string' && UNREACHABLE.has(code)) ||
    /timeout|terminated|connect/i.test(message)
  ) {
    return new ExecutionsError(
      'unreachable',
      `Cannot reach the database at ${target}${typeof code === 'string' ? ` (${code})` : ''}: is PostgreSQL running there?`,
    );
  }
  return new ExecutionsError(
    'unreachable',
    `The database at ${target} failed: ${scrub(message, url)}`,
  );
}

/** Removes any part of the URL's credentials from a message. */
function scrub(message: string, url: string): string {
  let text = message.split(url).join(redactDatabaseUrl(url));
  try {
    const { password, username } = new URL(url);
    for (const secret of [password, decodeURIComponent(password)].filter((s) => s.length > 0)) {
      text = text.split(secret).join('***');
    }
    if (username) text = text.split(`${username}:`).join('');
  } catch {
    // Not a WHATWG URL: the URL itself was replaced above.
  }
  return text;
}
