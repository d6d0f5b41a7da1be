// Parses `medusa-workflows executions replay ...` arguments. Misuse throws UsageError (exit 2).
import { UsageError } from './args';

export interface ReplayArgs {
  /** `wf_exec_...` or a transaction id; optional with --record. */
  id?: string;
  /** A saved ExecutionRecord (JSON) instead of the database. */
  record?: string;
  databaseUrl?: string;
  /** The Medusa app folder: its .env's DATABASE_URL, and where the workflow's code is. */
  app?: string;
  /** The workflow's file, when the record's source path is not on this machine. */
  file?: string;
  mocks?: string;
  rerunCompensations: boolean;
  help: boolean;
}

const VALUES: Record<string, keyof ReplayArgs> = {
  '--record': 'record',
  '--database-url': 'databaseUrl',
  '--app': 'app',
  '--file': 'file',
  '--mocks': 'mocks',
};

export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  const args: ReplayArgs = { rerunCompensations: false, help: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--help' || name === '-h') args.help = true;
    else if (name === '--rerun-compensations') args.rerunCompensations = true;
    else if (name === '--verbose') continue;
    else {
      const key = VALUES[name];
      if (!key) throw new UsageError(`unknown option ${name}`);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || value.startsWith('--'))
        throw new UsageError(`${name} needs a value`);
      if (args[key] !== undefined) throw new UsageError(`${name} given more than once`);
      (args as unknown as Record<string, string>)[key] = value;
    }
  }
  if (args.help) return args;
  if (positional.length > 1) throw new UsageError(`unexpected argument ${positional[1]}`);
  args.id = positional[0];
  if (args.record !== undefined && args.databaseUrl !== undefined)
    throw new UsageError('give either --record or --database-url, not both');
  if (args.record === undefined && args.id === undefined)
    throw new UsageError('replay needs an execution id (or --record <file.json>)');
  if (args.rerunCompensations && args.mocks === undefined)
    throw new UsageError(
      '--rerun-compensations runs the compensations: give them a container with --mocks <module>',
    );
  return args;
}
