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

/** `unrunnable`: the file cannot be loaded here (a package the project needs is not installed). */
export type Kind = 'done' | 'fake' | 'workflow' | 'unrunnable' | 'unclassified';

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
const unrunnable = (pattern: RegExp, reason: string): Rule => ({
  kind: 'unrunnable',
  pattern,
  reason,
});

/** Matched against `<project>/<workflow>: <why>`. */
const RULES: Rule[] = [
  unrunnable(
    /Cannot find module '(?!\.)[^']+'/,
    "a third-party package of the project's is not installed here (the survey shares one app's node_modules)",
  ),
  unrunnable(
    /reading 'setCustomLink'/,
    "a link file's defineLink needs Medusa's module registry when it is loaded",
  ),
  fake(
    /Customer must (have an account|be registered)/,
    'a made-up customer has no account (`if (!customer.has_account) throw`)',
  ),
  fake(
    /Cannot accept quote when quote status is/,
    'a made-up quote is not in the status the step requires (QuoteStatus.PENDING_CUSTOMER)',
  ),
  fake(/Cart is already associated with an order/, 'a made-up cart has an order (`!!cart.order`)'),
  fake(
    /Customer has no loyalty points/,
    'a custom method (getPoints) answered [] where a number is checked',
  ),
  fake(/No loyalty promotion found on cart/, "a made-up cart's promotions have no loyalty rule"),
  fake(
    /require shipping profiles that are not satisfied/,
    "made-up products' and shipping options' profiles do not line up",
  ),
  fake(
    /Variant doesn't have weight/,
    'a made-up variant has no weight (`if (!variant.weight) throw`)',
  ),
  fake(
    /register-order-delivery failed: Cannot read properties of undefined \(reading 'variant'\)/,
    'made-up fulfillment items lack their line item',
  ),
  fake(
    /Can't activate a rental that is not in a pending state/,
    'a made-up rental is not pending (the check is a conjunction with the input: `status === "active" && rental.status !== "pending"`, not read)',
  ),
  fake(/Shipping Options are invalid for cart/, "made-up options do not match the cart's"),
  own(
    /This is a test error for Sentry/,
    'the workflow throws on purpose (a test of error reporting)',
  ),
  own(
    /No wishlist found for this customer/,
    "the input's customer has no wishlist: nothing in the run made one, and this not-found check must be able to fire",
  ),
  own(
    /Item quantity must be greater than 0|must have a quantity of 1\. Cannot add 0/,
    'the template input has quantity 0, which the workflow rejects',
  ),
  own(/Invalid currency code :/, 'the template input has an empty currency_code'),
  own(/not found for product ID: *$/, 'the template input has an empty product id'),
  own(/No items to fulfill/, 'the template input lists no items to fulfill'),
  own(
    /No variant selected for bundle item/,
    "the template input's bundle item has an empty item_id (with ids filled in the run is done: made-up bundle items take the input's item_id)",
  ),
];

export function verdictOf(o: Outcome): Verdict {
  if (o.code === 0) return { kind: 'done' };
  const text = `${o.project}/${o.workflow}: ${o.why}`;
  const rule = RULES.find((r) => r.pattern.test(text));
  return rule ? { kind: rule.kind, reason: rule.reason } : { kind: 'unclassified' };
}
