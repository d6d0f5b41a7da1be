// Test helper (mocha, Node): the database of stored executions written by the real Medusa engine
// (scripts/executions-fixture.mjs), its runs, raw rows, and throwaway databases next to it.
// Imported by test/app/executions*.test.ts.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
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

function script(...args: string[]): string {
  return execFileSync(process.execPath, [SCRIPT, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    maxBuffer: 16 * 1024 * 1024,
  }).trim();
}

let fixture: Fixture | undefined;

/** Builds the rows once per schema and workflow change (minutes); later calls are instant. */
export function executionsFixture(): Fixture {
  if (fixture) return fixture;
  const { url, runs } = JSON.parse(script('ensure').split('\n').at(-1)!) as {
    url: string;
    runs: StoredRun[];
  };
  const run = (scenario: string): StoredRun => {
    const found = runs.find((r) => r.scenario === scenario);
    if (!found) throw new Error(`no fixture run ${scenario}`);
    return found;
  };
  fixture = { url, runs, run };
  return fixture;
}

/** A writable copy of the fixture database, named `<fixture>_<suffix>`. */
export function copyOfFixture(suffix: string): { url: string; drop(): void } {
  const name = `${databaseName(executionsFixture().url)}_${suffix}`;
  return { url: script('copy', name), drop: () => script('drop', name) };
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
