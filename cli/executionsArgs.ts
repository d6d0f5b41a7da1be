// Parses `medusa-workflows executions <list|show|...> ...` arguments into plain options. Misuse
// throws UsageError (one line, exit 2). Imported by executionsCommand.ts.
import type { ExecutionState } from '../engine/src/executions/record';
import { UsageError } from './args';

export interface ExecutionsArgs {
  command: string;
  /** `show <id>`, `replay <id>`: the positional arguments after the command. */
  positional: string[];
  databaseUrl?: string;
  app?: string;
  workflow?: string;
  state?: ExecutionState[];
  /** ISO timestamps. */
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
  json: boolean;
  help: boolean;
  /** Options this parser does not know (each with the value after it, if any), for
   * subcommands that add their own (replay); list and show refuse them. */
  rest: string[];
}

const STATES: readonly ExecutionState[] = [
  'not_started',
  'invoking',
  'waiting_to_compensate',
  'compensating',
  'done',
  'reverted',
  'failed',
];
const VALUE_OPTIONS = new Set([
  '--database-url',
  '--app',
  '--workflow',
  '--state',
  '--since',
  '--until',
  '--limit',
  '--offset',
]);

export function parseExecutionsArgs(argv: readonly string[], now = Date.now()): ExecutionsArgs {
  const args: ExecutionsArgs = { command: '', positional: [], json: false, help: false, rest: [] };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--json' || name === '--help' || name === '-h' || name === '--verbose') {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      if (name === '--json') args.json = true;
      else if (name !== '--verbose') args.help = true;
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) {
      // A subcommand's own option, with its value when one follows (`--stop-at step`).
      args.rest.push(arg);
      if (eq < 0 && i + 1 < argv.length && !argv[i + 1]!.startsWith('-'))
        args.rest.push(argv[++i]!);
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    apply(args, name, value, now);
  }
  args.command = positional[0] ?? '';
  args.positional = positional.slice(1);
  if (args.databaseUrl !== undefined && args.app !== undefined) {
    throw new UsageError('give --database-url or --app, not both');
  }
  return args;
}

function apply(args: ExecutionsArgs, name: string, value: string, now: number): void {
  const key = name.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  if ((args as unknown as Record<string, unknown>)[key] !== undefined) {
    throw new UsageError(`${name} given more than once`);
  }
  switch (name) {
    case '--database-url':
      args.databaseUrl = value;
      return;
    case '--app':
      args.app = value;
      return;
    case '--workflow':
      args.workflow = value;
      return;
    case '--state':
      args.state = value.split(',').map((s) => state(s.trim()));
      return;
    case '--since':
      args.since = time(name, value, now);
      return;
    case '--until':
      args.until = time(name, value, now);
      return;
    case '--limit':
      args.limit = count(name, value, 1);
      return;
    case '--offset':
      args.offset = count(name, value, 0);
      return;
  }
}

function state(value: string): ExecutionState {
  if (!(STATES as readonly string[]).includes(value)) {
    throw new UsageError(`unknown --state '${value}' (expected ${STATES.join(', ')})`);
  }
  return value as ExecutionState;
}

const AGO = /^(\d+)(m|h|d)$/;
const UNIT_MS = { m: 60000, h: 3600000, d: 86400000 } as const;

/** An ISO date/time, or a duration before now: `30m`, `6h`, `2d`. */
function time(name: string, value: string, now: number): string {
  const ago = AGO.exec(value);
  if (ago) return new Date(now - Number(ago[1]) * UNIT_MS[ago[2] as 'm' | 'h' | 'd']).toISOString();
  const parsed = Date.parse(value);
  if (!/^\d{4}-\d\d-\d\d/.test(value) || Number.isNaN(parsed)) {
    throw new UsageError(`${name} expects an ISO date/time or a duration like 30m, 6h, 2d`);
  }
  return new Date(parsed).toISOString();
}

function count(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min) {
    throw new UsageError(`${name} expects a whole number${min > 0 ? ' above 0' : ''}`);
  }
  return n;
}
