// Sorts how a surveyed run of a medusajs/examples workflow ended: done, failed on a value our fake
// container made up, or failed for a reason of the workflow itself (the template input violates
// its own validation, it needs a real third-party service, or the run waits on a background step).
// Judged by hand, once per pattern, after reading the failing code; a new pattern stays
// unclassified until judged. Fake-data patterns are tried first. Used by ./index.ts.
export interface Outcome {
  project: string;
  workflow: string;
  /** The CLI's exit code (0 done, 1 reverted or failed, 2 could not run). */
  code: number | null;
  /** The CLI's last line of stderr. */
  why: string;
}

export type Kind = 'done' | 'fake' | 'workflow' | 'unclassified';

export interface Verdict {
  kind: Kind;
  reason?: string;
}

interface Rule {
  kind: Kind;
  pattern: RegExp;
  reason: string;
}

const fake = (pattern: RegExp, reason: string): Rule => ({ kind: 'fake', pattern, reason });
const own = (pattern: RegExp, reason: string): Rule => ({ kind: 'workflow', pattern, reason });

/** Matched against `<project>/<workflow>: <why>`. */
const RULES: Rule[] = [];

export function verdictOf(o: Outcome): Verdict {
  if (o.code === 0) return { kind: 'done' };
  const text = `${o.project}/${o.workflow}: ${o.why}`;
  const rule = RULES.find((r) => r.pattern.test(text));
  return rule ? { kind: rule.kind, reason: rule.reason } : { kind: 'unclassified' };
}

export const _rules = { fake, own };
