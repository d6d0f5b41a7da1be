// Test helper (mocha, Node): the fixture Medusa app (examples/medusa-app) and its Postgres cluster
// (scripts/pg.mjs): databases of a suite's own (fresh copies of the migrated one, never the shared
// `medusa_app`), rows read back with `pg`. Imported by test/app/*.test.ts and test/debug-adapter/.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

export const ROOT = resolve(__dirname, '../../..');
export const APP = join(ROOT, 'examples', 'medusa-app');
export const APP_WORKFLOWS = join(APP, 'src', 'workflows');
const PG = join(ROOT, 'scripts', 'pg.mjs');

// Node itself, also from an Electron extension host (e2e under desktop VS Code).
const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };

function pg(...args: string[]): string {
  return execFileSync(process.execPath, [PG, ...args], { encoding: 'utf8', env }).trim();
}

/** A database of the caller's own, a fresh copy of the migrated one; returns its URL. Not
 * synchronous: the first call migrates (minutes), and the e2e extension host must not block. */
export async function freshDatabase(name: string): Promise<string> {
  if (!existsSync(join(APP, 'node_modules', '.bin', 'medusa'))) {
    throw new Error('The fixture app is not installed: run `npm run setup` first.');
  }
  const { stdout } = await promisify(execFile)(process.execPath, [PG, 'fresh', name], {
    encoding: 'utf8',
    env,
  });
  return stdout.trim();
}

/** The URL of database `db` on the project's cluster (which need not exist). */
export function databaseUrl(db: string): string {
  return pg('url', db);
}

/** Rows of one query on the database at `url`. */
export async function query<T extends object>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T & Record<string, unknown>>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export interface BrandRow {
  id: string;
  name: string;
  handle: string;
  deleted_at: Date | null;
}

export function brandsNamed(url: string, name: string): Promise<BrandRow[]> {
  return query<BrandRow>(url, 'SELECT id, name, handle, deleted_at FROM brand WHERE name = $1', [
    name,
  ]);
}

/** A throwaway app folder inside the fixture (so it finds the fixture's node_modules). */
export function brokenApp(config: string): { dir: string; remove(): void } {
  const dir = join(APP, '.medusa', `test-app-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'medusa-config.js'), config);
  writeFileSync(join(dir, 'package.json'), '{ "name": "broken-app", "private": true }\n');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
