// `medusa-workflows run`: loads a user's workflow file, runs one workflow on the embedded
// engine with the requested forced failures, and reports the outcome (trace, result, exit code).
import { resolve } from 'node:path';
import {
  applyMocks,
  bootMedusaApp,
  buildContainer,
  createEngineLoader,
  defaultCacheDir,
  loadModelCatalog,
  overlay,
  recording,
  withOwnPackageCopies,
  type LoadedWorkflow,
} from '../engine/src/host/index';
import {
  candidatesHint,
  forcedStepCandidates,
  runningStepPath,
  forcedFailureTargets,
  unrunnableReason,
} from '../engine/src/index';
import type { Container } from '../engine/src/index';
import type { EngineEvent, Instrumentation, RunState } from '../engine/src/instrumentation';
import {
  createAutoMockContainer,
  serviceCallEvent,
  type FieldCheck,
} from '../engine/src/mock/index';
import { parseRunArgs, UsageError, type RunArgs } from './args';
import { respondToStep } from '../shared/medusa/stepResponse';
import { readInput } from './input';
import { RunObserver } from './runObserver';
import { formatTraceLine, traceLine } from './trace';
import { USAGE } from './usage';

type Analysis = typeof import('../server/src/analysis/index');

export async function runCommand(argv: string[]): Promise<number> {
  const args = parseRunArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const input = readInput(args.input);
  if (args.container === 'app') return runInApp(args, input);
  const loader = createEngineLoader({ cacheDir: defaultCacheDir() });
  const loaded = loader.load(args.file);
  const workflow = pickWorkflow(args, loaded.workflows);
  checkForcedSteps(args, workflow.id);
  const calls: CallSink = {};
  const container = args.autoMock
    ? createAutoMockContainer({
        onCall: (call) => calls.emit?.(serviceCallEvent(call)),
        models: () => loadModelCatalog(loaded.file, (file) => loader.loadModule(file)),
        run: { workflow: workflow.id, input, checks: stepChecks(loaded.file, workflow.id) },
      })
    : await buildContainer({ mocks: args.mocks }, (file) => loader.loadModule(file));
  if (args.autoMock && args.mocks !== undefined) {
    await applyMocks(container, loader.loadModule(args.mocks), args.mocks);
  }
  return execute(args, workflow, input, container, calls, loaded.workflows);
}

/**
 * The field checks of the workflow's own steps, for the made-up records to pass: read by the
 * analyzer when a made-up value first needs them (core-flows' workflows have none of the user's).
 */
function stepChecks(file: string, workflow: string): () => FieldCheck[] {
  if (/[\\/]node_modules[\\/]/.test(file)) return () => [];
  return () => {
    // The analyzer (and the TypeScript compiler it holds) loads only now.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const analysis = require('../server/src/analysis/index') as Analysis;
    return analysis.stepFieldChecks(file, workflow);
  };
}

/** `--container app`: boots the Medusa app found from the working directory before our loader
 * binds the SDK (the app's own workflows keep Medusa's), then runs on its container. Medusa's
 * logging goes to stderr, so that stdout holds only the result or the trace. */
async function runInApp(args: RunArgs, input: unknown): Promise<number> {
  const file = resolve(args.file);
  // Booting moves to the app's folder: the mocks path is the caller's.
  const mocks = args.mocks === undefined ? undefined : resolve(args.mocks);
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  writeOut = (text) => stdoutWrite(text);
  const app = await bootMedusaApp({
    cwd: process.cwd(),
    allowRemoteDatabase: args.allowRemoteDatabase,
    notice: (line) => process.stderr.write(`medusa-workflows: ${line}\n`),
  });
  const loader = createEngineLoader({ cacheDir: defaultCacheDir() });
  const loaded = withOwnPackageCopies(() => loader.load(file));
  const workflow = pickWorkflow({ ...args, file }, loaded.workflows);
  checkForcedSteps(args, workflow.id);
  // A mocks module replaces single services; every other one is the app's.
  let services = app.container as Container;
  if (mocks !== undefined) {
    services = overlay(services);
    await applyMocks(services, loader.loadModule(mocks), mocks);
  }
  const calls: CallSink = {};
  const container = recording(services, (call) => calls.emit?.(serviceCallEvent(call)));
  return execute(args, workflow, input, container, calls, loaded.workflows);
}

/** stdout of the CLI's own output (the app's logging is moved to stderr in an app run). */
let writeOut = (text: string): boolean => process.stdout.write(text);

/** Where the auto-mocked container's `service.call` events go once the run's trace exists. */
interface CallSink {
  emit?: (event: EngineEvent | undefined) => void;
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

/** A forced failure names a step of the workflow (bare) or of a nested one (by path); anything
 * else is a typo or an ambiguity: say so, with the candidates, before running. */
function checkForcedSteps(args: RunArgs, id: string): void {
  const forced = [
    ...args.fail.map((step) => ['--fail', step] as const),
    ...args.failCompensation.map((step) => ['--fail-compensation', step] as const),
  ];
  if (forced.length === 0) return;
  const paths = forcedFailureTargets(id);
  const steps = `steps of ${id}: ${paths.join(', ')}`;
  for (const [option, step] of forced) {
    const candidates = forcedStepCandidates(paths, step);
    if (!candidates) continue;
    if (candidates.length === 0)
      throw new UsageError(`unknown step '${step}' in ${option}; ${steps}`);
    const hint = candidatesHint(candidates);
    throw new UsageError(`step '${step}' in ${option} is not a step of ${id} itself; ${hint}`);
  }
}

function isPackageFile(path: string | undefined): boolean {
  return path !== undefined && /[\\/]node_modules[\\/]/.test(path);
}

async function execute(
  args: RunArgs,
  workflow: LoadedWorkflow,
  input: unknown,
  container: unknown,
  calls: CallSink,
  workflows: Map<string, LoadedWorkflow>,
): Promise<number> {
  const observer = new RunObserver();
  const write = (text: string) => writeOut(`${text}\n`);
  const instrumentation: Instrumentation = {
    onEvent(event) {
      if (args.trace) write(formatTraceLine(traceLine(event)));
      observer.onEvent(event);
    },
  };
  calls.emit = (event) => {
    if (event) instrumentation.onEvent?.(event);
  };
  const failInvoke = new Set(args.fail);
  const failCompensate = new Set(args.failCompensation);
  if (failInvoke.size + failCompensate.size > 0) {
    instrumentation.shouldFail = (step, action, run) =>
      (action === 'invoke' ? failInvoke : failCompensate).has(runningStepPath(run, step));
  }
  const restoreConsole = args.trace ? consoleToStderr() : () => undefined;
  let outcome;
  try {
    outcome = await workflow.run({ input, container, throwOnError: false, instrumentation });
    await observer.untilAtRest();
    await answerWaitingSteps(args, observer, workflows, container);
  } catch (err) {
    // Medusa's own error is bare here (a TypeError): say why, on the same line.
    const reason = unrunnableReason(workflow.id);
    throw reason ? new Error(`${(err as Error).message}: ${reason}`, { cause: err }) : err;
  } finally {
    restoreConsole();
  }
  const { end } = observer;
  const state = end?.state ?? outcome.transaction.getState();
  const result = end ? end.result : outcome.result;
  if (!end && args.trace) {
    // A run left waiting (async steps) ends no transaction; say where it stopped.
    write(
      formatTraceLine({
        type: 'run.end',
        state,
        result: result ?? null,
        errors: [],
        compensationErrors: [],
      }),
    );
  }
  if (!args.trace) write(JSON.stringify(result ?? null, null, 2) ?? 'null');
  return report(args, workflow.id, state, observer, outcome.errors);
}

/** `--step-success` / `--step-failure`: while the run waits on an async step the next unused
 * answer names, give it (as the app's setStepSuccess / setStepFailure would) and let it go on.
 * An answer the run never needed is said on stderr. */
async function answerWaitingSteps(
  args: RunArgs,
  observer: RunObserver,
  workflows: Map<string, LoadedWorkflow>,
  container: unknown,
): Promise<void> {
  const left = [...args.answers];
  while (!observer.end) {
    const waiting = observer.waitingSteps;
    const at = left.findIndex((a) => waiting.some((w) => w.step === a.step));
    if (at < 0) break;
    const [answer] = left.splice(at, 1);
    // The innermost waiting step of that name (a nested workflow's, before its parent's step).
    const step = waiting.filter((w) => w.step === answer!.step).at(-1)!;
    const owner = workflows.get(step.workflowId);
    if (!owner) throw new Error(`workflow ${step.workflowId} is not loaded`);
    await respondToStep(owner.runner(container), step, answer!, container);
    await observer.untilAtRest();
  }
  for (const a of left) {
    process.stderr.write(
      `medusa-workflows: --step-${a.outcome} ${a.step} was not used: the run did not wait on that step\n`,
    );
  }
}

function report(
  args: RunArgs,
  id: string,
  state: RunState,
  { failures, awaiting }: RunObserver,
  raw: { error: unknown }[],
): number {
  if (state === 'done') return 0;
  const what =
    state === 'reverted' || state === 'failed' ? `ended ${state}` : `stopped while ${state}`;
  const invoke = failures.find((f) => f.action === 'invoke');
  const compensate = failures.find((f) => f.action === 'compensate');
  let why = '';
  // The first invoke failure is the cause; a compensation failure is why the run ended failed.
  const parts = [
    invoke && `step ${invoke.step} failed: ${invoke.message}`,
    compensate && `compensation of step ${compensate.step} failed: ${compensate.message}`,
  ].filter(Boolean);
  if (parts.length > 0) why = `: ${parts.join('; ')}`;
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
