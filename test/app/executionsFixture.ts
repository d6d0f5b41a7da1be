// Test helper (mocha, Node): the database of stored executions written by the real Medusa engine
// (scripts/executions-fixture.mjs), its runs, raw rows, and throwaway databases next to it.
// Imported by test/app/executions*.test.ts, test/debug-adapter/ and test/e2e/executions*.test.ts.
// Asynchronous: in the e2e extension host a synchronous child would block it for minutes.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { ROOT } from './fixtureApp';

const SCRIPT = join(ROOT, 'scripts', 'executions-fixture.mjs');

export interface StoredRun {
  scenario: string;
  workflowId: string;
  transactionId: string;
  state: string;
}

export interface Fixture {
  url: string;
  runs: StoredRun[];
  /** The run of a scenario of src/scripts/stored-executions.ts. */
  run(scenario: string): StoredRun;
}

async function script(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, ...args], {
    encoding: 'utf8',
    // Node itself, also from an Electron extension host (e2e under desktop VS Code).
    env: { ...process.env, NODE_OPTIONS: '', ELECTRON_RUN_AS_NODE: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim();
}

let fixture: Promise<Fixture> | undefined;

async function build(): Promise<Fixture> {
  const { url, runs } = JSON.parse((await script('ensure')).split('\n').at(-1)!) as {
    url: string;
    runs: StoredRun[];
  };
  const run = (scenario: string): StoredRun => {
    const found = runs.find((r) => r.scenario === scenario);
    if (!found) throw new Error(`no fixture run ${scenario}`);
    return found;
  };
  return { url, runs, run };
}

/** Builds the rows once per schema and workflow change (minutes); later calls are instant. */
export function executionsFixture(): Promise<Fixture> {
  // A failed build is not remembered: the next suite tries again and reports its own error.
  fixture ??= build().catch((error: unknown) => {
    fixture = undefined;
    throw error;
  });
  return fixture;
}

/** A writable copy of the fixture database, named `<fixture>_<suffix>`. */
export async function copyOfFixture(
  suffix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${databaseName((await executionsFixture()).url)}_${suffix}`;
  const url = await script('copy', name);
  return { url, drop: async () => void (await script('drop', name)) };
}

export function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

/** A URL to another database of the same cluster. */
export function withDatabase(url: string, name: string): string {
  const other = new URL(url);
  other.pathname = `/${name}`;
  return other.toString();
}

export async function sql<T extends object>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T & Record<string, unknown>>(text, params)).rows;
  } finally {
    await client.end();
  }
}
