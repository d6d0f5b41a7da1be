// App conformance (mocha, Node): what a scenario is, the logging steps it builds its workflows
// from, and how one scenario runs on one driver into a comparable outcome. Imported by
// scenarios.ts and appEngine.test.ts.
import { normalizeTrace } from '../../conformance/engine/harness';
import type { Driver, Ending, Sdk, Wf } from './drivers';

export interface StepSpec {
  /** Output (or a function of the input). Default: `{ [name]: true }`. */
  out?: unknown;
  /** true: always throw; n: throw on the first n attempts. */
  fail?: boolean | number;
  /** The compensation throws. */
  compFail?: boolean;
  /** Extra step config (async, maxRetries, retryInterval, backgroundExecution...). */
  config?: Record<string, unknown>;
}

export interface Ctx {
  sdk: Sdk;
  /** This scenario's workflow id (`suffix` for its other workflows). */
  id(suffix?: string): string;
  step(name: string, spec?: StepSpec): ReturnType<Sdk['createStep']>;
}

export interface Scenario {
  name: string;
  input?: unknown;
  build(c: Ctx): Wf;
  /** Default: start one run and wait for its end. */
  act?(d: Driver, wf: Wf, c: Ctx, transactionId: string): Promise<Ending>;
}

export interface Outcome {
  trace: string[];
  log: Record<string, unknown[]>;
  ending: Ending;
}

function tick(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

function makeCtx(sdk: Sdk, scenario: string, trace: string[], log: Outcome['log']): Ctx {
  const record = (key: string, value: unknown): void => {
    (log[key] ??= []).push(JSON.parse(JSON.stringify(value ?? '<undefined>')) as unknown);
  };
  return {
    sdk,
    id: (suffix) => `app-conf-${scenario}${suffix ? `-${suffix}` : ''}`,
    step(name, spec = {}) {
      const invoke = async (input: unknown, ctx: { attempt: number }) => {
        trace.push(`begin:${name}`);
        record(name, { input, attempt: ctx.attempt });
        // Steps of one wave all begin before any settles.
        await tick();
        const f = spec.fail;
        if (f === true || (typeof f === 'number' && ctx.attempt <= f)) {
          trace.push(`failure:${name}`);
          throw new Error(`${name} failed`);
        }
        if (spec.config?.async && !spec.config.backgroundExecution) {
          trace.push(`awaiting:${name}`);
          return undefined;
        }
        trace.push(`success:${name}`);
        const out =
          typeof spec.out === 'function'
            ? (spec.out as (i: unknown) => unknown)(input)
            : (spec.out ?? { [name]: true });
        return new sdk.StepResponse(out);
      };
      const compensate = async (input: unknown, ctx: { attempt: number }) => {
        trace.push(`cbegin:${name}`);
        record(`${name}~`, { input, attempt: ctx.attempt });
        await tick();
        if (spec.compFail) {
          trace.push(`cfailure:${name}`);
          throw new Error(`${name} compensation failed`);
        }
        trace.push(`csuccess:${name}`);
      };
      const config = spec.config ? { name, ...spec.config } : name;
      return sdk.createStep(config, invoke, compensate);
    },
  };
}

/** Runs one scenario on one driver; `transactionId` is unique per driver and scenario. */
export async function runScenario(d: Driver, s: Scenario, transactionId: string): Promise<Outcome> {
  const trace: string[] = [];
  const log: Outcome['log'] = {};
  const c = makeCtx(d.sdk, s.name, trace, log);
  const wf = s.build(c);
  const ending = s.act
    ? await s.act(d, wf, c, transactionId)
    : await d.start(wf, transactionId, s.input).then(() => d.ended(transactionId));
  // Transaction ids differ between the two runs (each engine keeps its own).
  const text = JSON.stringify(ending).replaceAll(transactionId, '<tx>');
  return { trace: normalizeTrace(trace), log, ending: JSON.parse(text) as Ending };
}
