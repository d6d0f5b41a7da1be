// Differential harness: one scenario definition (a function of the SDK module) runs on our
// engine and on the real @medusajs/workflows-sdk; both outcomes are normalized and compared.

import * as ours from '../../../engine/src/index';

export type Sdk = typeof ours;
export type Wf = ReturnType<Sdk['createWorkflow']>;

export interface Helpers {
  sdk: Sdk;
  /** Unique workflow id for this scenario (the real package keeps global singletons). */
  id(suffix?: string): string;
  /** Records a side effect under a key (compared per key, in order). */
  log(key: string, value?: unknown): void;
  /** Waits one macrotask, so steps of a wave all begin before any settles. */
  tick(): Promise<void>;
  sleep(ms: number): Promise<void>;
  /** A step with logging and scripted behaviour. */
  step(name: string, spec?: StepSpec): ReturnType<Sdk['createStep']>;
  events: Record<string, (args: { step?: unknown }) => void>;
}

export interface StepSpec {
  /** Output (or a function of the input). Default: `{ [name]: true }`. */
  out?: unknown;
  /** Compensate input passed to StepResponse (default: output). */
  comp?: unknown;
  /** true: always throw; number n: throw on the first n attempts; 'permanent': permanentFailure. */
  fail?: boolean | number | 'permanent' | 'permanent-with-input';
  /** false: no compensate function. */
  compensate?: boolean;
  /** true or number like `fail`, for the compensation. */
  compFail?: boolean | number;
  skip?: boolean;
  config?: Record<string, unknown>;
  /** Sleep this many ms in invoke. */
  delay?: number;
  /** Return this raw value instead of a StepResponse. */
  raw?: () => unknown;
}

export interface Outcome {
  trace: string[];
  state?: string;
  result?: unknown;
  errors?: unknown;
  thrown?: unknown;
  log: Record<string, unknown[]>;
  extra?: unknown;
}

export interface Scenario {
  name: string;
  /** Defines the workflow(s); returns what `act` needs. */
  build(h: Helpers): Wf | Promise<Wf>;
  input?: unknown;
  /** Custom run sequence; default: run (throwOnError false) then, when it failed, run again to
   * capture the rejection. Return extra observations to compare. */
  act?(wf: Wf, h: Helpers, run: RunFn): Promise<unknown>;
}

export type RunFn = (wf: Wf, opts?: Record<string, unknown>) => Promise<Record<string, unknown>>;

type Ev = { step?: { definition: { action: string }; isCompensating(): boolean } };

function eventRecorder(trace: string[]): Helpers['events'] {
  const step = (kind: string) => (a: unknown) => {
    const e = a as Ev;
    const comp = e.step?.isCompensating() ? 'c' : '';
    trace.push(stableNames(`${comp}${kind}:${e.step?.definition.action}`));
  };
  const flow = (kind: string) => () => trace.push(kind);
  return {
    onBegin: flow('onBegin'),
    onResume: flow('onResume'),
    onFinish: flow('onFinish'),
    onTimeout: flow('onTimeout'),
    onCompensateBegin: flow('onCompensateBegin'),
    onStepBegin: step('begin'),
    onStepSuccess: step('success'),
    onStepFailure: step('failure'),
    onStepAwaiting: step('awaiting'),
    onStepSkipped: step('skipped'),
    onCompensateStepSuccess: step('success'),
    onCompensateStepFailure: step('failure'),
  };
}

const SETTLE = new Set(['success', 'failure', 'skipped', 'awaiting']);

/**
 * Steps that begin together are compared as a set; so are the settlements between two begins
 * (steps of one wave run concurrently, the order they finish in is timing). Other events keep
 * their order.
 */
export function normalizeTrace(trace: string[]): string[] {
  const out: string[] = [];
  let group = '';
  let items: string[] = [];
  const flush = (): void => {
    if (items.length > 0) out.push(`${group} ${items.sort().join(',')}`);
    items = [];
  };
  for (const t of trace) {
    const i = t.indexOf(':');
    const kind = i < 0 ? t : t.slice(0, i);
    const label = i < 0 ? '' : t.slice(i + 1);
    const comp = kind.startsWith('c') && kind !== 'cbegin' ? kind.slice(1) : kind;
    const settle = SETTLE.has(comp) || SETTLE.has(kind);
    const g = settle ? (kind.startsWith('c') ? 'csettle' : 'settle') : kind;
    if (g !== group) flush();
    group = g;
    items.push(settle ? `${kind} ${label}` : label);
  }
  flush();
  return out;
}

/** The comparable shape of an error value (stored or thrown). */
export function errorShape(e: unknown): unknown {
  if (e === null || typeof e !== 'object') return { primitive: e };
  const o = e as Record<string, unknown>;
  const stack = typeof o.stack === 'string' ? o.stack : undefined;
  const tail = stack?.split('\n').pop();
  const custom: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort())
    if (!['stack', 'message', 'name'].includes(k)) custom[k] = o[k];
  return {
    isError: e instanceof Error,
    keys: Object.keys(o).sort(),
    name: o.name,
    message: o.message,
    stackTail: tail?.includes('⮑')
      ? tail.replace(/sat .*?: \[/, 'sat [')
      : tail === undefined
        ? undefined
        : '<stack>',
    custom,
  };
}

function tick(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

/** Workflow ids each scenario defined (for comparing flow trees). */
export const definedIds = new Map<string, Set<string>>();

/** Random pass-through names (`when-then-<ulid>`) differ between runs. */
export function stableNames(text: string): string {
  return text.replace(/when-then-[0-9A-Z]{26}/g, 'when-then-*');
}

function makeHelpers(
  sdk: Sdk,
  scenario: string,
  trace: string[],
  log: Record<string, unknown[]>,
): Helpers {
  const attempts = new Map<string, number>();
  const h: Helpers = {
    sdk,
    id: (suffix) => {
      const id = `conf-${scenario}${suffix ? `-${suffix}` : ''}`;
      let ids = definedIds.get(scenario);
      if (!ids) definedIds.set(scenario, (ids = new Set()));
      ids.add(id);
      return id;
    },
    log: (key, value) =>
      (log[key] ??= []).push(
        value === undefined ? '<undefined>' : (JSON.parse(JSON.stringify(value)) as unknown),
      ),
    tick,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    events: eventRecorder(trace),
    step(name, spec = {}) {
      const { StepResponse, createStep } = sdk;
      const invoke = async (input: unknown, ctx: { attempt: number }) => {
        await tick();
        if (spec.delay) await h.sleep(spec.delay);
        h.log(name, { input, attempt: ctx.attempt });
        const k = `${name}:i`;
        attempts.set(k, (attempts.get(k) ?? 0) + 1);
        const f = spec.fail;
        if (f === 'permanent') return StepResponse.permanentFailure(`${name} failed permanently`);
        if (f === 'permanent-with-input') {
          return StepResponse.permanentFailure(`${name} failed permanently`, { partial: name });
        }
        if (f === true || (typeof f === 'number' && ctx.attempt <= f)) {
          const e = new Error(`${name} failed`) as Error & { code?: string };
          e.code = `E_${name}`;
          throw e;
        }
        if (spec.skip) return StepResponse.skip();
        if (spec.raw) return spec.raw();
        const out =
          typeof spec.out === 'function'
            ? (spec.out as (i: unknown) => unknown)(input)
            : (spec.out ?? { [name]: true });
        return new StepResponse(out, spec.comp);
      };
      const compensate = async (input: unknown, ctx: { attempt: number }) => {
        await tick();
        h.log(`${name}~`, { input, attempt: ctx.attempt });
        const f = spec.compFail;
        if (f === true || (typeof f === 'number' && ctx.attempt <= f))
          throw new Error(`${name} compensation failed`);
      };
      const nameOrConfig = spec.config ? { name, ...spec.config } : name;
      return createStep(
        nameOrConfig as never,
        invoke as never,
        spec.compensate === false ? undefined : (compensate as never),
      );
    },
  };
  return h;
}

function summarize(res: Record<string, unknown>): Record<string, unknown> {
  const tx = res.transaction as { getState(): string };
  // A step's error is a record; an error thrown while resolving the result is appended as is.
  const errors = (res.errors as { action?: string; handlerType?: string; error?: unknown }[]).map(
    (e) =>
      e.handlerType === undefined
        ? { appended: errorShape(e) }
        : { action: e.action, handlerType: e.handlerType, error: errorShape(e.error) },
  );
  return {
    state: tx.getState(),
    result: JSON.parse(JSON.stringify(res.result ?? null)) as unknown,
    errors,
  };
}

/** Runs one scenario on one SDK and returns the normalized outcome. */
export async function runScenario(sdk: Sdk, s: Scenario): Promise<Outcome> {
  const trace: string[] = [];
  const log: Record<string, unknown[]> = {};
  const h = makeHelpers(sdk, s.name, trace, log);
  const wf = await s.build(h);
  const run: RunFn = async (w, opts = {}) => {
    const res = (await w.run({
      events: h.events,
      throwOnError: false,
      ...opts,
    })) as unknown as Record<string, unknown>;
    await tick();
    return summarize(res);
  };
  const outcome: Outcome = { trace: [], log };
  if (s.act) {
    outcome.extra = await s.act(wf, h, run);
  } else {
    const first = await run(wf, { input: s.input, context: { transactionId: 'tx-1' } });
    Object.assign(outcome, first);
    if (first.state !== 'done') {
      try {
        await wf.run({ input: s.input, context: { transactionId: 'tx-2' } });
        outcome.thrown = 'no rejection';
      } catch (e) {
        outcome.thrown = errorShape(e);
      }
    }
  }
  outcome.trace = normalizeTrace(trace);
  return outcome;
}

/** Captures the message of a synchronous or asynchronous misuse error. */
export async function errorOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
    return 'no error';
  } catch (e) {
    return { message: (e as Error).message, name: (e as Error).name };
  }
}
