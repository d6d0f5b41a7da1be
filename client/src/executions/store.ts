// Extension host: what the Workflow Executions view needs of the executions reader
// (engine/src/executions/reader.ts), and where its database comes from: the setting
// `medusaWorkflows.executions.databaseUrl`, else DATABASE_URL in a workspace app's .env. The URL
// never leaves this file except into the reader and the debug launch; it is never shown.
import type {
  ExecutionFilter,
  ExecutionRecord,
  ExecutionSummary,
} from '../../../engine/src/executions/record';

export interface ExecutionStoreLike {
  list(filter: ExecutionFilter): Promise<{ items: ExecutionSummary[]; hasMore: boolean }>;
  get(id: string): Promise<ExecutionRecord | undefined>;
  workflows(): Promise<string[]>;
  close(): Promise<void> | void;
}

export interface ReaderLike {
  openExecutionStore(databaseUrl: string): ExecutionStoreLike;
  findAppDatabaseUrl(appRoot: string): string | undefined;
}

export interface Connection {
  store: ExecutionStoreLike;
  /** Where the URL came from: the setting, or the app folder whose .env holds it. */
  origin: { setting: true } | { app: string };
  /** For a replay launch: the setting's URL (never shown), else only the app folder. */
  databaseUrl?: string;
}

/** The database to read, or why there is none (one sentence for the view). */
export function connect(
  reader: ReaderLike,
  setting: string | undefined,
  appRoots: readonly string[],
): Connection | string {
  if (setting && setting.trim() !== '') {
    return {
      store: reader.openExecutionStore(setting),
      origin: { setting: true },
      databaseUrl: setting,
    };
  }
  for (const app of appRoots) {
    const url = reader.findAppDatabaseUrl(app);
    if (url) return { store: reader.openExecutionStore(url), origin: { app } };
  }
  return 'No Medusa database: set "medusaWorkflows.executions.databaseUrl", or open a Medusa app whose .env sets DATABASE_URL.';
}
