// Rows of Medusa's `workflow_execution` table to the plain records of record.ts (pure: no I/O).
// Lenient: JSON that is not what Medusa 2.21 writes becomes a warning on the record, never a
// throw. Imported by reader.ts and by unit tests.
import { recordedError } from './recordedError';
import type {
  ExecutionRecord,
  ExecutionState,
  ExecutionSummary,
  RecordedStep,
  RecordedStepState,
  RecordedStepStatus,
} from './record';

/** A row as `pg` gives it (jsonb parsed, timestamps as Date) or as JSON (timestamps as text). */
export interface ExecutionRow {
  id: string;
  workflow_id: string;
  transaction_id: string;
  run_id: string;
  state: string;
  execution: unknown;
  context: unknown;
  created_at: Date | string;
  updated_at: Date | string;
  retention_time?: number | null;
}

type Json = Record<string, unknown>;
type Warn = (text: string) => void;

const EXECUTION_STATES = new Set<string>([
  'not_started',
  'invoking',
  'waiting_to_compensate',
  'compensating',
  'done',
  'reverted',
  'failed',
]);
const STEP_STATES = new Set<string>([
  'not_started',
  'invoking',
  'compensating',
  'done',
  'reverted',
  'failed',
  'dormant',
  'skipped',
  'skipped_failure',
  'timeout',
]);
const STEP_STATUSES = new Set<string>([
  'idle',
  'ok',
  'waiting_response',
  'temp_failure',
  'permanent_failure',
]);
const WORKFLOW_DATA = 'Symbol(WorkflowWorkflowData)';
const STEP_RESPONSE = 'Symbol(WorkflowStepResponse)';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function iso(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `execution.steps` without `_root`, in the order of the definition (depth-first). */
export function orderedStepPaths(steps: Json, warn: Warn): string[] {
  const order: string[] = [];
  const seen = new Set<string>(['_root']);
  const visit = (path: string): void => {
    const next = (steps[path] as Json | undefined)?.next;
    if (!Array.isArray(next)) return;
    for (const child of next) {
      if (typeof child !== 'string' || seen.has(child) || !isObject(steps[child])) continue;
      seen.add(child);
      order.push(child);
      visit(child);
    }
  };
  visit('_root');
  const unreached = Object.keys(steps).filter((path) => !seen.has(path));
  if (unreached.length > 0) {
    warn(`steps not reached from _root: ${unreached.join(', ')}`);
    order.push(...unreached.sort());
  }
  return order;
}

/** Steps done (invoke) and all steps, `_root` excepted: the list's progress column. */
export function countSteps(steps: unknown): { stepsDone: number; stepsTotal: number } {
  let stepsDone = 0;
  let stepsTotal = 0;
  if (!isObject(steps)) return { stepsDone, stepsTotal };
  for (const [path, step] of Object.entries(steps)) {
    if (path === '_root') continue;
    stepsTotal += 1;
    if (isObject(step) && isObject(step.invoke) && step.invoke.state === 'done') stepsDone += 1;
  }
  return { stepsDone, stepsTotal };
}

export function summaryOf(
  row: Omit<ExecutionRow, 'execution' | 'context'>,
  steps: unknown,
  startedAt: unknown,
): ExecutionSummary {
  const summary: ExecutionSummary = {
    id: row.id,
    workflowId: row.workflow_id,
    transactionId: row.transaction_id,
    runId: row.run_id,
    state: row.state as ExecutionState,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...countSteps(steps),
  };
  const started = finite(startedAt);
  if (started !== undefined) summary.startedAt = started;
  return summary;
}

function phase(
  step: Json,
  key: 'invoke' | 'compensate',
  where: string,
  warn: Warn,
): { state: RecordedStepState; status: RecordedStepStatus } {
  const raw = step[key];
  const state = isObject(raw) ? raw.state : undefined;
  const status = isObject(raw) ? raw.status : undefined;
  if (typeof state !== 'string' || !STEP_STATES.has(state)) {
    warn(`${where}: ${key} state ${JSON.stringify(state) ?? 'missing'} is not one Medusa writes`);
  }
  if (typeof status !== 'string' || !STEP_STATUSES.has(status)) {
    warn(`${where}: ${key} status ${JSON.stringify(status) ?? 'missing'} is not one Medusa writes`);
  }
  return {
    state: (typeof state === 'string' ? state : 'not_started') as RecordedStepState,
    status: (typeof status === 'string' ? status : 'idle') as RecordedStepStatus,
  };
}

/**
 * `context.data.invoke[name]`: `{WorkflowWorkflowData, output: {WorkflowStepResponse, output,
 * compensateInput}}`, or the bare step response (an async step completed with setStepSuccess).
 */
function stepResponse(
  value: unknown,
  where: string,
  warn: Warn,
): Pick<RecordedStep, 'output' | 'compensateInput'> {
  const response = isObject(value) && value.__type === WORKFLOW_DATA ? value.output : value;
  if (isObject(response) && response.__type === STEP_RESPONSE) {
    return { output: response.output, compensateInput: response.compensateInput };
  }
  warn(`${where}: the recorded output is not a step response; shown as it is`);
  return { output: value };
}

function recordedStep(path: string, raw: Json, invokeData: Json, warn: Warn): RecordedStep {
  const definition = isObject(raw.definition) ? raw.definition : {};
  const action = definition.action;
  const name = typeof action === 'string' ? action : path.slice(path.lastIndexOf('.') + 1);
  if (typeof action !== 'string') warn(`${path}: no definition.action; named after its path`);
  const step: RecordedStep = {
    path,
    name,
    depth: finite(raw.depth) ?? path.split('.').length - 1,
    next: Array.isArray(raw.next) ? raw.next.filter((n): n is string => typeof n === 'string') : [],
    invoke: phase(raw, 'invoke', path, warn),
    compensate: phase(raw, 'compensate', path, warn),
    attempts: finite(raw.attempts) ?? 0,
    failures: finite(raw.failures) ?? 0,
    noCompensation: definition.noCompensation === true,
    async: definition.async === true,
    hasOutput: Object.prototype.hasOwnProperty.call(invokeData, name),
  };
  const startedAt = finite(raw.startedAt);
  if (startedAt !== undefined) step.startedAt = startedAt;
  const lastAttempt = finite(raw.lastAttempt);
  if (lastAttempt !== undefined) step.lastAttempt = lastAttempt;
  if (step.hasOutput) Object.assign(step, stepResponse(invokeData[name], path, warn));
  return step;
}

function recordedErrors(context: Json, warn: Warn): ExecutionRecord['errors'] {
  const raw = context.errors;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    warn('context.errors is not a list');
    return [];
  }
  return raw.flatMap((entry, i) => {
    if (!isObject(entry)) {
      warn(`context.errors[${i}] is not an object`);
      return [];
    }
    const handlerType = entry.handlerType === 'compensate' ? 'compensate' : 'invoke';
    if (entry.handlerType !== handlerType) {
      warn(`context.errors[${i}]: handlerType ${JSON.stringify(entry.handlerType)} read as invoke`);
    }
    const action = typeof entry.action === 'string' ? entry.action : '';
    const error = recordedError(entry.error, (t) => warn(`context.errors[${i}]: ${t}`));
    return [{ action, handlerType, error }];
  });
}

/** One row to its record. Never throws on the JSON columns: what is not understood is a warning. */
export function normalizeExecutionRow(row: ExecutionRow): ExecutionRecord {
  const warnings: string[] = [];
  const warn: Warn = (text) => warnings.push(text);
  const execution = isObject(row.execution) ? row.execution : {};
  if (!isObject(row.execution)) warn('the execution column is not a JSON object');
  const context = isObject(row.context) ? row.context : {};
  if (!isObject(row.context)) warn('the context column is not a JSON object');
  const data = isObject(context.data) ? context.data : {};
  if (isObject(row.context) && !isObject(context.data)) warn('context.data is missing');
  const invokeData = isObject(data.invoke) ? data.invoke : {};
  const steps = isObject(execution.steps) ? execution.steps : {};
  if (!isObject(execution.steps)) warn('execution.steps is missing or not an object');

  const metadata = isObject(execution.metadata) ? execution.metadata : {};
  const errors = recordedErrors(context, warn);
  const recordedSteps = orderedStepPaths(steps, warn).map((path) => {
    const raw = steps[path];
    if (!isObject(raw)) {
      warn(`${path} is not an object`);
      return recordedStep(path, {}, invokeData, () => undefined);
    }
    return recordedStep(path, raw, invokeData, warn);
  });
  // The last error of each step and handler. Errors naming no step of this row (a nested
  // workflow's own steps) stay in `errors` only.
  for (const { action, handlerType, error } of errors) {
    const step = recordedSteps.find((s) => s.name === action);
    if (step && handlerType === 'invoke') step.invokeError = error;
    else if (step) step.compensateError = error;
  }
  if (!EXECUTION_STATES.has(row.state))
    warn(`state ${JSON.stringify(row.state)} is not one Medusa writes`);

  const record: ExecutionRecord = {
    ...summaryOf(row, steps, execution.startedAt),
    options: isObject(execution.options) ? execution.options : {},
    payload: data.payload,
    steps: recordedSteps,
    errors,
    warnings,
  };
  if (typeof metadata.sourcePath === 'string') record.sourcePath = metadata.sourcePath;
  if (typeof metadata.parentStepIdempotencyKey === 'string') {
    record.parentStepIdempotencyKey = metadata.parentStepIdempotencyKey;
  }
  return record;
}
