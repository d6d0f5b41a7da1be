// App conformance (mocha, Node, in the process that booted the fixture app): two drivers that run
// one scenario's workflows, one through the app's own workflow engine module
// (@medusajs/workflow-engine-inmemory: run, setStepSuccess/Failure, subscribe), one on our engine
// with the app's container (what `"container": "app"` runs). Imported by appEngine.test.ts.
import type * as OurSdk from '../../../engine/src/index';
import type { EngineEvent } from '../../../engine/src/instrumentation';

export type Sdk = typeof OurSdk;
export type Wf = ReturnType<Sdk['createWorkflow']>;

/** How a run ended, in the terms both engines report. */
export interface Ending {
  state: string;
  result: unknown;
  errors: { action: string; handlerType: string; message: string }[];
  compensationErrors: { action: string; message: string }[];
  /** What a scenario's own calls did (resolved, or rejected with which error). */
  call?: string;
}

export interface Driver {
  readonly sdk: Sdk;
  /** Starts a run; resolves when the engine's run call returned (maybe awaiting or in background). */
  start(wf: Wf, transactionId: string, input?: unknown): Promise<void>;
  /** Resolves when the run of `transactionId` finished (done, reverted or failed). */
  ended(transactionId: string): Promise<Ending>;
  setStepSuccess(idempotencyKey: string, response: unknown): Promise<void>;
  setStepFailure(idempotencyKey: string, error: unknown): Promise<void>;
}

/**
 * An async step's response is accepted once its run stored the step as waiting: in the app a
 * nested async run starts in the background of its parent's call. Retries while the transaction
 * or the waiting step is not there yet (a condition, not a timing assumption).
 */
async function whenWaiting(respond: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await respond();
      return;
    } catch (e) {
      const early = /could not be found|when status is (?!waiting)/.test(messageOf(e));
      if (!early || attempt >= 500) throw e;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** An error's message; a list of step errors (a nested run's, as Medusa passes them on) as
 * `step/handler: message` items. */
export function messageOf(e: unknown): string {
  if (Array.isArray(e)) {
    return e
      .map((x: { action?: string; handlerType?: string; error?: unknown }) =>
        x && typeof x === 'object' && 'error' in x
          ? `${x.action}/${x.handlerType}: ${messageOf(x.error)}`
          : messageOf(x),
      )
      .join('; ');
  }
  const m = (e as { message?: unknown } | null | undefined)?.message;
  return withoutStacks(typeof m === 'string' ? m : JSON.stringify(e ?? null));
}

/** Errors serialized into a message keep their stack: where the test ran, not what happened. */
function withoutStacks(text: string): string {
  return text.replace(/"stack":"(?:[^"\\]|\\.)*"/g, '"stack":"<stack>"');
}

function sorted<T>(list: T[]): T[] {
  return list.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function json(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

interface Notification {
  eventType: string;
  step?: { definition: { action: string } };
  state?: string;
  result?: unknown;
  errors?: { action: string; handlerType: string; error: unknown }[];
}

interface WorkflowEngine {
  run(id: string, options: Record<string, unknown>): Promise<unknown>;
  setStepSuccess(args: Record<string, unknown>): Promise<unknown>;
  setStepFailure(args: Record<string, unknown>): Promise<unknown>;
  subscribe(args: Record<string, unknown>): Promise<void>;
}

/** The app's runtime: every call goes through the workflow engine module, as routes and jobs do. */
export class AppDriver implements Driver {
  private readonly endings = new Map<string, Deferred<Ending>>();

  constructor(
    readonly sdk: Sdk,
    private readonly engine: WorkflowEngine,
  ) {}

  async start(wf: Wf, transactionId: string, input?: unknown): Promise<void> {
    const workflowId = (wf as unknown as { getName(): string }).getName();
    const ending = deferred<Ending>();
    this.endings.set(transactionId, ending);
    const compensationErrors: Ending['compensationErrors'] = [];
    await this.engine.subscribe({
      workflowId,
      transactionId,
      subscriber: (n: Notification) => {
        if (n.eventType === 'onCompensateStepFailure') {
          for (const e of n.errors ?? [])
            compensationErrors.push({ action: e.action, message: messageOf(e.error) });
        }
        if (n.eventType !== 'onFinish') return;
        ending.resolve({
          state: n.state ?? '',
          result: json(n.result),
          errors: sorted(
            (n.errors ?? []).map((e) => ({
              action: e.action,
              handlerType: e.handlerType,
              message: messageOf(e.error),
            })),
          ),
          compensationErrors: sorted(compensationErrors),
        });
      },
    });
    await this.engine.run(workflowId, { input, transactionId, throwOnError: false });
  }

  ended(transactionId: string): Promise<Ending> {
    return this.endings.get(transactionId)!.promise;
  }

  async setStepSuccess(idempotencyKey: string, response: unknown): Promise<void> {
    await whenWaiting(() =>
      this.engine.setStepSuccess({
        idempotencyKey,
        stepResponse: response,
        options: { throwOnError: false },
      }),
    );
  }

  async setStepFailure(idempotencyKey: string, error: unknown): Promise<void> {
    await whenWaiting(() =>
      this.engine.setStepFailure({
        idempotencyKey,
        stepResponse: error,
        options: { throwOnError: false },
      }),
    );
  }
}

/** Our engine with the app's container, observed as the CLI and the debugger observe it. */
export class OurDriver implements Driver {
  private readonly endings = new Map<string, Deferred<Ending>>();

  constructor(
    readonly sdk: Sdk,
    private readonly container: unknown,
  ) {}

  async start(wf: Wf, transactionId: string, input?: unknown): Promise<void> {
    const ending = deferred<Ending>();
    this.endings.set(transactionId, ending);
    const onEvent = (e: EngineEvent): void => {
      if (e.type !== 'run.end' || e.run.parents.length > 0) return;
      ending.resolve({
        state: e.state,
        result: json(e.result),
        errors: sorted(
          e.errors.map((x) => ({
            action: x.step ?? '',
            handlerType: x.action ?? '',
            message: withoutStacks(x.message),
          })),
        ),
        compensationErrors: sorted(
          e.compensationErrors.map((x) => ({
            action: x.step ?? '',
            message: withoutStacks(x.message),
          })),
        ),
      });
    };
    await wf(this.container).run({
      input,
      context: { transactionId },
      throwOnError: false,
      instrumentation: { onEvent },
    });
  }

  ended(transactionId: string): Promise<Ending> {
    return this.endings.get(transactionId)!.promise;
  }

  private runner(idempotencyKey: string) {
    const workflowId = idempotencyKey.split(':')[0] ?? '';
    const wf = this.sdk.MedusaWorkflow.getWorkflow(workflowId);
    if (!wf) throw new Error(`no workflow ${workflowId}`);
    return wf(this.container);
  }

  async setStepSuccess(idempotencyKey: string, response: unknown): Promise<void> {
    await whenWaiting(() =>
      this.runner(idempotencyKey).registerStepSuccess({
        idempotencyKey,
        response,
        throwOnError: false,
      }),
    );
  }

  async setStepFailure(idempotencyKey: string, error: unknown): Promise<void> {
    await whenWaiting(() =>
      this.runner(idempotencyKey).registerStepFailure({
        idempotencyKey,
        response: error,
        throwOnError: false,
      }),
    );
  }
}
