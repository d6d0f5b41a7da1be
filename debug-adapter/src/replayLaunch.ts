// Debug adapter: the replay part of a launch configuration ("replay" or "replayFile"): checked
// with the rest of the launch, then the record read (a JSON file, or the app's database) and the
// workflow's file found from it before the runner starts.
import { resolve } from 'node:path';
import type { ExecutionRecord } from '../../engine/src/executions/record';
import {
  findWorkflowFile,
  loadStoredRecord,
  readRecordFile,
} from '../../engine/src/executions/replaySource';
import type { LaunchArguments } from './protocol';
import type { ResolvedLaunch } from './launchConfig';
import { LaunchError } from './launchError';

export interface ReplayLaunch {
  /** A saved record (absolute path), or an execution in a database. */
  file?: string;
  execution?: string;
  databaseUrl?: string;
  app?: string;
  rerunCompensations: boolean;
}

/** Checks the replay attributes (no I/O): undefined when the launch is not a replay. */
export function resolveReplayArgs(
  raw: Partial<LaunchArguments>,
  cwd: string,
): ReplayLaunch | undefined {
  const { replay, replayFile, rerunCompensations } = raw;
  if (rerunCompensations !== undefined && typeof rerunCompensations !== 'boolean')
    throw new LaunchError('"rerunCompensations" must be true or false.');
  if (replay === undefined && replayFile === undefined) {
    if (rerunCompensations !== undefined)
      throw new LaunchError('"rerunCompensations" applies to a replay ("replay" or "replayFile").');
    return undefined;
  }
  if (replay !== undefined && replayFile !== undefined)
    throw new LaunchError('Give either "replay" or "replayFile", not both.');
  for (const field of ['input', 'inputFile', 'failSteps', 'failCompensations'] as const) {
    if (raw[field] !== undefined)
      throw new LaunchError(
        `"${field}" cannot be used with a replay: it runs on the recorded payload and the recorded failures.`,
      );
  }
  if (rerunCompensations && raw.container === undefined && raw.mocks === undefined)
    throw new LaunchError(
      '"rerunCompensations" runs the compensations\' code: choose their container ("container" or "mocks").',
    );
  const base = { rerunCompensations: rerunCompensations === true };
  if (replayFile !== undefined) {
    if (typeof replayFile !== 'string' || replayFile === '')
      throw new LaunchError('"replayFile" must be the path of a saved execution (JSON).');
    return { ...base, file: resolve(cwd, replayFile) };
  }
  if (!replay || typeof replay !== 'object' || Array.isArray(replay))
    throw new LaunchError('"replay" must be an object: { "execution": "<id or transaction id>" }.');
  const { execution, databaseUrl, app } = replay;
  if (typeof execution !== 'string' || execution.trim() === '')
    throw new LaunchError(
      '"replay.execution" must be an execution id (wf_exec_...) or a transaction id.',
    );
  if (databaseUrl !== undefined && (typeof databaseUrl !== 'string' || databaseUrl === ''))
    throw new LaunchError('"replay.databaseUrl" must be a database URL (postgres://...).');
  if (app !== undefined && (typeof app !== 'string' || app === ''))
    throw new LaunchError('"replay.app" must be the Medusa app\'s folder.');
  return {
    ...base,
    execution,
    databaseUrl,
    app: app === undefined ? undefined : resolve(cwd, app),
  };
}

/** Reads the record and settles `program` and `workflow` from it. */
export async function loadReplay(launch: ResolvedLaunch): Promise<ExecutionRecord> {
  const replay = launch.replay!;
  let record: ExecutionRecord;
  try {
    record = replay.file
      ? readRecordFile(replay.file)
      : await loadStoredRecord(replay.execution!, {
          databaseUrl: replay.databaseUrl,
          appRoot: replay.app ?? launch.cwd,
        });
  } catch (err) {
    throw new LaunchError(`Cannot replay: ${(err as Error).message}.`);
  }
  if (launch.workflow !== undefined && launch.workflow !== record.workflowId)
    throw new LaunchError(
      `The execution is of workflow "${record.workflowId}", not "${launch.workflow}" ("workflow").`,
    );
  launch.workflow = record.workflowId;
  if (launch.program === '') {
    try {
      launch.program = findWorkflowFile(record, {
        appRoot: replay.app ?? launch.cwd,
        cwd: launch.cwd,
      });
    } catch (err) {
      throw new LaunchError(`Cannot replay: ${(err as Error).message} ("program").`);
    }
  }
  return record;
}
