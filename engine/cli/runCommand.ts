// `medusa-workflows run`: loads a user's workflow file, runs one workflow on the embedded
// engine with the requested forced failures, and reports the outcome (trace, result, exit code).
import { buildContainer } from '../src/host/container';
import { createEngineLoader, type LoadedWorkflow } from '../src/host/engineLoader';
import { defaultCacheDir } from '../src/host/transpile';
import type { EngineEvent, Instrumentation, RunState } from '../src/instrumentation';
import { parseRunArgs, UsageError, type RunArgs } from './args';
import { readInput } from './input';
import { formatTraceLine, traceLine } from './trace';
import { USAGE } from './usage';

type RunEnd = Extract<EngineEvent, { type: 'run.end' }>;

export async function runCommand(argv: string[]): Promise<number> {
  const args = parseRunArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const input = readInput(args.input);
  const loader = createEngineLoader({ cacheDir: defaultCacheDir() });
  const loaded = loader.load(args.file);
  const workflow = pickWorkflow(args, loaded.workflows);
  const container = await buildContainer({ mocks: args.mocks }, (file) => loader.loadModule(file));
  return execute(args, workflow, input, container);
}

function pickWorkflow(args: RunArgs, workflows: Map<string, LoadedWorkflow>): LoadedWorkflow {
  // Workflows of packages the file imports (core-flows...) can be run by id but are not listed.
  const own = [...workflows.values()].filter((w) => !isPackageFile(w.sourcePath)).map((w) => w.id);
  const others = workflows.size - own.length;
  const known = `${own.join(', ') || 'none'}${others > 0 ? ` (and ${others} from packages)` : ''}`;
  if (args.workflow === undefined) {
    if (own.length === 1) return workflows.get(own[0]!)!;
    if (workflows.size === 0) throw new UsageError(`no workflow is defined in ${args.file}`);
    throw new UsageError(`pick a workflow of ${args.file} with --workflow: ${known}`);
  }
  const workflow = workflows.get(args.workflow);
  if (!workflow) {
    throw new UsageError(`unknown workflow '${args.workflow}' in ${args.file}; known: ${known}`);
  }
  return workflow;
}

function isPackageFile(path: string | undefined): boolean {
  return path !== undefined && /[\\/]node_modules[\\/]/.test(path);
}

async function execute(
  args: RunArgs,
  workflow: LoadedWorkflow,
  input: unknown,
  container: unknown,
): Promise<number> {
  let end: RunEnd | undefined;
  const failures: Failure[] = [];
  const awaiting: string[] = [];
  const write = (text: string) => process.stdout.write(`${text}\n`);
  const instrumentation: Instrumentation = {
    onEvent(event) {
      if (event.type === 'run.end' && event.run.parents.length === 0) end = event;
      if (event.type === 'step.awaiting') awaiting.push(event.step);
      if (event.type === 'step.failure' && !event.willRetry) {
        const message = event.error.message.split('\n')[0] ?? '';
        failures.push({ step: event.step, action: event.action, message });
      }
      if (args.trace) write(formatTraceLine(traceLine(event)));
    },
  };
  const failInvoke = new Set(args.fail);
  const failCompensate = new Set(args.failCompensation);
  if (failInvoke.size + failCompensate.size > 0) {
    instrumentation.shouldFail = (step, action) =>
      (action === 'invoke' ? failInvoke : failCompensate).has(step);
  }
  const restoreConsole = args.trace ? consoleToStderr() : () => undefined;
  let outcome;
  try {
    outcome = await workflow.run({ input, container, throwOnError: false, instrumentation });
  } finally {
    restoreConsole();
  }
  const state = end?.state ?? outcome.transaction.getState();
  if (!end && args.trace) {
    // A run left waiting (async steps) ends no transaction; say where it stopped.
    write(formatTraceLine({ type: 'run.end', state, result: outcome.result ?? null, errors: [] }));
  }
  if (!args.trace) write(JSON.stringify(outcome.result ?? null, null, 2) ?? 'null');
  return report(args, workflow.id, state, failures, awaiting, outcome.errors);
}

interface Failure {
  step: string;
  action: 'invoke' | 'compensate';
  message: string;
}

function report(
  args: RunArgs,
  id: string,
  state: RunState,
  failures: Failure[],
  awaiting: string[],
  raw: { error: unknown }[],
): number {
  if (state === 'done') return 0;
  const what =
    state === 'reverted' || state === 'failed' ? `ended ${state}` : `stopped while ${state}`;
  const invoke = failures.find((f) => f.action === 'invoke');
  const compensate = failures.find((f) => f.action === 'compensate');
  let why = '';
  if (compensate) why = `: compensation of step ${compensate.step} failed: ${compensate.message}`;
  else if (invoke) why = `: step ${invoke.step} failed: ${invoke.message}`;
  else if (awaiting.length > 0) why = `, waiting for async step ${awaiting.join(', ')}`;
  if (
    args.mocks === undefined &&
    /^Could not resolve/.test((compensate ?? invoke)?.message ?? '')
  ) {
    why += ' (register services with --mocks <module>)';
  }
  process.stderr.write(`medusa-workflows: workflow ${id} ${what}${why}\n`);
  if (args.verbose) {
    for (const { error } of raw) {
      const stack = (error as { stack?: unknown } | undefined)?.stack;
      if (typeof stack === 'string') process.stderr.write(`${stack}\n`);
    }
  }
  return 1;
}

/** With `--trace jsonl` stdout carries only trace lines: user logging goes to stderr. */
function consoleToStderr(): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = (...data: unknown[]) => console.error(...data);
  return () => Object.assign(console, saved);
}
