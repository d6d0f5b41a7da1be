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
    id: 'engine-result-error-swallowed-with-instrumentation',
    reason:
      'ENGINE (reported, repro in the report): with instrumentation, a failed run whose WorkflowResponse cannot be resolved returns errors without the bare resolution error the real SDK appends (runner.ts finished() caches undefined for a throwing result).',
    applies: (_r, d) =>
      d.aspect === 'errors' &&
      minus(errorsOf(d.ours), errorsOf(d.real)).length === 0 &&
      minus(errorsOf(d.real), errorsOf(d.ours)).every((e) => e.action === ''),
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
      'ENGINE (reported): export-* and reindex-search-indexes have an `async: true` step whose handler returns a StepResponse; the real orchestrator runs it in the background and run() returns with state invoking before it settles; ours runs it to completion inside run().',
    applies: (r) =>
      /^(export-(products|orders|inventory-items)|reindex-search-indexes)( |$)/.test(r),
  },
  {
    id: 'engine-no-grouped-event-release',
    reason:
      'ENGINE (reported, repro in the report): when a run ends, the real SDK resolves event_bus from the container and calls releaseGroupedEvents(eventGroupId) (clearGroupedEvents when it failed); ours makes no such call. Seen here for workflows a step runs with `.run()`.',
    applies: (_r, d) =>
      d.aspect === 'calls' &&
      callsWithout(
        d.real,
        (_g, c) => c[0] === 'event_bus' && /GroupedEvents$/.test(String(c[1])),
      ) === callsWithout(d.ours, () => false),
  },
  {
    id: 'engine-step-response-null',
    reason:
      'ENGINE (reported, repro in the report): `new StepResponse(null, x)` stores output undefined and `new StepResponse(out, null)` compensates with `out`; the real SDK keeps null (it only treats undefined as missing). Seen as missing null outputs, and as update-price-sets compensating with [] (a pricing.upsertPriceSets([]) call) where the real SDK gets null and returns.',
    applies: (_r, d) =>
      ((d.aspect === 'outputs' || d.aspect === 'result') &&
        JSON.stringify(stripNulls(d.real)) === JSON.stringify(stripNulls(d.ours))) ||
      (d.aspect === 'calls' &&
        callsWithout(d.ours, (g) => g === 'update-price-sets:compensate') ===
          callsWithout(d.real, () => false)),
  },
];

function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, stripNulls(x)]),
  );
}
