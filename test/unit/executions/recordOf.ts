// Test helper (unit tests only): an ExecutionRecord as the executions reader would normalize it,
// built from one of our engine's finished transactions (the same flow and context shape as
// Medusa's row), so replay tests compare a replay with the run that made its record.
import type { RunResult } from '../../../engine/src/index';
import type {
  ExecutionRecord,
  RecordedError,
  RecordedStep,
} from '../../../engine/src/executions/record';

type Obj = Record<string, unknown>;

function errorOf(value: unknown): RecordedError | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const e = value as Obj;
  return {
    message: String(e.message),
    ...(typeof e.name === 'string' ? { name: e.name } : {}),
    ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
  };
}

export function recordOf(result: RunResult): ExecutionRecord {
  const tx = result.transaction;
  const invoke = tx.context.invoke as Record<string, Obj | undefined>;
  const steps: RecordedStep[] = tx.records.map((r) => {
    const name = r.definition.action;
    const stored = invoke[name]?.output as Obj | undefined;
    const invokeError = tx.errors.find((e) => e.action === name && e.handlerType === 'invoke');
    const compError = tx.errors.find((e) => e.action === name && e.handlerType === 'compensate');
    return {
      path: r.id,
      name,
      depth: r.depth,
      next: r.next,
      invoke: { ...r.invoke },
      compensate: { ...r.compensate },
      attempts: r.attempts,
      failures: r.failures,
      noCompensation: !!r.definition.noCompensation,
      async: !!r.definition.async,
      hasOutput: stored !== undefined,
      output: stored?.output,
      compensateInput: stored?.compensateInput,
      invokeError: errorOf(invokeError?.error),
      compensateError: errorOf(compError?.error),
    };
  });
  // The reader lists steps depth first, as `execution.steps` keys sort.
  steps.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const done = steps.filter((s) => s.invoke.state === 'done').length;
  return {
    id: 'wf_exec_test',
    workflowId: tx.modelId,
    transactionId: tx.transactionId,
    runId: tx.runId,
    state: tx.getState(),
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:01.000Z',
    stepsDone: done,
    stepsTotal: steps.length,
    options: {},
    payload: tx.payload,
    steps,
    errors: tx.errors.map((e) => ({
      action: e.action,
      handlerType: e.handlerType,
      error: errorOf(e.error)!,
    })),
    warnings: [],
  };
}
