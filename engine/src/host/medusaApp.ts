// Host (Node only, the process that runs the workflow: the CLI or the debugger's runner child):
// boots the user's Medusa application the way `medusa exec` does (its medusa-config, .env,
// modules, links and database, through Medusa's own loaders from the app's node_modules) and
// hands back its container. Imported by cli/runCommand.ts and the runner's program.ts.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { describeDatabase, type DatabaseTarget } from './database';

export { describeDatabase, type DatabaseTarget } from './database';

/** A boot failure the user can act on: the message says what to do. */
export class AppBootError extends Error {
  override name = 'AppBootError';
}

export interface BootOptions {
  /** Where to look for the app: this folder or the nearest parent with a medusa-config file. */
  cwd: string;
  /** Allow a database whose host is not local (unix socket, 127.0.0.0/8, ::1, localhost). */
  allowRemoteDatabase?: boolean;
  /** Told which database the run writes to, before anything is written. */
  notice?: (line: string) => void;
}

export interface BootedApp {
  root: string;
  database: DatabaseTarget;
  container: unknown;
  shutdown(): Promise<void>;
}

const CONFIG_NAMES = [
  'medusa-config.ts',
  'medusa-config.js',
  'medusa-config.mjs',
  'medusa-config.cjs',
];
const PROBE_TIMEOUT_MS = 5000;

/** The Medusa app's root folder: `from` or its nearest parent holding a medusa-config file. */
export function findMedusaApp(from: string): string {
  let dir = resolve(from);
  for (;;) {
    if (CONFIG_NAMES.some((name) => existsSync(join(dir, name)))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new AppBootError(
    `No Medusa application found from ${resolve(from)}: no medusa-config.ts or medusa-config.js ` +
      'there or in a parent folder. Set "cwd" (CLI: run it from the project) to your Medusa project.',
  );
}

type AppRequire = NodeJS.Require;
type Loaders = {
  default(options: {
    directory: string;
    expressApp: unknown;
    skipLoadingEntryPoints?: boolean;
  }): Promise<{ container: unknown; shutdown(): Promise<void> }>;
};

export async function bootMedusaApp(options: BootOptions): Promise<BootedApp> {
  const root = findMedusaApp(options.cwd);
  const appRequire = createRequire(join(root, 'package.json'));
  const loaders = requireFromApp<Loaders>(appRequire, '@medusajs/medusa/loaders/index', root);
  // As the medusa CLI does before any command: TypeScript sources, tsconfig paths, the .env.
  process.chdir(root);
  registerTypeScript(appRequire);
  requireFromApp<{ config(): unknown }>(appRequire, 'dotenv', root).config();
  const config = await loadConfig(appRequire, root);
  const url = config.projectConfig?.databaseUrl;
  if (typeof url !== 'string' || url === '') {
    throw new AppBootError(
      `${root}'s medusa-config has no projectConfig.databaseUrl: set DATABASE_URL in its .env.`,
    );
  }
  const database = describeDatabase(url);
  if (!database.local && options.allowRemoteDatabase !== true) {
    throw new AppBootError(
      `Refusing to write to ${database.display}: its host "${database.host}" is not local. ` +
        'Point DATABASE_URL at a development database on this machine, or set ' +
        '"allowRemoteDatabase": true (CLI: --allow-remote-database) if you really mean it.',
    );
  }
  await checkDatabase(appRequire, url, database, root);
  options.notice?.(`Medusa app ${root}: this run writes to the database ${database.display}.`);
  process.env.MEDUSA_WORKER_MODE ??= 'server';
  const express = requireFromApp<() => unknown>(appRequire, 'express', root);
  let booted: Awaited<ReturnType<Loaders['default']>>;
  try {
    booted = await loaders.default({
      directory: root,
      expressApp: express(),
      skipLoadingEntryPoints: true,
    });
  } catch (err) {
    throw bootError(err, database, root);
  }
  return { root, database, container: booted.container, shutdown: () => booted.shutdown() };
}

function requireFromApp<T>(appRequire: AppRequire, id: string, root: string): T {
  try {
    return appRequire(id) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
      throw new AppBootError(
        `${id} is not installed in the Medusa app ${root}: run \`npm install\` there.`,
      );
    }
    throw err;
  }
}

/** The medusa CLI registers ts-node and tsconfig-paths from the app when they are there. */
function registerTypeScript(appRequire: AppRequire): void {
  const flag = Symbol.for('medusa-workflows.appTypeScript');
  const g = globalThis as { [flag]?: boolean };
  if (g[flag]) return;
  g[flag] = true;
  for (const id of ['ts-node', 'tsconfig-paths']) {
    try {
      (appRequire(id) as { register(o: object): void }).register({});
    } catch {
      // As in the CLI: without ts-node only JavaScript configs and modules load.
    }
  }
}

interface ConfigModule {
  projectConfig?: { databaseUrl?: unknown };
}

/** Loads medusa-config as Medusa's configLoader does, but reports its error (Medusa exits). */
async function loadConfig(appRequire: AppRequire, root: string): Promise<ConfigModule> {
  const utils = requireFromApp<{
    getConfigFile(
      dir: string,
      name: string,
    ): Promise<{ configModule?: ConfigModule | null; error?: unknown }>;
  }>(appRequire, '@medusajs/framework/utils', root);
  let loaded: { configModule?: ConfigModule | null; error?: unknown };
  try {
    loaded = await utils.getConfigFile(root, 'medusa-config');
  } catch (err) {
    loaded = { error: err };
  }
  if (loaded.error != null || !loaded.configModule) {
    const message = (loaded.error as Error | undefined)?.message ?? 'it exports nothing';
    throw new AppBootError(`${root}'s medusa-config did not load: ${message}`);
  }
  return loaded.configModule;
}

type PgClient = {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: { migrated: boolean }[] }>;
  end(): Promise<void>;
};

/**
 * Before Medusa's loaders (which log, retry, and fail later with less telling errors): the
 * server answers, the database exists, and Medusa's migrations ran in it. Through the app's
 * `pg` when it has one, else only a connection probe.
 */
async function checkDatabase(
  appRequire: AppRequire,
  url: string,
  database: DatabaseTarget,
  root: string,
): Promise<void> {
  let Client: new (o: object) => PgClient;
  try {
    ({ Client } = appRequire('pg') as { Client: new (o: object) => PgClient });
  } catch {
    return probe(database);
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    if (code === '3D000') {
      throw new AppBootError(
        `The database ${database.display} does not exist: create it (\`npx medusa db:create\`) ` +
          `and run \`npx medusa db:migrate\` in ${root}.`,
      );
    }
    throw unreachable(database, code ?? message);
  }
  try {
    const { rows } = await client.query(
      "SELECT to_regclass('mikro_orm_migrations') IS NOT NULL AS migrated",
    );
    if (rows[0]?.migrated !== true) {
      throw new AppBootError(
        `The database ${database.display} has no Medusa tables: run \`npx medusa db:migrate\` ` +
          `in ${root}.`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A reachable server before Medusa's loaders try (they log and retry at length). */
async function probe(database: DatabaseTarget): Promise<void> {
  if (database.socket) {
    if (!existsSync(database.socket)) throw unreachable(database, 'no socket file');
    return;
  }
  await new Promise<void>((done, fail) => {
    const socket = new Socket();
    const timer = setTimeout(() => {
      socket.destroy();
      fail(unreachable(database, `no answer in ${PROBE_TIMEOUT_MS / 1000} s`));
    }, PROBE_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      done();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(unreachable(database, err.code ?? err.message));
    });
    socket.connect(database.port, database.host);
  });
}

function unreachable(database: DatabaseTarget, why: string): AppBootError {
  return new AppBootError(
    `The database ${database.display} is not reachable (${why}): start PostgreSQL, or fix ` +
      "DATABASE_URL in the app's .env.",
  );
}

function bootError(err: unknown, database: DatabaseTarget, root: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  const missing = /relation "([^"]+)" does not exist/.exec(message);
  if (missing) {
    return new AppBootError(
      `The database ${database.display} lacks Medusa's tables (relation "${missing[1]}" does ` +
        `not exist): run \`npx medusa db:migrate\` in ${root}.`,
    );
  }
  if (/database "[^"]+" does not exist/.test(message)) {
    return new AppBootError(
      `${message}: create it (\`npx medusa db:create\`) and run \`npx medusa db:migrate\` in ${root}.`,
    );
  }
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|connect/i.test(message)) {
    return unreachable(database, message);
  }
  return new AppBootError(`The Medusa app ${root} did not boot: ${message}`);
}

/** Packages whose workflows and steps user code calls (they import the workflows SDK). */
const SDK_PACKAGES =
  /[\\/]node_modules[\\/]@medusajs[\\/](?:core-flows|medusa[\\/]dist[\\/]core-flows)[\\/]/;

/**
 * Runs `load` (our loader evaluating the user's workflow file) with the app's copies of
 * core-flows out of Node's module cache, so the file gets copies bound to our engine; the app
 * keeps its own (bound to Medusa's SDK) once `load` returns.
 */
export function withOwnPackageCopies<T>(load: () => T): T {
  const cache = createRequire(__filename).cache;
  const evicted = Object.keys(cache).filter((key) => SDK_PACKAGES.test(key));
  const saved = new Map(evicted.map((key) => [key, cache[key]]));
  for (const key of evicted) delete cache[key];
  try {
    return load();
  } finally {
    for (const key of Object.keys(cache)) if (SDK_PACKAGES.test(key)) delete cache[key];
    for (const [key, module] of saved) cache[key] = module;
  }
}
