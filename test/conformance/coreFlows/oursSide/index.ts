// Child process (Node): runs core-flows on OUR engine (its workflows-sdk imports bound to the
// engine, everything else the real packages) with auto-mocked containers, as the side under test
// of the differential run. argv[2] is a ChildPlan as JSON.
import Module, { createRequire } from 'node:module';
import * as sdk from '../../../../engine/src/index';
import type {
  EngineEvent,
  Instrumentation,
  RunHandle,
  StepAction,
} from '../../../../engine/src/instrumentation';
import { getDefinition, getWorkflowIds } from '../../../../engine/src/runtime/definition';
import type { AutoMockContainer } from '../../../../engine/src/mock';
import { workflowInput } from '../harness/input';
import {
  runPlan,
  storedOutputs,
  settle,
  transactionIdOf,
  type EngineSide,
  type RunOutcome,
} from '../harness/runPlan';
import { positionKey, type ChildPlan, type RunSpec, type TraceEvent } from '../harness/types';

process.env.MEDUSA_DISABLE_TELEMETRY = 'true';
// Standalone, the real SDK cannot retry a background (async) step that failed: its in-memory
// storage rejects `scheduleRetry` after run() returned. Such late rejections are not the run's.
process.on('unhandledRejection', () => undefined);

/** Loads packages at run time (after the SDK binding is in place). */
const load = createRequire(__filename);

const SDK_SPECIFIER = /^@medusajs\/(?:framework\/)?workflows-sdk(?:\/.*)?$/;

/** An invoke error `{ action, handlerType, error }`, or a bare error when the result failed. */
type RunError = {
  action?: string;
  handlerType?: string;
  error?: { message?: string };
  message?: string;
};

interface OurWorkflow {
  getName(): string;
  run(options: object): Promise<{
    errors?: unknown[];
    result?: unknown;
    transaction?: { getContext(): { invoke?: Record<string, unknown> }; getState(): string };
  }>;
}

/** Every workflow core-flows defines, exported or not (some are only used nested). */
const defined = new Map<string, OurWorkflow>();

const sdkForCoreFlows = {
  ...sdk,
  createWorkflow: (...args: Parameters<typeof sdk.createWorkflow>) => {
    const wf = sdk.createWorkflow(...args) as unknown as OurWorkflow;
    defined.set(wf.getName(), wf);
    return wf;
  },
};

/** core-flows' own imports of the workflows SDK get our engine; all else loads normally. */
function bindSdkForCoreFlows(): void {
  const M = Module as unknown as {
    _load(request: string, parent: unknown, isMain: boolean): unknown;
  };
  const original = M._load.bind(M);
  M._load = (request, parent, isMain) => {
    const from = (parent as { filename?: string } | undefined)?.filename ?? '';
    if (SDK_SPECIFIER.test(request) && /[\\/]@medusajs[\\/]core-flows[\\/]/.test(from))
      return sdkForCoreFlows;
    return original(request, parent, isMain);
  };
}

/** The run in progress: its root container hands each step its own view (as on the real side). */
let current: AutoMockContainer | undefined;

type Impl = (input: unknown, context: never) => unknown;

/**
 * Every step implementation gets a per-step view of the run's container, nested runs included
 * (until the engine does it itself through containerForStep).
 */
function attributeCallsToSteps(): void {
  for (const id of getWorkflowIds()) {
    for (const [step, impl] of getDefinition(id)?.handlers ?? []) {
      impl.invoke = scoped(step, 'invoke', impl.invoke);
      if (impl.compensate) impl.compensate = scoped(step, 'compensate', impl.compensate);
    }
  }
}

function scoped(step: string, action: StepAction, fn: Impl): Impl {
  return (input, context) => {
    const root = current;
    if (!root) return fn(input, context);
    // When the engine already lends each step its own view (containerForStep), use it as is.
    const given = (
      context as unknown as { container?: { scope?: { step: string; action: string } } }
    ).container?.scope;
    if (given?.step === step && given.action === action) return fn(input, context);
    // Same context (class, methods, symbols), only the container is the step's view.
    const ctx = context as unknown as object;
    const copy = Object.create(
      Object.getPrototypeOf(ctx) as object,
      Object.getOwnPropertyDescriptors(ctx),
    ) as object;
    Object.defineProperty(copy, 'container', {
      value: root.forStep({ step, action }),
      enumerable: true,
      writable: true,
    });
    return fn(input, copy as never);
  };
}

async function runOurs(
  wf: OurWorkflow,
  spec: RunSpec,
  container: AutoMockContainer,
): Promise<RunOutcome> {
  const events: TraceEvent[] = [];
  const begun: string[] = [];
  let root: RunHandle | undefined;
  const top = (e: { run: { parents: unknown[] } }) => e.run.parents.length === 0;
  const instrumentation: Instrumentation = {
    attach: (handle) => {
      if (handle.frame.parents.length === 0) root ??= handle;
    },
    onEvent: (e) => {
      if (e.type === 'step.begin' && e.action === 'invoke') {
        const position = positionKey(spec.workflow, e.run.workflowId, e.step);
        if (!begun.includes(position)) begun.push(position);
      }
      if (e.type === 'service.call' || e.type === 'run.begin' || !top(e)) return;
      const trace = toTrace(e);
      if (trace) events.push(trace);
    },
    shouldFail: (step: string, action: StepAction, run) =>
      positionKey(spec.workflow, run.workflowId, step) ===
      (action === 'invoke' ? spec.fail : spec.failCompensation),
  };
  current = container;
  const { result, errors, transaction } = await wf.run({
    input: workflowInput(),
    container,
    context: { transactionId: transactionIdOf(spec), eventGroupId: 'eg-1' },
    throwOnError: false,
    instrumentation,
  });
  // As on the real side: the state once background steps settled, as the last trace event.
  await settle();
  current = undefined;
  const state = transaction?.getState() ?? 'unknown';
  events.push({ type: 'run.end', state });
  const snap = root?.snapshot();
  const steps: RunOutcome['steps'] = {};
  for (const s of snap?.steps ?? []) {
    steps[s.step] = { invoke: s.invoke.state, compensate: s.compensate.state };
  }
  return {
    events,
    begun,
    state,
    steps,
    outputs: storedOutputs(transaction?.getContext().invoke),
    errors: ((errors ?? []) as RunError[]).map((e) => ({
      step: e.action ?? '',
      action: e.handlerType ?? '',
      message: String(e.error?.message ?? e.message),
    })),
    result,
  };
}

function toTrace(e: EngineEvent): TraceEvent | undefined {
  switch (e.type) {
    case 'step.begin':
      return { type: 'step.begin', step: e.step, action: e.action };
    case 'step.success':
      return { type: 'step.success', step: e.step, action: e.action };
    case 'step.failure':
      return { type: 'step.failure', step: e.step, action: e.action, message: '' };
    case 'step.skipped':
      return { type: 'step.skipped', step: e.step };
    case 'compensation.begin':
      return { type: 'compensation.begin' };
    default:
      return undefined;
  }
}

function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '{}') as ChildPlan;
  bindSdkForCoreFlows();
  load('@medusajs/core-flows');
  const workflows = defined;
  attributeCallsToSteps();
  const side: EngineSide = {
    workflowIds: () => [...workflows.keys()],
    run: (spec, container) => {
      const wf = workflows.get(spec.workflow);
      if (!wf) throw new Error(`workflow ${spec.workflow} is not registered`);
      return runOurs(wf, spec, container);
    },
  };
  return runPlan(side, plan);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
