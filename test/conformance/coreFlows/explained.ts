// Differences between the real SDK and our engine on core-flows that are understood, each with
// its reason. A rule explains one differing aspect of one run; a run is explained only when every
// differing aspect is. The test lists how often each rule applied and fails on a rule that no
// longer applies (stale) or on any difference no rule explains.
import type { Difference } from './harness/compare';

export interface Explained {
  id: string;
  reason: string;
  applies(run: string, d: Difference): boolean;
}

const errorsOf = (v: unknown): { action?: string; step?: string; message?: string }[] =>
  (Array.isArray(v) ? v : []).map(
    (s) => JSON.parse(String(s)) as { action?: string; step?: string; message?: string },
  );
const minus = <T>(a: T[], b: T[]) =>
  a.filter((x) => !b.some((y) => JSON.stringify(y) === JSON.stringify(x)));

/** `calls` with some step/action groups (or some calls) removed, for comparing the rest. */
function callsWithout(v: unknown, drop: (group: string, call: unknown[]) => boolean): string {
  const groups = Object.entries((v ?? {}) as Record<string, unknown[][]>)
    .map(([g, calls]) => [g, calls.filter((c) => !drop(g, c))] as const)
    .filter(([, calls]) => calls.length > 0);
  return JSON.stringify(Object.fromEntries(groups));
}

export const EXPLAINED: Explained[] = [
  {
    id: 'engine-cancel-clears-events-on-run-container',
    reason:
      'ENGINE (reported, repro in the report): `wf(c2).cancel({ transaction })` of a run started with `wf(c1)`: the real SDK calls event_bus.clearGroupedEvents on c2 (the cancelling container; here the view of the compensating step), ours on c1 (the view of the invoking step). Seen in batch-promotion-rules, whose delete-promotion-rules-workflow step cancels its inner workflow when compensated.',
    applies: (_r, d) => {
      if (d.aspect !== 'calls') return false;
      const bus = (_g: string, c: unknown[]) =>
        c[0] === 'event_bus' && /GroupedEvents$/.test(String(c[1]));
      const notBus = (g: string, c: unknown[]) => !bus(g, c);
      const count = (v: unknown) => callsWithout(v, notBus).split('GroupedEvents').length;
      return (
        callsWithout(d.real, bus) === callsWithout(d.ours, bus) && count(d.real) === count(d.ours)
      );
    },
  },

  {
    id: 'forced-failure-after-input',
    reason:
      'HARNESS: our engine injects a forced failure after resolving the step input (the debugger shows and edits it at the gate); on the real SDK the harness injects it where the step handler starts, before input resolution. When the input itself cannot be resolved, that step fails with the input error on ours and with the forced failure on the real SDK.',
    applies: (r, d) => {
      if (d.aspect !== 'errors' || !r.includes(' !')) return false;
      const failed = r.slice(r.indexOf(' !') + 2);
      const a = minus(errorsOf(d.real), errorsOf(d.ours));
      const b = minus(errorsOf(d.ours), errorsOf(d.real));
      return (
        a.length > 0 &&
        [...a, ...b].every((e) => e.step === failed || e.action === '') &&
        [...a, ...b].some((e) => e.message === `Forced failure: ${failed}`)
      );
    },
  },
  {
    id: 'engine-async-steps-run-inline',
    reason:
      'ENGINE (reported): export-* and reindex-search-indexes have an `async: true` (backgroundExecution) step. The real orchestrator starts it after the wave and run() returns first: state invoking, the step still invoking, no run.end. Ours returns after the background handler settled: the step already failed (or done) and the state is waiting_to_compensate (or done). Timing of the return, not of what the step does.',
    applies: (r) =>
      /^(export-(products|orders|inventory-items)|reindex-search-indexes)( |$)/.test(r),
  },
];
