// The loop both children run: every workflow as is, then with a forced failure at each step
// position that began in its own as-is run; one JSON line per run.
import { writeFileSync, appendFileSync } from 'node:fs';
import * as medusaUtils from '@medusajs/utils';
import {
  addNamedEnums,
  createAutoMockContainer,
  emptyCatalog,
  snapshot,
  type AutoMockContainer,
  type ModelCatalog,
} from '../../../../engine/src/mock';
import type { ChildPlan, RunResult, RunSpec, StepCall } from './types';

export type RunOutcome = Omit<RunResult, 'calls' | keyof RunSpec>;

export interface EngineSide {
  workflowIds(): string[];
  run(spec: RunSpec, container: AutoMockContainer): Promise<RunOutcome>;
}

const RUN_TIMEOUT_MS = 10_000;

export async function runPlan(side: EngineSide, plan: ChildPlan): Promise<void> {
  writeFileSync(plan.out, '');
  const ids = plan.workflows.length > 0 ? plan.workflows : side.workflowIds().sort();
  for (const workflow of ids) {
    const asIs = await runOne(side, { workflow });
    appendFileSync(plan.out, `${JSON.stringify(asIs)}\n`);
    let last: RunResult | undefined;
    for (const fail of positions(asIs, plan.positions)) {
      const run = await runOne(side, { workflow, fail });
      // Nested positions of parallel children begin in a timing-dependent order: not those.
      if (!fail.includes('>')) last = run;
      appendFileSync(plan.out, `${JSON.stringify(run)}\n`);
    }
    // The failure at the last own position rolls back the most: fail each compensation it ran.
    for (const failCompensation of compensated(last)) {
      const spec = { workflow, fail: last!.fail!, failCompensation };
      appendFileSync(plan.out, `${JSON.stringify(await runOne(side, spec))}\n`);
    }
  }
}

/** The workflow's own steps whose compensation began, in order. */
function compensated(run: RunResult | undefined): string[] {
  const out: string[] = [];
  for (const e of run?.events ?? []) {
    if (e.type === 'step.begin' && e.action === 'compensate' && !out.includes(e.step))
      out.push(e.step);
  }
  return out;
}

/** Positions whose invoke began (nested workflows' steps too), in order; sampled evenly when asked. */
export function positions(asIs: RunResult, wanted: ChildPlan['positions']): string[] {
  // Nested positions of parallel children begin in a timing-dependent order (and the mock's
  // records are shared by them): sample them in a fixed order so both sides pick the same ones.
  const own = asIs.begun.filter((p) => !p.includes('>'));
  const begun = [...own, ...asIs.begun.filter((p) => p.includes('>')).sort()];
  if (wanted === 'all' || begun.length <= wanted.sample) return begun;
  const n = wanted.sample;
  if (n <= 0) return [];
  if (n === 1) return [begun[begun.length - 1]!];
  return [
    ...new Set(
      Array.from({ length: n }, (_, i) => begun[Math.round((i * (begun.length - 1)) / (n - 1))]!),
    ),
  ];
}

/** The models the CLI's auto-mock finds here: no module package is installed, only utils' enums. */
function models(): ModelCatalog {
  const catalog = emptyCatalog();
  addNamedEnums(catalog, medusaUtils);
  return catalog;
}

async function runOne(side: EngineSide, spec: RunSpec): Promise<RunResult> {
  const container = createAutoMockContainer({ models: models() });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`run timed out after ${RUN_TIMEOUT_MS} ms`)),
        RUN_TIMEOUT_MS,
      );
    });
    const outcome = await Promise.race([side.run(spec, container), timeout]);
    return {
      ...spec,
      ...outcome,
      outputs: snapshot(outcome.outputs) as RunResult['outputs'],
      result: snapshot(outcome.result),
      calls: stepCalls(container),
    };
  } catch (error) {
    const crash = error instanceof Error ? error.message : String(error);
    return {
      ...spec,
      events: [],
      begun: [],
      state: 'crash',
      steps: {},
      outputs: {},
      errors: [],
      result: undefined,
      calls: stepCalls(container),
      crash,
    };
  } finally {
    clearTimeout(timer);
  }
}

function stepCalls(container: AutoMockContainer): StepCall[] {
  const out: StepCall[] = [];
  for (const c of container.calls) {
    if (c.step === undefined || c.action === undefined) continue;
    out.push({
      step: c.step,
      action: c.action,
      key: c.key,
      method: c.method,
      args: c.args,
      result: c.result,
    });
  }
  return out;
}

/** Each step's output as the engine stored it (`{ __type, output: StepResponse-json | value }`). */
export function storedOutputs(
  invoke: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [step, data] of Object.entries(invoke ?? {})) {
    const outer = (data as { output?: unknown } | undefined)?.output;
    const inner =
      outer && typeof outer === 'object' && '__type' in outer && 'output' in outer
        ? (outer as { output: unknown }).output
        : outer;
    out[step] = inner;
  }
  return out;
}

/**
 * One transaction id per run, the same on both sides: a background (async) step of one run may
 * still be settling when the next starts, and the real SDK routes events by transaction id.
 */
export function transactionIdOf(spec: RunSpec): string {
  return `tx-${[spec.workflow, spec.fail, spec.failCompensation].filter(Boolean).join('-')}`;
}

/** Lets background (async) steps started by a run settle before its final state is read. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
