// Calls a step's user functions: `when` condition, input resolution (JSON-cloned), the gate and
// forced failures from instrumentation, and the response wrapping Medusa stores.
import type { StepAction } from '../instrumentation';
import type { StepImpl } from './definition';
import { T_DATA, T_STEP_RESPONSE } from '../symbols';
import { StepResponse } from '../responses';
import { resolveValue } from './resolve';
import { StepContext } from './stepContext';
import type { RunContext } from './runContext';
import type { StepRecord } from './transaction';

type Obj = Record<string, unknown>;

// The messages are Medusa's, where `action` is the step's name.
function implOf(run: RunContext, step: string, action: StepAction): StepImpl {
  const impl = run.def.handlers.get(step);
  if (!impl) throw new Error(`Handler for action "${step}" not found.`);
  if (action === 'compensate' && !impl.compensate) {
    throw new Error(`"compensate" handler for action "${step}" not found.`);
  }
  return impl;
}

function contextFor(run: RunContext, rec: StepRecord, action: StepAction): StepContext {
  return new StepContext(
    run.tx,
    rec.definition.action,
    action,
    rec.attempts,
    run.containerFor(rec.definition.action, action),
    run.context,
    rec.definition,
    rec.lastAttempt ?? 0,
    run,
  );
}

function wrap(result: unknown): Obj {
  if (!result || typeof result !== 'object') return { __type: T_DATA, output: result };
  const r = result as Obj & { toJSON?: () => unknown };
  return { __type: T_DATA, output: r.__type === T_STEP_RESPONSE && r.toJSON ? r.toJSON() : r };
}

async function gate(
  run: RunContext,
  rec: StepRecord,
  action: StepAction,
  input: unknown,
): Promise<unknown> {
  const ins = run.ins!;
  const step = rec.definition.action;
  if (ins.gate) {
    let current = input;
    await ins.gate({
      run: run.frame!,
      step,
      action,
      attempt: rec.attempts,
      input,
      setInput(value: unknown) {
        current = value;
        this.input = value;
      },
    });
    input = current;
  }
  if (ins.shouldFail?.(step, action, run.frame!)) throw new Error(`Forced failure: ${step}`);
  return input;
}

async function conditionHolds(run: RunContext, impl: StepImpl, ctx: StepContext): Promise<boolean> {
  const cond = impl.condition!;
  let args = resolveValue(cond.input, run.tx.context);
  if (args instanceof Promise) args = await args;
  return !!(await cond.fn(args, ctx));
}

/** Runs a step's invoke; returns Medusa's stored response shape, or undefined while awaiting. */
export async function invokeHandler(run: RunContext, rec: StepRecord): Promise<unknown> {
  const impl = implOf(run, rec.definition.action, 'invoke');
  const ctx = contextFor(run, rec, 'invoke');
  if (impl.condition) {
    const holds = await conditionHolds(run, impl, ctx);
    if (rec.definition.async) rec.background = true;
    if (!holds) return StepResponse.skip();
  }
  let input: unknown = {};
  if (impl.input) {
    input = resolveValue(impl.input, run.tx.context);
    if (input instanceof Promise) input = await input;
  }
  rec.input = input;
  if (run.ins) input = rec.input = await gate(run, rec, 'invoke', input);
  const response = wrap(await impl.invoke(input, ctx as never));
  if (impl.async) {
    if ((response.output as Obj | undefined)?.__type !== T_STEP_RESPONSE) return undefined;
    rec.background = true;
  }
  return response;
}

/** Runs a step's compensation with the compensate input its invoke left. */
export async function compensateHandler(run: RunContext, rec: StepRecord): Promise<unknown> {
  const impl = implOf(run, rec.definition.action, 'compensate');
  const ctx = contextFor(run, rec, 'compensate');
  const stored = (run.tx.context.invoke[impl.outputKey] as Obj | undefined)?.output as
    Obj | undefined;
  let input: unknown = stored;
  if (stored) input = stored.__type === T_STEP_RESPONSE ? stored.compensateInput : stored;
  rec.compensateInput = input;
  if (run.ins) input = rec.compensateInput = await gate(run, rec, 'compensate', input);
  const output = await impl.compensate!(input, ctx as never);
  return { output };
}
