// Replays a stored execution on the embedded engine: the workflow's code runs with the recorded
// payload, but each step answers from the record (output, compensate input, error) instead of
// running its handler. Inputs, transforms and `when` conditions are recomputed by the engine.
// Used by the CLI (`executions replay`) and the debug adapter's runner.
import { getDefinition, type StepImpl, type WorkflowDefinition } from '../runtime/definition';
import { StepResponse } from '../responses';
import type { Instrumentation } from '../instrumentation';
import type { RunOptions, RunResult } from '../runtime/runner';
import type { Transaction } from '../runtime/transaction';
import { matchRecord, type ReplayMismatch } from './match';
import type { ExecutionRecord, RecordedError, RecordedStep } from './record';

export type { ReplayMismatch } from './match';

export interface ReplayOptions {
  /** Run the compensations' code (against the run's container) instead of reporting the record. */
  rerunCompensations?: boolean;
  /** Each mismatch as soon as it is known (before the run for the static ones). */
  onMismatch?: (mismatch: ReplayMismatch) => void;
}

export interface ReplayOutcome {
  /** The engine's result; absent when the replay stopped where the record ends. */
  outcome?: RunResult;
  /** Set when the run reached a step the record cannot answer for (the replay stops there). */
  stoppedAt?: ReplayMismatch;
  mismatches: ReplayMismatch[];
}

export interface Replayable {
  run(options: RunOptions): Promise<unknown>;
}

/** Runs `workflow` (the code of `record.workflowId`) as the record says it went. */
export async function replayExecution(
  workflow: Replayable,
  record: ExecutionRecord,
  run: { instrumentation?: Instrumentation; container?: unknown },
  options: ReplayOptions = {},
): Promise<ReplayOutcome> {
  const def = getDefinition(record.workflowId);
  if (!def) throw new Error(`Workflow "${record.workflowId}" is not defined by the loaded code.`);
  const { byCodeName, mismatches: found } = matchRecord(def.plan, record.steps);
  const mismatches: ReplayMismatch[] = [];
  const report = (m: ReplayMismatch): void => {
    mismatches.push(m);
    options.onMismatch?.(m);
  };
  found.forEach(report);
  let stop!: (m: ReplayMismatch) => void;
  const stopped = new Promise<ReplayMismatch>((resolve) => (stop = resolve));
  const recordEnds = (step: string, message: string): Promise<never> => {
    const m: ReplayMismatch = { kind: 'record-ends', step, message };
    report(m);
    stop(m);
    return new Promise<never>(() => undefined);
  };
  const restore = substitute(def, byCodeName, options, recordEnds);
  try {
    const running = workflow.run({
      input: record.payload,
      context: { transactionId: record.transactionId },
      throwOnError: false,
      ...run,
    });
    const first = await Promise.race([running.then((r) => ({ done: r as RunResult })), stopped]);
    if (!('done' in first)) return { stoppedAt: first, mismatches };
    compareStates(first.done.transaction, byCodeName).forEach(report);
    return { outcome: first.done, mismatches };
  } finally {
    restore();
  }
}

type RecordEnds = (step: string, message: string) => Promise<never>;

/** Swaps the definition's handlers for the record's answers; returns the undo. */
function substitute(
  def: WorkflowDefinition,
  byCodeName: Map<string, RecordedStep>,
  options: ReplayOptions,
  recordEnds: RecordEnds,
): () => void {
  const saved = new Map(def.handlers);
  for (const [name, impl] of saved) {
    const rec = byCodeName.get(name);
    const replayed: StepImpl = { ...impl, invoke: () => invokeAnswer(name, rec, recordEnds) };
    if (impl.compensate && !options.rerunCompensations) {
      replayed.compensate = () => compensateAnswer(name, rec, recordEnds);
    }
    def.handlers.set(name, replayed);
  }
  return () => {
    def.handlers.clear();
    for (const [name, impl] of saved) def.handlers.set(name, impl);
  };
}

function invokeAnswer(name: string, rec: RecordedStep | undefined, ends: RecordEnds): unknown {
  if (!rec) return ends(name, `The record has no step "${name}": the replay stops here.`);
  switch (rec.invoke.state) {
    case 'done':
      return new StepResponse(rec.output, rec.compensateInput);
    case 'failed':
    case 'timeout':
      throw rebuildError(rec.invokeError, `Step "${name}" failed (no error recorded).`);
    case 'skipped':
    case 'skipped_failure':
      return StepResponse.skip();
    default:
      return ends(
        name,
        `The record ends before step "${name}" finished (invoke ${rec.invoke.state}, ${rec.invoke.status}): the replay stops here.`,
      );
  }
}

function compensateAnswer(name: string, rec: RecordedStep | undefined, ends: RecordEnds): unknown {
  if (!rec) return ends(name, `The record has no step "${name}": the replay stops here.`);
  switch (rec.compensate.state) {
    case 'reverted':
      return undefined;
    case 'failed':
      throw rebuildError(
        rec.compensateError,
        `Compensation of "${name}" failed (no error recorded).`,
      );
    default:
      return ends(
        name,
        `The record holds no compensation of step "${name}" (compensate ${rec.compensate.state}): the replay stops here.`,
      );
  }
}

/** The recorded error as a thrown Error: message, name and stack kept. Medusa's `⮑ sat` line is
 * dropped from the stack because the engine appends its own when it records the failure. */
export function rebuildError(recorded: RecordedError | undefined, fallback: string): Error {
  const error = new Error(recorded?.message ?? fallback);
  if (recorded?.name) error.name = recorded.name;
  if (recorded?.stack !== undefined) error.stack = recorded.stack.replace(/\n⮑ sat [^\n]*$/, '');
  return error;
}

/** After a finished replay: each step whose final state differs from the record's. */
function compareStates(tx: Transaction, byCodeName: Map<string, RecordedStep>): ReplayMismatch[] {
  const out: ReplayMismatch[] = [];
  for (const r of tx.records) {
    const name = r.definition.action;
    const rec = byCodeName.get(name);
    if (!rec) continue;
    const got = `invoke ${r.invoke.state}, compensate ${r.compensate.state}`;
    const want = `invoke ${rec.invoke.state}, compensate ${rec.compensate.state}`;
    if (got !== want) {
      out.push({
        kind: 'state',
        step: name,
        message: `Step "${name}" ended ${got} in the replay but ${want} in the record (a recomputed condition or input differs).`,
      });
    }
  }
  return out;
}
