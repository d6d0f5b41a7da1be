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
    id: 'forced-failure-after-input',
    reason:
      'HARNESS: our engine injects a forced failure after resolving the step input (the debugger shows and edits it at the gate); on the real SDK the harness injects it where the step handler starts, before input resolution. When the input itself cannot be resolved, that step (or, for a nested step, its runAsStep parent) fails with the input error on ours and with the forced failure on the real SDK; everything else is identical.',
    applies: (r, d) => {
      if (d.aspect !== 'errors' || !r.includes(' !')) return false;
      // `workflow !step` or, for a step of a nested workflow, `workflow !nested>step`.
      const failed = /^\S+ !([^ ]+)/.exec(r)?.[1]?.split('>').pop() ?? '';
      const real = minus(errorsOf(d.real), errorsOf(d.ours));
      const ours = minus(errorsOf(d.ours), errorsOf(d.real));
      // Same errors but for the failed step's own (or its runAsStep parent's) message.
      return (
        real.length === 1 &&
        ours.length === 1 &&
        real[0]!.step === ours[0]!.step &&
        real[0]!.message === `Forced failure: ${failed}` &&
        !ours[0]!.message?.startsWith('Forced failure')
      );
    },
  },
  {
    id: 'real-sdk-cannot-resume-after-background-step',
    reason:
      "REAL SDK STANDALONE: export-* and reindex-search-indexes have an `async: true` (backgroundExecution) step. Both engines return from run() with state invoking and settle the step in the background; then the real package cannot go on without Medusa's workflow engine module (its in-memory storage throws \"Method 'scheduleRetry' not implemented\"), so it stays invoking (step done) or waiting_to_compensate (step failed). Ours goes on as the workflow engine module does: the next steps run (done) or the failed step is compensated (reverted). Only these workflows have such steps; semantics sheet: test ours against the documented behaviour where the package needs a scheduler.",
    applies: (r) =>
      /^(export-(products|orders|inventory-items)|reindex-search-indexes)( |$)/.test(r),
  },
];
