// `medusa-workflows executions replay`: replays a stored execution on the embedded engine with
// its workflow's code and prints the same JSONL trace as `run --trace jsonl`, plus one
// `replay.mismatch` line for each part of the record that does not fit the code.
import {
  replayExecution,
  type Instrumentation,
  type Replayable,
  type ReplayMismatch,
} from '../engine/src/index';
import type { ExecutionRecord } from '../engine/src/executions/record';
import { buildContainer, createEngineLoader, defaultCacheDir } from '../engine/src/host/index';
import {
  findWorkflowFile,
  loadStoredRecord,
  readRecordFile,
} from '../engine/src/executions/replaySource';
import { UsageError } from './args';
import { RunObserver } from './runObserver';
import { formatTraceLine, traceLine, type TraceLine } from './trace';
import { parseReplayArgs, type ReplayArgs } from './replayArgs';
import { USAGE } from './usage';

export async function replayCommand(argv: string[]): Promise<number> {
  const args = parseReplayArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const record = await recordOf(args);
  const appRoot = args.app ?? (args.record ? undefined : process.cwd());
  const file = findWorkflowFile(record, { explicit: args.file, appRoot });
  const loader = createEngineLoader({ cacheDir: defaultCacheDir() });
  const loaded = loader.load(file);
  const workflow = loaded.workflows.get(record.workflowId);
  if (!workflow) {
    const known = [...loaded.workflows.keys()].join(', ') || 'none';
    throw new UsageError(`${file} does not define workflow ${record.workflowId}; known: ${known}`);
  }
  const container = await buildContainer({ mocks: args.mocks }, (f) => loader.loadModule(f));
  return replay(args, record, workflow, container);
}

async function recordOf(args: ReplayArgs): Promise<ExecutionRecord> {
  if (args.record === undefined) {
    return loadStoredRecord(args.id!, { databaseUrl: args.databaseUrl, appRoot: args.app });
  }
  const record = readRecordFile(args.record);
  if (args.id !== undefined && args.id !== record.id && args.id !== record.transactionId) {
    throw new UsageError(`${args.record} holds execution ${record.id}, not ${args.id}`);
  }
  return record;
}

const write = (line: TraceLine): boolean => process.stdout.write(`${formatTraceLine(line)}\n`);

async function replay(
  args: ReplayArgs,
  record: ExecutionRecord,
  workflow: Replayable,
  container: unknown,
): Promise<number> {
  const observer = new RunObserver();
  const instrumentation: Instrumentation = {
    onEvent(event) {
      write(traceLine(event));
      observer.onEvent(event);
    },
  };
  const mismatch = (m: ReplayMismatch): boolean =>
    write({ type: 'replay.mismatch', kind: m.kind, step: m.step, message: m.message });
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = (...data: unknown[]) => console.error(...data);
  let out;
  try {
    out = await replayExecution(
      workflow,
      record,
      { instrumentation, container },
      { rerunCompensations: args.rerunCompensations, onMismatch: mismatch },
    );
    if (out.outcome) await observer.untilAtRest();
  } finally {
    Object.assign(console, saved);
  }
  const id = record.workflowId;
  if (out.stoppedAt) {
    process.stderr.write(`medusa-workflows: replay of ${id} stopped: ${out.stoppedAt.message}\n`);
    return 1;
  }
  const state = observer.end?.state ?? out.outcome?.transaction.getState();
  if (out.mismatches.length > 0) {
    const n = out.mismatches.length;
    process.stderr.write(
      `medusa-workflows: replay of ${id} ended ${state}; ${n} mismatch${n > 1 ? 'es' : ''} with the record\n`,
    );
    return 1;
  }
  if (state !== record.state) {
    process.stderr.write(
      `medusa-workflows: replay of ${id} ended ${state}, the record ${record.state}\n`,
    );
    return 1;
  }
  return 0;
}
