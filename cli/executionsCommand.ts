// `medusa-workflows executions list|show`: stored workflow executions read (read-only) from a
// Medusa app's database. Subcommands are a table: the replay run registers `replay` here.
// Imported by main.ts.
import { resolve } from 'node:path';
import {
  findAppDatabaseUrl,
  openExecutionStore,
  redactDatabaseUrl,
  type ExecutionStore,
} from '../engine/src/executions/reader';
import { UsageError } from './args';
import { parseExecutionsArgs, type ExecutionsArgs } from './executionsArgs';
import { formatList, formatRecord } from './executionsFormat';
import { USAGE } from './usage';

type Subcommand = (args: ExecutionsArgs, store: ExecutionStore) => Promise<number>;

/** `executions <name>`: `replay` (issue 12's replay run) is added to this table by its module. */
export const executionsSubcommands = new Map<string, Subcommand>([
  ['list', listCommand],
  ['show', showCommand],
]);

export async function executionsCommand(argv: string[]): Promise<number> {
  const args = parseExecutionsArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const sub = executionsSubcommands.get(args.command);
  if (!sub) {
    const known = [...executionsSubcommands.keys()].join(', ');
    throw new UsageError(
      args.command === ''
        ? `executions needs a command: ${known}`
        : `unknown executions command '${args.command}' (expected ${known})`,
    );
  }
  const store = openExecutionStore(databaseUrl(args));
  try {
    return await sub(args, store);
  } finally {
    await store.close();
  }
}

/** --database-url, else the DATABASE_URL of --app (default: the working directory). */
export function databaseUrl(args: ExecutionsArgs): string {
  if (args.databaseUrl !== undefined) return args.databaseUrl;
  const app = resolve(args.app ?? '.');
  const url = findAppDatabaseUrl(app);
  if (url === undefined) {
    throw new UsageError(
      `no DATABASE_URL in the environment or in ${app}/.env: pass --database-url or --app <dir>`,
    );
  }
  return url;
}

async function listCommand(args: ExecutionsArgs, store: ExecutionStore): Promise<number> {
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  refuseRest(args);
  const offset = args.offset ?? 0;
  const { items, hasMore } = await store.list({
    workflowId: args.workflow,
    state: args.state,
    since: args.since,
    until: args.until,
    limit: args.limit ?? 20,
    offset,
  });
  if (args.json) {
    process.stdout.write(items.map((i) => `${JSON.stringify(i)}\n`).join(''));
  } else {
    process.stdout.write(formatList(items));
  }
  if (hasMore) {
    process.stderr.write(`medusa-workflows: more executions: --offset ${offset + items.length}\n`);
  }
  return 0;
}

async function showCommand(args: ExecutionsArgs, store: ExecutionStore): Promise<number> {
  if (args.positional.length !== 1) {
    throw new UsageError('show needs one execution id (wf_exec_...) or transaction id');
  }
  refuseRest(args);
  const id = args.positional[0]!;
  const record = await store.get(id);
  if (!record) {
    process.stderr.write(
      `medusa-workflows: no execution ${id} in ${redactDatabaseUrl(databaseUrl(args))}\n`,
    );
    return 1;
  }
  process.stdout.write(args.json ? `${JSON.stringify(record, null, 2)}\n` : formatRecord(record));
  return 0;
}

function refuseRest(args: ExecutionsArgs): void {
  if (args.rest.length > 0) throw new UsageError(`unknown option ${args.rest[0]}`);
}
