// Stored workflow executions, read-only, from a Medusa app's Postgres (`workflow_execution`).
// Runs in the CLI, the extension host and the debug adapter; imported through this file only.
// Every session is read-only (default_transaction_read_only): it never writes to the user's database.
import type * as Pg from 'pg';
import type { PoolConfig } from 'pg';
import { checkDatabaseUrl, toExecutionsError } from './errors';
import { normalizeExecutionRow, summaryOf, type ExecutionRow } from './normalize';
import type { ExecutionFilter, ExecutionRecord, ExecutionSummary } from './record';

export { ExecutionsError, redactDatabaseUrl, type ExecutionsErrorCode } from './errors';
export { normalizeExecutionRow, type ExecutionRow } from './normalize';
export { findAppDatabaseUrl } from '../host/appDatabaseUrl';

export interface ExecutionStore {
  /** Newest first (created_at, then id). */
  list(filter: ExecutionFilter): Promise<{ items: ExecutionSummary[]; hasMore: boolean }>;
  /** By `wf_exec_...` id or by transaction id (its newest run). */
  get(id: string): Promise<ExecutionRecord | undefined>;
  /** Distinct workflow ids, sorted. */
  workflows(): Promise<string[]>;
  close(): Promise<void>;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

/** `pg` passes `options` to the server (its types do not list it). */
export interface ReadOnlyPoolConfig extends PoolConfig {
  options: string;
}

/** Every session is read-only, and no query may hang a view for long. */
const SESSION_OPTIONS = '-c default_transaction_read_only=on -c statement_timeout=30000';

export function readOnlyPoolConfig(databaseUrl: string): ReadOnlyPoolConfig {
  return {
    connectionString: withSessionOptions(databaseUrl),
    max: 2,
    idleTimeoutMillis: 10000,
    connectionTimeoutMillis: 10000,
    application_name: 'medusa-workflows',
    options: SESSION_OPTIONS,
  };
}

/** A URL's own `?options=` would replace ours (`pg` lets the URL win): ours go into it. */
function withSessionOptions(url: string): string {
  const match = /([?&])options=([^&#]*)/.exec(url);
  if (!match) return url;
  const own = decodeURIComponent(match[2]!.replace(/\+/g, ' '));
  return url.replace(
    match[0],
    `${match[1]}options=${encodeURIComponent(`${own} ${SESSION_OPTIONS}`)}`,
  );
}

/**
 * `created_at`/`updated_at` are `timestamp without time zone` in Medusa's migration, written with
 * the server session's clock (`now()`): cast in the session's zone, they are the instants Medusa
 * meant (whatever this process's time zone).
 */
const COLUMNS = (t: string): string =>
  `${t}id, ${t}workflow_id, ${t}transaction_id, ${t}run_id, ${t}state, ` +
  `${t}created_at::timestamptz AS created_at, ${t}updated_at::timestamptz AS updated_at`;

let pgModule: typeof Pg | undefined;
/**
 * `pg` is loaded on first connection: its Cloudflare probe constructs a `Response`, which loads
 * Node's fetch implementation (about 150 ms) into every CLI run and debug runner that imports this.
 */
function pg(): typeof Pg {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pgModule ??= require('pg') as typeof Pg;
  return pgModule;
}

export function openExecutionStore(databaseUrl: string): ExecutionStore {
  checkDatabaseUrl(databaseUrl);
  const pool = new (pg().Pool)(readOnlyPoolConfig(databaseUrl));
  // An idle connection that the server drops must not crash the host: the next query reconnects.
  pool.on('error', () => undefined);

  const query = async <T extends object>(sql: string, params: unknown[]): Promise<T[]> => {
    try {
      return (await pool.query<T & Record<string, unknown>>(sql, params)).rows;
    } catch (error) {
      throw toExecutionsError(error, databaseUrl);
    }
  };

  return {
    async list(filter) {
      const { where, params } = whereClause(filter);
      const limit = pageSize(filter.limit);
      const offset = Math.max(0, Math.floor(filter.offset ?? 0));
      // Page first on the plain columns, then read the JSON of that page only.
      const rows = await query<ListRow>(
        `SELECT ${COLUMNS('w.')}, w.execution->'steps' AS steps,
                w.execution->'startedAt' AS started_at
         FROM (SELECT * FROM workflow_execution ${where}
               ORDER BY created_at DESC, id DESC LIMIT ${limit + 1} OFFSET ${offset}) w
         ORDER BY w.created_at DESC, w.id DESC`,
        params,
      );
      const items = rows.slice(0, limit).map((r) => summaryOf(r, r.steps, r.started_at));
      return { items, hasMore: rows.length > limit };
    },
    async get(id) {
      const rows = await query<ExecutionRow>(
        `SELECT ${COLUMNS('')}, execution, context, retention_time FROM workflow_execution
         WHERE deleted_at IS NULL AND (id = $1 OR transaction_id = $1)
         ORDER BY (id = $1) DESC, created_at DESC LIMIT 1`,
        [id],
      );
      return rows[0] && normalizeExecutionRow(rows[0]);
    },
    async workflows() {
      const rows = await query<{ workflow_id: string }>(
        'SELECT DISTINCT workflow_id FROM workflow_execution WHERE deleted_at IS NULL ORDER BY 1',
        [],
      );
      return rows.map((r) => r.workflow_id);
    },
    close: () => pool.end(),
  };
}

interface ListRow extends Omit<ExecutionRow, 'execution' | 'context'> {
  steps: unknown;
  started_at: unknown;
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`The page size must be a positive whole number, not ${limit}.`);
  }
  return Math.min(limit, MAX_LIMIT);
}

function whereClause(filter: ExecutionFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const terms = ['deleted_at IS NULL'];
  if (filter.workflowId !== undefined) {
    params.push(filter.workflowId);
    terms.push(`workflow_id = $${params.length}`);
  }
  if (filter.state !== undefined && filter.state.length > 0) {
    params.push(filter.state);
    terms.push(`state = ANY($${params.length}::text[])`);
  }
  for (const [bound, op] of [
    [filter.since, '>='],
    [filter.until, '<'],
  ] as const) {
    if (bound === undefined) continue;
    if (Number.isNaN(Date.parse(bound))) {
      throw new RangeError(`${bound} is not a date and time (ISO 8601).`);
    }
    params.push(bound);
    terms.push(`created_at ${op} $${params.length}::timestamptz`);
  }
  return { where: `WHERE ${terms.join(' AND ')}`, params };
}
