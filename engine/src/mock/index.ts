// Entry of the auto-mocked container (pure TypeScript, any process). Used by the CLI
// (`--auto-mock`), the debug runner (`"container": "auto"`) and the core-flows differential tests.
import type { EngineEvent, RunFrame } from '../instrumentation';
import type { ServiceCall } from './types';

export { createAutoMockContainer, type AutoMockContainer } from './autoMockContainer';
export { containerForStep, STEP_SCOPE } from './stepScope';
export { snapshot } from './snapshot';
export type {
  AutoMockOptions,
  CheckValue,
  FieldCheck,
  Overrides,
  RunInfo,
  ServiceCall,
  StepScope,
} from './types';
export { addDmlEntities, addNamedEnums, emptyCatalog, type ModelCatalog } from './models';

export type ServiceCallEvent = Extract<EngineEvent, { type: 'service.call' }>;

const NO_RUN: RunFrame = { workflowId: '', transactionId: '', parents: [] };

/** The instrumentation event for a call made by a step; undefined for calls outside steps. */
export function serviceCallEvent(call: ServiceCall, run?: RunFrame): ServiceCallEvent | undefined {
  if (call.step === undefined || call.action === undefined) return undefined;
  return {
    type: 'service.call',
    run: call.run ?? run ?? NO_RUN,
    step: call.step,
    action: call.action,
    key: call.key,
    method: call.method,
    args: call.args,
    // A trace line always carries `result` (null for a method that returned nothing).
    result: call.result ?? null,
    ...(call.mocked ? { mocked: true as const } : {}),
  };
}

/** The CLI's `--trace jsonl` line for a call: `{"type":"service.call","step",...}`. */
export function serviceCallTraceLine(call: ServiceCall): string | undefined {
  if (call.step === undefined) return undefined;
  const { step, action, key, method, args, result, mocked } = call;
  return JSON.stringify({
    type: 'service.call',
    step,
    action,
    key,
    method,
    args,
    result: result ?? null,
    ...(mocked ? { mocked } : {}),
  });
}
