// Sorts a failure of a surveyed auto-mocked run: the workflow's own check of the template input
// (expected: the input names records nobody created, or values no real store holds) or a failure
// our fake data caused. Judged by hand once per message pattern; unknown patterns stay unclassified.
export interface Verdict {
  kind: 'input' | 'fake' | 'unclassified';
  reason?: string;
}

interface Rule extends Verdict {
  pattern: RegExp;
}

const RULES: Rule[] = [];

export function classify(message: string): Verdict {
  const rule = RULES.find((r) => r.pattern.test(message));
  return rule ? { kind: rule.kind, reason: rule.reason } : { kind: 'unclassified' };
}
