// The `medusa-workflows` CLI (dist/cliMain.js, loaded by cli/bin.ts: nothing imports this file).
// Dispatches to `run` (the engine on a user's file), the analyzer's `graph` and `check`, and
// `executions` (stored executions of a Medusa app's database).
import { UsageError } from './args';
import { runCommand } from './runCommand';
import { USAGE } from './usage';

// The analyzer (and the TypeScript compiler it holds) loads only for graph and check.
const commands: Record<string, (argv: string[]) => Promise<number>> = {
  run: runCommand,
  graph: async (argv) => (await import('./analyzeCommands')).graphCommand(argv),
  check: async (argv) => (await import('./analyzeCommands')).checkCommand(argv),
  // `executions replay` reads its own arguments (a record file needs no database).
  executions: async (argv) =>
    argv[0] === 'replay'
      ? (await import('./replayCommand')).replayCommand(argv.slice(1))
      : (await import('./executionsCommand')).executionsCommand(argv),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const command = commands[name];
  if (!command)
    throw new UsageError(`unknown command '${name}' (expected run, graph, check or executions)`);
  return command(rest);
}

function fail(error: unknown): number {
  const verbose = process.argv.includes('--verbose');
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`medusa-workflows: ${message.split('\n')[0]}\n`);
  if (verbose && error instanceof Error) {
    // A load error wraps what the user's code threw; that stack is the useful one.
    const cause = error.cause instanceof Error ? error.cause : error;
    if (cause.stack) process.stderr.write(`${cause.stack}\n`);
  }
  return 2;
}

async function exit(code: number): Promise<never> {
  // Let piped stdout drain before leaving; a step may have left timers running.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

// User code can throw outside any step (e.g. a `when` without `.then` throws on the next tick).
// Leave at once: the run must not go on printing after such an error.
process.on('uncaughtException', (error) => process.exit(fail(error)));
process.on('unhandledRejection', (error) => process.exit(fail(error)));
main(process.argv.slice(2)).then(exit, (error: unknown) => exit(fail(error)));
