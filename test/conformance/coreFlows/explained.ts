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

export const EXPLAINED: Explained[] = [
  {
    id: 'engine-compensate-errors-in-run-errors',
    reason:
      'ENGINE (reported): run() `errors` of ours also lists compensation errors of a runAsStep step whose child never started ("Transaction <child>-as-step-<tx> could not be found."); the real SDK returns invoke errors only.',
    applies: (_r, d) => {
      if (d.aspect !== 'errors') return false;
      const extraOurs = minus(errorsOf(d.ours), errorsOf(d.real));
      const extraReal = minus(errorsOf(d.real), errorsOf(d.ours));
      return (
        extraOurs.length > 0 &&
        extraOurs.every((e) => e.action === 'compensate') &&
        extraReal.every((e) => e.action === '')
      );
    },
  },
  {
    id: 'engine-result-error-not-in-errors',
    reason:
      'ENGINE (reported): on a failed run the real SDK resolves the WorkflowResponse and, when that throws, appends the bare error to `errors` (no action); ours does not.',
    applies: (_r, d) =>
      d.aspect === 'errors' &&
      minus(errorsOf(d.ours), errorsOf(d.real)).every((e) => e.action === 'compensate') &&
      minus(errorsOf(d.real), errorsOf(d.ours)).length > 0 &&
      minus(errorsOf(d.real), errorsOf(d.ours)).every((e) => e.action === ''),
  },
  {
    id: 'forced-failure-after-input',
    reason:
      'HARNESS: ours injects the forced failure after resolving the step input (the debugger shows and edits it at the gate); on the real SDK the failure is injected where the step handler starts, before input resolution. When the input itself cannot be resolved the two report different messages for that step.',
    applies: (r, d) => {
      if (d.aspect !== 'errors' || !r.includes(' !')) return false;
      const a = minus(errorsOf(d.real), errorsOf(d.ours));
      const b = minus(errorsOf(d.ours), errorsOf(d.real)).filter((e) => e.action !== 'compensate');
      const forced = [...a, ...b].filter((e) => e.message?.startsWith('Forced failure'));
      return (
        forced.length > 0 &&
        [...a, ...b].every(
          (e) => e.action === '' || [...a, ...b].some((f) => f.step === e.step && f !== e),
        )
      );
    },
  },
  {
    id: 'engine-async-steps-run-inline',
    reason:
      'ENGINE (reported): export-* and reindex-search-indexes have an `async: true` step; the real orchestrator runs it in the background and run() returns with state invoking before its handler settles; ours awaits it.',
    applies: (r) =>
      /^(export-(products|orders|inventory-items)|reindex-search-indexes)( |$)/.test(r),
  },
  {
    id: 'engine-no-grouped-event-release',
    reason:
      'ENGINE (reported): when a nested workflow (runAsStep) finishes, the real SDK resolves event_bus from its container and calls releaseGroupedEvents(eventGroupId) (clearGroupedEvents when it fails); ours makes no such call.',
    applies: (_r, d) => {
      if (d.aspect !== 'calls') return false;
      const strip = (v: unknown) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries((v ?? {}) as Record<string, unknown[][]>)
              .map(
                ([k, calls]) =>
                  [
                    k,
                    calls.filter(
                      (c) => !(c[0] === 'event_bus' && /GroupedEvents$/.test(String(c[1]))),
                    ),
                  ] as const,
              )
              .filter(([, calls]) => calls.length > 0),
          ),
        );
      return strip(d.real) === strip(d.ours);
    },
  },
  {
    id: 'engine-open-update-price-sets-compensate-input',
    reason:
      'ENGINE (open, reported, not yet understood): update-product-variants failing after update-price-sets: both compensate update-price-sets, but ours calls pricing.upsertPriceSets([]) from it and the real SDK makes no call, so the compensation input differs.',
    applies: (r, d) =>
      d.aspect === 'calls' &&
      /^update-product-variants !(emit-event-step|productVariantsUpdated)$/.test(r),
  },
  {
    id: 'engine-step-response-null',
    reason:
      'ENGINE (reported): `new StepResponse(null, x)` stores output undefined in ours, null in the real SDK (repro in the report).',
    applies: (_r, d) =>
      (d.aspect === 'outputs' || d.aspect === 'result') &&
      JSON.stringify(stripNulls(d.real)) === JSON.stringify(stripNulls(d.ours)),
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
