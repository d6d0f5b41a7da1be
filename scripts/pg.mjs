// Test and setup helper (Node, no dependencies): the project's throwaway PostgreSQL cluster for
// the fixture app (examples/medusa-app), under .vscode-test/pg, listening on 127.0.0.1 only.
// Used by scripts/setup.sh, .ci/run, scripts/test.mjs and the tests (test/app/pgCluster.ts).
// Usage: node scripts/pg.mjs start|stop|status|url [db]|reset|migrate|fresh <db>
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const asRoot = process.getuid?.() === 0;
const base = clusterBase();
const data = join(base, 'data');
const sockets = join(base, 'run');
const app = join(root, 'examples/medusa-app');
/** The database the fixture app uses, and the migrated copy every reset starts from. */
export const DATABASE = 'medusa_app';
const TEMPLATE = 'medusa_app_template';

/**
 * .vscode-test/pg, unless we are root and the `postgres` user (which runs the server) cannot
 * reach the checkout, as for a clone under /root (mode 700): then a folder of this checkout's own
 * under the system's temporary directory.
 */
function clusterBase() {
  // Its real path: a linked cluster folder (worktrees sharing one) must not tie the running server
  // to the link, which may go away while the server runs.
  const linked = join(root, '.vscode-test/pg');
  const local = existsSync(linked) ? realpathSync(linked) : linked;
  if (!asRoot) return local;
  const reach = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', root]);
  if (reach.status === 0) return local;
  const key = createHash('sha256').update(root).digest('hex').slice(0, 12);
  return join(tmpdir(), `medusa-workflows-pg-${key}`);
}

function bin(name) {
  const dirs = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (dirs.length > 0) return join('/usr/lib/postgresql', dirs[0], 'bin', name);
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.trim();
  fail(
    `PostgreSQL's ${name} was not found: run \`npm run setup\` (it installs Debian's postgresql).`,
  );
}

function fail(message) {
  console.error(`pg: ${message}`);
  process.exit(1);
}

/** Server commands run as the `postgres` user when we are root (the server refuses root). */
function asServer(cmd, args, options = {}) {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return spawnSync(file, argv, { encoding: 'utf8', ...options });
}

function port() {
  const file = join(base, 'port');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
}

export function databaseUrl(db = DATABASE) {
  const p = port();
  if (p === undefined) fail('the cluster was never started: run `node scripts/pg.mjs start`.');
  return `postgres://postgres@127.0.0.1:${p}/${db}`;
}

/** The port of the last start when it is still free (URLs stay valid), else any free one. */
async function freePort() {
  const previous = port();
  if (previous !== undefined && (await listenable(previous))) return previous;
  return listenable(0);
}

function listenable(wanted) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(wanted, '127.0.0.1', () => {
      const { port: p } = server.address();
      server.close(() => done(p));
    });
  });
}

function running() {
  return (
    existsSync(join(data, 'PG_VERSION')) &&
    asServer(bin('pg_ctl'), ['-D', data, 'status']).status === 0
  );
}

function init() {
  mkdirSync(sockets, { recursive: true });
  if (asRoot) execFileSync('chown', ['-R', 'postgres:', base]);
  if (existsSync(join(data, 'PG_VERSION'))) return;
  const r = asServer(bin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  if (r.status !== 0) fail(`initdb failed:\n${r.stderr || r.stdout}`);
}

/** `migrate: false`: only a missing template is migrated (a stale one is left to `start`). */
async function start({ migrate: checkSchema = true } = {}) {
  init();
  if (!running()) {
    const p = await freePort();
    writeFileSync(join(base, 'port'), `${p}\n`);
    const options = `-p ${p} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off`;
    const r = asServer(bin('pg_ctl'), [
      '-D',
      data,
      '-l',
      join(base, 'server.log'),
      '-o',
      options,
      '-w',
      'start',
    ]);
    if (r.status !== 0)
      fail(`the server did not start (see ${join(base, 'server.log')}):\n${r.stderr}`);
  }
  writeEnv();
  if (checkSchema || !exists(TEMPLATE)) migrate();
}

function stop() {
  if (!running()) return;
  const r = asServer(bin('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  if (r.status !== 0) fail(`the server did not stop:\n${r.stderr}`);
}

function sql(statement, db = 'postgres') {
  const r = spawnSync(
    bin('psql'),
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(port()),
      '-U',
      'postgres',
      '-d',
      db,
      '-v',
      'ON_ERROR_STOP=1',
      '-tAc',
      statement,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) fail(`${statement}: ${r.stderr}`);
  return r.stdout.trim();
}

function exists(db) {
  return sql(`SELECT 1 FROM pg_database WHERE datname = '${db}'`) === '1';
}

/** The fixture app's .env: Medusa reads DATABASE_URL from it, as in any Medusa project. */
function writeEnv() {
  const text = `# Written by scripts/pg.mjs: the project's throwaway cluster (not committed).\nDATABASE_URL=${databaseUrl()}\nMEDUSA_DISABLE_TELEMETRY=true\n`;
  const file = join(app, '.env');
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
}

/** What the migrated template depends on: the app's lockfile and its modules' migrations. */
function schemaHash() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      // Relative paths: every worktree of the repository shares one cluster and one hash.
      else if (/migrations|links/.test(path) || name === 'medusa-config.ts')
        hash.update(relative(app, path)).update(readFileSync(path));
    }
  };
  hash.update(readFileSync(join(app, 'package-lock.json')));
  walk(join(app, 'src'));
  hash.update(readFileSync(join(app, 'medusa-config.ts')));
  return hash.digest('hex');
}

/** Runs the app's migrations with Medusa's own CLI once per schema, then keeps a template copy. */
function migrate(force = false) {
  const marker = join(base, 'migrated');
  const hash = schemaHash();
  if (!force && exists(TEMPLATE) && existsSync(marker) && readFileSync(marker, 'utf8') === hash)
    return;
  if (!existsSync(join(app, 'node_modules/.bin/medusa')))
    fail('the fixture app is not installed: run `npm run setup`.');
  sql(`DROP DATABASE IF EXISTS ${TEMPLATE}`);
  sql(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  sql(`CREATE DATABASE ${DATABASE}`);
  dbMigrate(databaseUrl());
  sql(`CREATE DATABASE ${TEMPLATE} TEMPLATE ${DATABASE}`);
  writeFileSync(marker, hash);
}

function dbMigrate(url) {
  const r = spawnSync(join(app, 'node_modules/.bin/medusa'), ['db:migrate'], {
    cwd: app,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, MEDUSA_DISABLE_TELEMETRY: 'true' },
  });
  if (r.status !== 0) fail(`medusa db:migrate failed:\n${r.stdout}\n${r.stderr}`);
}

/** The app's database back to the freshly migrated state (a copy of the template: ~1 s). */
function reset() {
  sql(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  sql(`CREATE DATABASE ${DATABASE} TEMPLATE ${TEMPLATE}`);
}

/** A migrated copy that `fresh` keeps for itself: the shared template is rebuilt (dropped, then
 * migrated for a minute) whenever a checkout with another schema starts the cluster. */
const FRESH_TEMPLATE = 'medusa_app_fresh_template';

/**
 * A database of one's own (a worktree's or a test's), so runs that write never touch the shared
 * `medusa_app`: a copy of a migrated template (the shared one, or fresh's own), else a database
 * migrated here with Medusa's own CLI, then kept as fresh's own template.
 */
function fresh(db) {
  if (!/^[a-z_][a-z0-9_]*$/.test(db ?? '') || [DATABASE, TEMPLATE, FRESH_TEMPLATE].includes(db)) {
    fail(`fresh needs a database name of lowercase letters, digits and _ other than ${DATABASE}.`);
  }
  const marker = join(base, 'fresh-template');
  const hash = schemaHash();
  const own = existsSync(marker) && readFileSync(marker, 'utf8') === hash;
  for (const source of own ? [TEMPLATE, FRESH_TEMPLATE] : [TEMPLATE]) {
    if (copyMigrated(source, db)) return;
  }
  sql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  sql(`CREATE DATABASE ${db}`);
  dbMigrate(databaseUrl(db));
  sql(`DROP DATABASE IF EXISTS ${FRESH_TEMPLATE} WITH (FORCE)`);
  sql(`CREATE DATABASE ${FRESH_TEMPLATE} TEMPLATE ${db}`);
  writeFileSync(marker, hash);
}

/** `db` as a copy of `source`, when that exists, is not in use and holds Medusa's tables. */
function copyMigrated(source, db) {
  sql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  if (!exists(source)) return false;
  const args = ['-h', '127.0.0.1', '-p', String(port()), '-U', 'postgres', '-T', source, db];
  if (spawnSync(bin('createdb'), args).status !== 0) return false;
  return sql("SELECT to_regclass('mikro_orm_migrations') IS NOT NULL", db) === 't';
}

const command = process.argv[2];
if (import.meta.url === `file://${process.argv[1]}`) {
  switch (command) {
    case 'start':
      await start();
      console.log(databaseUrl());
      break;
    case 'stop':
      stop();
      break;
    case 'status':
      console.log(running() ? `running: ${databaseUrl()}` : 'stopped');
      process.exit(running() ? 0 : 3);
      break;
    case 'url':
      console.log(databaseUrl(process.argv[3]));
      break;
    case 'migrate':
      await start();
      migrate(true);
      break;
    case 'reset':
      await start();
      reset();
      break;
    case 'fresh':
      await start({ migrate: false });
      fresh(process.argv[3]);
      console.log(databaseUrl(process.argv[3]));
      break;
    default:
      fail('usage: node scripts/pg.mjs start|stop|status|url [db]|reset|migrate|fresh <db>');
  }
}
