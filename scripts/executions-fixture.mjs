// Test and bench helper (Node): a database of stored workflow executions written by the real
// Medusa engine. It creates and migrates its own database in the project's cluster
// (scripts/pg.mjs fresh), then runs the fixture app's stored workflows there with Medusa's own CLI
// (`medusa exec src/scripts/stored-executions.ts`, one boot for every run). Kept between runs
// while the app's schema and those workflows do not change. Used by test/app/executionsFixture.ts
// and bench/executions.mjs.
// Usage: node scripts/executions-fixture.mjs ensure | copy <name> | drop <name> | live <redis url>
//        | live-approval <redis url> <name>
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'examples/medusa-app');
const medusa = join(app, 'node_modules/.bin/medusa');
/** One per checkout: worktrees of the same repository share the cluster. */
export const FIXTURE_DATABASE = `medusa_executions_${createHash('sha256').update(root).digest('hex').slice(0, 8)}`;

function fail(message) {
  console.error(`executions-fixture: ${message}`);
  process.exit(1);
}

function pgScript(...args) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/pg.mjs'), ...args], {
    encoding: 'utf8',
  });
  if (r.status !== 0) fail(`node scripts/pg.mjs ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout.trim();
}

export function urlOf(name) {
  return pgScript('url', name);
}

async function admin(fn) {
  const client = new pg.Client({ connectionString: urlOf('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** What the rows depend on: the app's packages and schema, the stored workflows and the script. */
function fixtureHash() {
  const hash = createHash('sha256');
  const add = (path) => hash.update(path).update(readFileSync(path));
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/migrations|links|workflows[\\/]stored|stored-executions/.test(path)) add(path);
    }
  };
  add(join(app, 'package-lock.json'));
  add(join(app, 'medusa-config.ts'));
  walk(join(app, 'src'));
  return hash.digest('hex');
}

function medusaCli(args, databaseUrl, env = {}, cwd = app) {
  const r = spawnSync(medusa, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: databaseUrl,
      MEDUSA_DISABLE_TELEMETRY: 'true',
      ...env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) fail(`medusa ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The runs a `stored-executions.ts` exec printed. */
export function storedRuns(stdout) {
  const line = stdout.split('\n').find((l) => l.startsWith('STORED_EXECUTIONS '));
  if (!line) fail(`the script printed no STORED_EXECUTIONS line:\n${stdout}`);
  return JSON.parse(line.slice('STORED_EXECUTIONS '.length)).runs;
}

/** A migrated database of its own: a copy of pg.mjs's template, or `medusa db:migrate` there. */
export function createMigrated(name) {
  pgScript('fresh', name);
}

/** The fixture database with its rows: `{ url, runs }`, built only when its inputs changed. */
export async function ensureFixture() {
  if (!existsSync(medusa)) fail('the fixture app is not installed: run `npm run setup`.');
  // Only when it is down: `start` also re-migrates the shared fixture database when this
  // checkout's app schema differs, which must not happen under another checkout's tests.
  if (spawnSync(process.execPath, [join(root, 'scripts/pg.mjs'), 'status']).status !== 0) {
    pgScript('start');
  }
  const hash = fixtureHash();
  const comment = await admin(async (c) => {
    const r = await c.query(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [FIXTURE_DATABASE],
    );
    return r.rows[0]?.comment;
  });
  const url = urlOf(FIXTURE_DATABASE);
  if (comment) {
    const stored = JSON.parse(comment);
    if (stored.hash === hash) return { url, runs: stored.runs };
  }
  createMigrated(FIXTURE_DATABASE);
  const runs = storedRuns(medusaCli(['exec', './src/scripts/stored-executions.ts', 'all'], url));
  const text = JSON.stringify({ hash, runs }).replace(/'/g, "''");
  await admin((c) => c.query(`COMMENT ON DATABASE ${FIXTURE_DATABASE} IS '${text}'`));
  return { url, runs };
}

/** A copy of the fixture database that a test or the bench may write to. */
export async function copyFixture(name) {
  await ensureFixture();
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${FIXTURE_DATABASE}`);
  });
  return urlOf(name);
}

/**
 * The same stored workflows on @medusajs/workflow-engine-redis (which publishes the events of
 * workflows with async steps on `orchestrator:<id>`), in a copy of the fixture database. The app
 * is the fixture's code under a medusa-config of its own in a temporary folder: the fixture's
 * medusa-config.ts stays as it is (scripts/pg.mjs keys the shared app database on it).
 */
export async function runLive(redisUrl) {
  const url = await copyFixture(`${FIXTURE_DATABASE}_live`);
  const script = join(app, 'src/scripts/stored-executions.ts');
  const stdout = onRedisApp((dir) =>
    medusaCli(['exec', script, 'all'], url, { EXECUTIONS_REDIS_URL: redisUrl }, dir),
  );
  return { url, runs: storedRuns(stdout) };
}

/**
 * One run of stored-approval on workflow-engine-redis in the database `name` (a copy of the
 * fixture's, made by the caller): it waits between its start and its approval until the file
 * EXECUTIONS_APPROVE_WHEN names exists (src/scripts/live-approval.ts).
 */
export function runLiveApproval(redisUrl, name) {
  const script = join(app, 'src/scripts/live-approval.ts');
  const stdout = onRedisApp((dir) =>
    medusaCli(['exec', script], urlOf(name), { EXECUTIONS_REDIS_URL: redisUrl }, dir),
  );
  const line = stdout.split('\n').find((l) => l.startsWith('LIVE_APPROVAL '));
  if (!line) fail(`the script printed no LIVE_APPROVAL line:\n${stdout}`);
  return JSON.parse(line.slice('LIVE_APPROVAL '.length));
}

function onRedisApp(run) {
  const dir = mkdtempSync(join(tmpdir(), 'medusa-redis-app-'));
  try {
    symlinkSync(join(app, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const { dependencies } = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'medusa-redis-app', private: true, dependencies }),
    );
    writeFileSync(join(dir, 'medusa-config.js'), REDIS_CONFIG);
    // Its `ts-node: { swc: true }`: the fixture's TypeScript is transpiled, not type-checked.
    writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(app, 'tsconfig.json')));
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const REDIS_CONFIG = `const { defineConfig } = require('@medusajs/framework/utils');
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { jwtSecret: 'supersecret', cookieSecret: 'supersecret' },
  },
  admin: { disable: true },
  modules: [
    {
      resolve: '@medusajs/medusa/workflow-engine-redis',
      options: { redis: { redisUrl: process.env.EXECUTIONS_REDIS_URL } },
    },
  ],
});
`;

export async function dropDatabase(name) {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, name] = process.argv.slice(2);
  const valid = /^[a-z_][a-z0-9_]*$/.test(name ?? '');
  if (command === 'ensure') console.log(JSON.stringify(await ensureFixture()));
  else if (command === 'copy' && valid) console.log(await copyFixture(name));
  else if (command === 'drop' && valid) await dropDatabase(name);
  else if (command === 'live' && /^rediss?:\/\//.test(name ?? '')) {
    console.log(JSON.stringify(await runLive(name)));
  } else if (
    command === 'live-approval' &&
    /^rediss?:\/\//.test(name ?? '') &&
    /^[a-z_][a-z0-9_]*$/.test(process.argv[4] ?? '')
  ) {
    console.log(JSON.stringify(runLiveApproval(name, process.argv[4])));
  } else
    fail(
      'usage: node scripts/executions-fixture.mjs ensure|copy <name>|drop <name>|live <redis url>|live-approval <redis url> <name>',
    );
}
