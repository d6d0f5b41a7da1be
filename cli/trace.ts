// `--trace jsonl`: one JSON object per engine event. Run frames are dropped; events of a nested
// run (runAsStep) carry the nested workflow's id as `workflow`.
import type { EngineEvent } from '../engine/src/instrumentation';
import { snapshot } from '../engine/src/mock/index';

export type TraceLine = Record<string, unknown> & { type: string };

export function traceLine(event: EngineEvent): TraceLine {
  const nested = event.run.parents.length > 0 ? { workflow: event.run.workflowId } : {};
  switch (event.type) {
    case 'run.begin':
      return {
        type: event.type,
        workflow: event.run.workflowId,
        transactionId: event.run.transactionId,
      };
    case 'step.begin':
      return {
        type: event.type,
        ...nested,
        step: event.step,
        action: event.action,
        attempt: event.attempt,
      };
    case 'step.success':
      return {
        type: event.type,
        ...nested,
        step: event.step,
        action: event.action,
        ...(event.output === undefined ? {} : { output: event.output }),
      };
    case 'step.failure':
      return {
        type: event.type,
        ...nested,
        step: event.step,
        action: event.action,
        error: { message: event.error.message },
      };
    case 'step.skipped':
    case 'step.awaiting':
      return { type: event.type, ...nested, step: event.step };
    case 'compensation.begin':
      return { type: event.type, ...nested };
    case 'run.end':
      return {
        type: event.type,
        ...nested,
        state: event.state,
        result: event.result ?? null,
        errors: event.errors.map(({ step, action, message }) =>
          step === undefined ? { message } : { step, action, message },
        ),
        compensationErrors: event.compensationErrors.map(({ step, action, message }) => ({
          step,
          action,
          message,
        })),
      };
    case 'service.call': {
      const { step, action, key, method, args, result, mocked } = event;
      const line = { type: event.type, ...nested, step, action, key, method, args, result };
      return mocked ? { ...line, mocked } : line;
    }
  }
}

/** JSON text of a line; values JSON cannot hold (cycles, BigInt) are made JSON-safe first. */
export function formatTraceLine(line: TraceLine): string {
  try {
    return JSON.stringify(line);
  } catch {
    return JSON.stringify(snapshot(line));
  }
}
