// Debug adapter: checks a launch configuration before anything is started, and turns every
// mistake into one clear sentence (the launch request's error message).
import { candidatesHint, forcedStepCandidates } from '../../engine/src/index';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { LaunchArguments } from './protocol';
import { LaunchError } from './launchError';
import { resolveReplayArgs, type ReplayLaunch } from './replayLaunch';

export { LaunchError };

export interface ResolvedLaunch {
  program: string;
  workflow?: string;
  input: unknown;
  mocks?: string;
  container?: 'auto' | 'empty' | 'app';
  allowRemoteDatabase: boolean;
  failSteps: string[];
  failCompensations: string[];
  stopOnEntry: boolean;
  cwd: string;
  env: Record<string, string>;
  debugStepCode: boolean;
  /** A replay of a stored execution; `program` is '' until the record names the file. */
  replay?: ReplayLaunch;
}

export function resolveLaunch(
  raw: Partial<LaunchArguments>,
  baseDir = process.cwd(),
): ResolvedLaunch {
  const cwd = resolveCwd(raw.cwd, baseDir);
  const replay = resolveReplayArgs(raw, cwd);
  const program = resolveProgram(raw.program, cwd, replay !== undefined);
  if (raw.workflow !== undefined && (typeof raw.workflow !== 'string' || raw.workflow === '')) {
    throw new LaunchError('"workflow" must be a workflow id (a non-empty string).');
  }
  const container = resolveContainer(raw.container);
  if (raw.allowRemoteDatabase !== undefined && typeof raw.allowRemoteDatabase !== 'boolean') {
    throw new LaunchError('"allowRemoteDatabase" must be true or false.');
  }
  return {
    program,
    workflow: raw.workflow,
    input: resolveInput(raw, cwd),
    mocks: resolveMocks(raw.mocks, cwd),
    container,
    allowRemoteDatabase: raw.allowRemoteDatabase === true,
    failSteps: stringList(raw.failSteps, 'failSteps'),
    failCompensations: stringList(raw.failCompensations, 'failCompensations'),
    stopOnEntry: raw.stopOnEntry === true,
    cwd,
    env: resolveEnv(raw.env),
    debugStepCode: resolveFlag(raw.debugStepCode, 'debugStepCode'),
    replay,
  };
}

function resolveProgram(raw: unknown, cwd: string, replaying: boolean): string {
  if (replaying && raw === undefined) return '';
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new LaunchError('"program" is required: the path of the workflow file to debug.');
  }
  const program = resolve(cwd, raw);
  if (!isFile(program)) throw new LaunchError(`Workflow file not found: ${program} ("program").`);
  return program;
}

function resolveCwd(cwd: unknown, baseDir: string): string {
  if (cwd === undefined) return baseDir;
  if (typeof cwd !== 'string') throw new LaunchError('"cwd" must be a directory path.');
  const dir = resolve(baseDir, cwd);
  if (!isDirectory(dir)) throw new LaunchError(`"cwd" is not a directory: ${dir}`);
  return dir;
}

function resolveInput(raw: Partial<LaunchArguments>, cwd: string): unknown {
  if (raw.input !== undefined && raw.inputFile !== undefined) {
    throw new LaunchError('Give either "input" or "inputFile", not both.');
  }
  if (raw.inputFile !== undefined) {
    if (typeof raw.inputFile !== 'string')
      throw new LaunchError('"inputFile" must be a file path.');
    const file = isAbsolute(raw.inputFile) ? raw.inputFile : resolve(cwd, raw.inputFile);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new LaunchError(
        `Cannot read "inputFile" ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      );
    }
    return parseJson(text, `"inputFile" ${file}`);
  }
  // A string that looks like JSON text is parsed, so `"input": "{\"id\": 1}"` works too.
  if (typeof raw.input === 'string' && /^\s*[[{]/.test(raw.input))
    return parseJson(raw.input, '"input"');
  return raw.input;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new LaunchError(`${what} is not valid JSON: ${(err as Error).message}`);
  }
}

function resolveMocks(mocks: unknown, cwd: string): string | undefined {
  if (mocks === undefined) return undefined;
  if (typeof mocks !== 'string' || mocks === '')
    throw new LaunchError('"mocks" must be a module path.');
  const file = resolve(cwd, mocks);
  const found = ['', '.ts', '.js', '.mts', '.cts', '.mjs', '.cjs']
    .map((ext) => file + ext)
    .find(isFile);
  if (!found) throw new LaunchError(`Mocks module not found: ${file} ("mocks").`);
  return found;
}

function resolveContainer(value: unknown): 'auto' | 'empty' | 'app' | undefined {
  if (value === undefined || value === 'auto' || value === 'empty' || value === 'app') return value;
  throw new LaunchError(
    `"container" must be "auto", "empty" or "app", not ${JSON.stringify(value)}.`,
  );
}

function stringList(value: unknown, name: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new LaunchError(`"${name}" must be a list of step names.`);
  }
  return value as string[];
}

function resolveFlag(value: unknown, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new LaunchError(`"${name}" must be true or false.`);
  return value;
}

function resolveEnv(env: unknown): Record<string, string> {
  if (env === undefined) return {};
  if (typeof env !== 'object' || env === null || Array.isArray(env)) {
    throw new LaunchError('"env" must be an object of environment variables.');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (typeof v !== 'string') throw new LaunchError(`"env.${k}" must be a string.`);
    out[k] = v;
  }
  return out;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Checks the chosen workflow and the forced-failure names against what the file defines. */
export function checkAgainstProgram(
  launch: ResolvedLaunch,
  workflows: { id: string; steps?: string[]; exported?: boolean }[],
): string {
  const ids = workflows.map((w) => w.id);
  let id = launch.workflow;
  if (id === undefined) {
    // The file's own workflows first: one it imports (to run as a step) is not the one meant.
    const own = workflows.filter((w) => w.exported).map((w) => w.id);
    const candidates = own.length > 0 ? own : ids;
    const [only] = candidates;
    if (only === undefined) throw new LaunchError(`No workflow is defined in ${launch.program}.`);
    if (candidates.length > 1) {
      throw new LaunchError(
        `${launch.program} defines several workflows; set "workflow" to one of: ${candidates.join(', ')}.`,
      );
    }
    id = only;
  } else if (!ids.includes(id)) {
    const known =
      ids.length > 0 ? `Known workflows: ${ids.join(', ')}.` : 'The file defines no workflow.';
    throw new LaunchError(`Unknown workflow "${id}" in ${launch.program}. ${known}`);
  }
  return id;
}

/** Forced failures name the workflow's own steps bare, nested ones by path (`a/b/step`). */
export function checkStepNames(
  field: string,
  names: string[],
  paths: readonly string[],
  workflowId: string,
): void {
  const problem = forcedStepError(field, names, paths, workflowId);
  if (problem) throw new LaunchError(problem);
}

/** The error for the first name that names no step of `workflowId` (see forcedFailureTargets). */
export function forcedStepError(
  field: string,
  names: string[],
  paths: readonly string[],
  workflowId: string,
): string | undefined {
  for (const name of names) {
    const candidates = forcedStepCandidates(paths, name);
    if (!candidates) continue;
    if (candidates.length > 0) {
      return `Step "${name}" in "${field}" is not a step of ${workflowId} itself; ${candidatesHint(candidates)}.`;
    }
    return `Unknown step "${name}" in "${field}". Steps of ${workflowId}: ${paths.join(', ')}.`;
  }
  return undefined;
}
