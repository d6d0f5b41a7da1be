// Runs one wave that the scheduler handed out: every step begins together, synchronous steps
// are awaited as a whole, async steps settle on their own later. Used by runtime/run.ts only.
import { defer } from '../clock';
import { PermanentStepFailureError, SkipStepResponse } from '../errors';
import { compensateHandler, invokeHandler } from './handlers';
import { handleStepFailure, setStepSuccess, skipStep } from './outcomes';
import type { RunContext } from './runContext';
import { handleExpiration } from './timeouts';
import type { StepRecord } from './transaction';

type Obj = Record<string, unknown>;

/** Starts a wave; the promise settles when its synchronous steps have (undefined: nothing to wait). */
export function runWave(run: RunContext, wave: number[]): Promise<void> | undefined {
  const compensating = run.tx.flow.state === 'compensating';
  const now = run.clock.now();
  if (wave.length !== 1) return runWideWave(run, wave, compensating, now);
  const rec = run.tx.records[wave[0]!]!;
  if (!prepare(run, rec, now)) return undefined;
  begin(run, rec, compensating);
  if (compensating ? rec.definition.compensateAsync : rec.definition.async) {
    void execAsync(run, rec, compensating);
    return undefined;
  }
  return execSync(run, rec, compensating, wave);
}

async function runWideWave(
  run: RunContext,
  wave: number[],
  compensating: boolean,
  now: number,
): Promise<void> {
  const recs = run.tx.records;
  const go = wave.map((i) => prepare(run, recs[i]!, now));
  const execs: Promise<void>[] = [];
  let asyncSteps: StepRecord[] | undefined;
  for (let k = 0; k < wave.length; k++) {
    if (!go[k]) continue;
    const rec = recs[wave[k]!]!;
    begin(run, rec, compensating);
    const isAsync = compensating ? rec.definition.compensateAsync : rec.definition.async;
    if (isAsync) (asyncSteps ??= []).push(rec);
    else execs.push(execSync(run, rec, compensating, wave));
  }
  if (execs.length === 1) await execs[0];
  else if (execs.length > 1) await Promise.all(execs);
  if (asyncSteps) for (const rec of asyncSteps) void execAsync(run, rec, compensating);
}

function begin(run: RunContext, rec: StepRecord, compensating: boolean): void {
  run.emit('onStepBegin', rec);
  if (run.ins) {
    run.notify({
      type: 'step.begin',
      run: run.frame!,
      step: rec.definition.action,
      action: compensating ? 'compensate' : 'invoke',
      attempt: rec.attempts,
    });
  }
}

/** Counts the attempt and moves the step's state; false when there is nothing to run (a step
 * without compensation is reverted at once). */
function prepare(run: RunContext, rec: StepRecord, now: number): boolean {
  rec.lastAttempt = now;
  rec.attempts++;
  const cur = rec.getStates();
  if (cur.state === 'not_started') {
    rec.startedAt ??= now;
    if (rec.stepFailed) {
      cur.state = 'compensating';
      if (rec.definition.noCompensation) {
        run.setCompState(rec, 'reverted');
        return false;
      }
    } else if (run.tx.flow.state === 'invoking') {
      cur.state = 'invoking';
    }
  }
  cur.status = 'waiting_response';
  return true;
}

function execSync(
  run: RunContext,
  rec: StepRecord,
  compensating: boolean,
  wave: number[],
): Promise<void> {
  const pending = compensating ? compensateHandler(run, rec) : invokeHandler(run, rec);
  return pending.then(
    (response) => {
      handleExpiration(run, rec, wave);
      if (!compensating && isSkip(response)) skipStep(run, rec);
      else setStepSuccess(run, rec, response);
      // A step that finished past its timeout has just failed.
      return run.failures.hasRecorded ? run.failures.report() : undefined;
    },
    (error: unknown) => {
      handleExpiration(run, rec, wave);
      failed(run, rec, error);
      return run.failures.hasRecorded ? run.failures.report() : undefined;
    },
  );
}

async function execAsync(run: RunContext, rec: StepRecord, compensating: boolean): Promise<void> {
  let response: unknown;
  try {
    response = compensating ? await compensateHandler(run, rec) : await invokeHandler(run, rec);
    if (run.call) await run.call.returned;
  } catch (error) {
    if (run.call) await run.call.returned;
    failed(run, rec, error);
    if (run.failures.hasRecorded) await run.failures.hold(run.failures.report());
    continueLater(run);
    return;
  }
  if (!compensating && isSkip(response)) {
    skipStep(run, rec);
  } else if (!rec.background || rec.definition.nested) {
    run.emit('onStepAwaiting', rec);
    if (run.ins)
      run.notify({ type: 'step.awaiting', run: run.frame!, step: rec.definition.action });
    run.timers.watchStepTimeout(run, rec);
    return;
  } else {
    handleExpiration(run, rec, [rec.index]);
    setStepSuccess(run, rec, response);
  }
  continueLater(run);
}

function failed(run: RunContext, rec: StepRecord, error: unknown): void {
  const stepResponse = (error as { getStepResponse?: () => unknown } | null)?.getStepResponse?.();
  handleStepFailure(run, rec, error, PermanentStepFailureError.is(error), stepResponse);
}

/** An async step settled on its own: resume on the scheduler, as Medusa's scheduleRetry(0). */
function continueLater(run: RunContext): void {
  if (run.tx.hasFinished()) return;
  defer(run.clock, () => void run.drive());
}

function isSkip(response: unknown): boolean {
  const r = response as Obj | undefined;
  const output = r?.__type || (r?.output as Obj | undefined)?.__type ? r!.output : r;
  return SkipStepResponse.is(output);
}
