// Child process (Node): runs core-flows on the REAL @medusajs/workflows-sdk with auto-mocked
// containers, as the reference side of the differential test. argv[2] is a ChildPlan as JSON.
import { createRequire } from 'node:module';
import type { AutoMockContainer } from '../../../../engine/src/mock';
import type { StepAction } from '../../../../engine/src/instrumentation';
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

type Handler = (args: Record<string, unknown>) => Promise<unknown>;
interface StepHandlers {
  invoke: Handler;
  compensate?: Handler;
}
interface Registered {
  handlers_: Map<string, StepHandlers | undefined>;
}
interface RealStep {
  definition: { action: string };
  isCompensating(): boolean;
  invoke: { state: string };
  compensate: { state: string };
}
interface RealTransaction {
  getFlow(): {
    state: string;
    steps: Record<string, RealStep>;
    metadata?: { parentStepIdempotencyKey?: string };
  };
  getContext(): { invoke: Record<string, unknown> };
}
/** An invoke error `{ action, handlerType, error }`, or a bare error when the result failed. */
type RealError = {
  action?: string;
  handlerType?: string;
  error?: { message?: string };
  message?: string;
};
type Events = Record<string, (a: { step?: RealStep; transaction: RealTransaction }) => void>;
type Runner = (container: unknown) => {
  run(o: object): Promise<{ errors: RealError[]; transaction: RealTransaction; result: unknown }>;
};

/** What the wrapped handlers need to know about the run in progress. */
let current:
  | {
      container: AutoMockContainer;
      workflow: string;
      fail?: string;
      failCompensation?: string;
      begun: string[];
    }
  | undefined;

function wrap(step: string, action: StepAction, handler: Handler): Handler {
  return (args) => {
    const run = current;
    if (!run) return handler(args);
    const metadata = args.metadata as { model_id?: string } | undefined;
    const position = positionKey(run.workflow, metadata?.model_id ?? '', step);
    // Positions: the workflow's steps and its runAsStep children's (a workflow a step starts
    // with `.run()` is a separate run, which our instrumentation does not follow).
    const flow = (args.transaction as RealTransaction | undefined)?.getFlow();
    const nestedAsStep = flow?.metadata?.parentStepIdempotencyKey !== undefined;
    const own = metadata?.model_id === run.workflow;
    if (action === 'invoke' && (own || nestedAsStep) && !run.begun.includes(position)) {
      run.begun.push(position);
    }
    const scoped = { ...args, container: asAwilix(run.container.forStep({ step, action })) };
    const forced =
      (action === 'invoke' && run.fail === position) ||
      (action === 'compensate' && run.failCompensation === position);
    if (forced) {
      // Fail where the step's own handler starts (after a `when` condition let it run): the
      // SDK's step handler reads `metadata` first, the condition wrapper does not.
      Object.defineProperty(scoped, 'metadata', {
        get() {
          throw new Error(`Forced failure: ${step}`);
        },
      });
    }
    return handler(scoped);
  };
}

/**
 * The real SDK copies a container by making an awilix child of it, which needs awilix's private
 * symbols on the parent: give it a real (Medusa) awilix container that delegates to the view.
 */
function asAwilix(view: AutoMockContainer): unknown {
  const utils = load('@medusajs/framework/utils') as { createMedusaContainer(): AwilixLike };
  const base = utils.createMedusaContainer();
  base.register('__autoMock', { resolve: () => true, lifetime: 'SINGLETON' });
  base.getRegistration = (name: string) => ({ resolve: () => view.resolve(name) });
  base.resolve = (name: string) => view.resolve(name);
  return base;
}

interface AwilixLike {
  register(name: string, resolver: object): unknown;
  getRegistration(name: string): object;
  resolve(name: string): unknown;
}

function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '{}') as ChildPlan;
  load('@medusajs/core-flows');
  const g = globalThis as unknown as {
    WorkflowManager: { getWorkflows(): Map<string, Registered> };
    MedusaWorkflow: { getWorkflow(id: string): Runner | undefined };
  };
  const registry = g.WorkflowManager.getWorkflows();
  for (const wf of registry.values()) {
    for (const [step, h] of [...wf.handlers_.entries()]) {
      if (!h) continue;
      wf.handlers_.set(step, {
        invoke: wrap(step, 'invoke', h.invoke),
        ...(h.compensate ? { compensate: wrap(step, 'compensate', h.compensate) } : {}),
      });
    }
  }
  const side: EngineSide = {
    workflowIds: () => [...registry.keys()],
    run: (spec, container) => {
      const wf = g.MedusaWorkflow.getWorkflow(spec.workflow);
      if (!wf) throw new Error(`workflow ${spec.workflow} is not registered`);
      return runReal(wf, spec, container);
    },
  };
  return runPlan(side, plan);
}

async function runReal(
  wf: Runner,
  spec: RunSpec,
  container: AutoMockContainer,
): Promise<RunOutcome> {
  const events: TraceEvent[] = [];
  const name = (s?: RealStep) => s?.definition.action ?? '?';
  const act = (s?: RealStep): StepAction => (s?.isCompensating() ? 'compensate' : 'invoke');
  const handlers: Events = {
    onStepBegin: ({ step }) =>
      events.push({ type: 'step.begin', step: name(step), action: act(step) }),
    onStepSuccess: ({ step }) =>
      events.push({ type: 'step.success', step: name(step), action: 'invoke' }),
    onStepFailure: ({ step }) =>
      events.push({ type: 'step.failure', step: name(step), action: act(step), message: '' }),
    onCompensateStepSuccess: ({ step }) =>
      events.push({ type: 'step.success', step: name(step), action: 'compensate' }),
    onCompensateStepFailure: ({ step }) =>
      events.push({ type: 'step.failure', step: name(step), action: 'compensate', message: '' }),
    onStepSkipped: ({ step }) => events.push({ type: 'step.skipped', step: name(step) }),
    onCompensateBegin: () => events.push({ type: 'compensation.begin' }),
  };
  const begun: string[] = [];
  current = {
    container,
    workflow: spec.workflow,
    begun,
    fail: spec.fail,
    failCompensation: spec.failCompensation,
  };
  try {
    const { errors, transaction, result } = await wf(container).run({
      container,
      input: workflowInput(),
      context: { transactionId: transactionIdOf(spec), eventGroupId: 'eg-1' },
      throwOnError: false,
      events: handlers,
    });
    await settle();
    const flow = transaction.getFlow();
    events.push({ type: 'run.end', state: flow.state });
    const steps: RunOutcome['steps'] = {};
    for (const [id, s] of Object.entries(flow.steps)) {
      if (id === '_root') continue;
      steps[s.definition.action] = { invoke: s.invoke.state, compensate: s.compensate.state };
    }
    return {
      events,
      begun,
      state: flow.state,
      steps,
      outputs: storedOutputs(transaction.getContext().invoke),
      errors: (errors ?? []).map((e) => ({
        step: e.action ?? '',
        action: e.handlerType ?? '',
        message: String(e.error?.message ?? e.message),
      })),
      result,
    };
  } finally {
    current = undefined;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
