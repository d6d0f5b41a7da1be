// Parses `medusa-workflows run ...` arguments into plain options. Misuse throws UsageError,
// which the CLI reports on one line with exit code 2.
import { parseResponse } from '../shared/medusa/stepResponse';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface RunArgs {
  file: string;
  workflow?: string;
  /** Raw `--input` text: JSON, or `@path` of a JSON file. */
  input?: string;
  fail: string[];
  failCompensation: string[];
  mocks?: string;
  trace?: 'jsonl';
  /** Every container key resolves to a recording fake (`--mocks` still overrides single keys). */
  autoMock?: boolean;
  /** `--container app`: the Medusa app's own container (found from the working directory). */
  container?: 'app';
  /** Let `--container app` write to a database whose host is not local. */
  allowRemoteDatabase?: boolean;
  /** `--step-success` / `--step-failure`: answers for async steps the run waits on, in order. */
  answers: StepAnswerArg[];
  verbose: boolean;
  help: boolean;
}

export interface StepAnswerArg {
  step: string;
  outcome: 'success' | 'failure';
  response?: unknown;
}

const VALUE_OPTIONS = [
  '--workflow',
  '--input',
  '--fail',
  '--fail-compensation',
  '--mocks',
  '--trace',
  '--container',
  '--step-success',
  '--step-failure',
];
const FLAG_OPTIONS = ['--verbose', '--auto-mock', '--allow-remote-database', '--help', '-h'];

export function parseRunArgs(argv: readonly string[]): RunArgs {
  const args: RunArgs = {
    file: '',
    fail: [],
    failCompensation: [],
    answers: [],
    verbose: false,
    help: false,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (FLAG_OPTIONS.includes(name)) {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      if (name === '--verbose') args.verbose = true;
      else if (name === '--auto-mock') args.autoMock = true;
      else if (name === '--allow-remote-database') args.allowRemoteDatabase = true;
      else args.help = true;
      continue;
    }
    if (!VALUE_OPTIONS.includes(name)) throw new UsageError(`unknown option ${name}`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    apply(args, name, value);
  }
  if (args.help) return args;
  if (args.container === 'app' && args.autoMock) {
    throw new UsageError(
      "--container app uses the app's services: drop --auto-mock (--mocks overrides single ones)",
    );
  }
  if (positional.length === 0)
    throw new UsageError('run needs a workflow file: run <file> --workflow <id>');
  if (positional.length > 1) throw new UsageError(`unexpected argument ${positional[1]}`);
  args.file = positional[0]!;
  return args;
}

function apply(args: RunArgs, name: string, value: string): void {
  switch (name) {
    case '--workflow':
      once(args.workflow, name);
      args.workflow = value;
      return;
    case '--input':
      once(args.input, name);
      args.input = value;
      return;
    case '--mocks':
      once(args.mocks, name);
      args.mocks = value;
      return;
    case '--container':
      if (value !== 'app')
        throw new UsageError(`unsupported --container '${value}' (expected app)`);
      args.container = 'app';
      return;
    case '--trace':
      if (value !== 'jsonl')
        throw new UsageError(`unsupported --trace format '${value}' (expected jsonl)`);
      args.trace = 'jsonl';
      return;
    case '--fail':
      args.fail.push(...stepList(name, value));
      return;
    case '--fail-compensation':
      args.failCompensation.push(...stepList(name, value));
      return;
    case '--step-success':
    case '--step-failure':
      args.answers.push(stepAnswer(name, value));
  }
}

/** `<step>` or `<step>=<response>`: JSON for a success, a message or JSON error for a failure. */
function stepAnswer(name: string, value: string): StepAnswerArg {
  const eq = value.indexOf('=');
  const step = (eq < 0 ? value : value.slice(0, eq)).trim();
  const outcome = name === '--step-success' ? 'success' : 'failure';
  if (step === '') throw new UsageError(`${name} expects <step> or <step>=<response>`);
  const parsed = parseResponse(eq < 0 ? '' : value.slice(eq + 1), outcome);
  if ('error' in parsed) {
    throw new UsageError(
      outcome === 'success'
        ? `${name} ${step}: ${parsed.error}`
        : `${name} needs the error: ${step}=<message or JSON error>`,
    );
  }
  return { step, outcome, response: parsed.response };
}

function once(previous: string | undefined, name: string): void {
  if (previous !== undefined) throw new UsageError(`${name} given more than once`);
}

function stepList(name: string, value: string): string[] {
  const steps = value.split(',').map((s) => s.trim());
  if (steps.some((s) => s === ''))
    throw new UsageError(`${name} expects step names separated by commas`);
  return steps;
}
