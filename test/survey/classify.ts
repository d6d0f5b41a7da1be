// Sorts a failure of a surveyed auto-mocked run: the workflow's own check of the template input
// (the input lacks what this workflow reads, has another shape, or names something no store
// holds) or a failure our fake data still causes. Judged by hand, once per pattern, after reading
// the failing code in @medusajs/core-flows; a new pattern stays unclassified until judged. The
// fake-data patterns are tried first, so a generic input pattern never hides one.
export interface Verdict {
  kind: 'input' | 'fake' | 'waiting' | 'unclassified';
  reason?: string;
}

interface Rule extends Verdict {
  /** Matched against `<workflow id> <failed step>: <message>`. */
  pattern: RegExp;
}

const input = (pattern: RegExp, reason: string): Rule => ({ kind: 'input', pattern, reason });
const fake = (pattern: RegExp, reason: string): Rule => ({ kind: 'fake', pattern, reason });

const RULES: Rule[] = [
  {
    kind: 'waiting',
    pattern: /^(export-[a-z-]+|reindex-search-indexes) : (undefined)?$/,
    reason: 'an async (background) step: run() returns while it is invoking, not a failure',
  },
  // Patterns of fake-data failures the rules of engine/src/mock/ removed (kept to sort the
  // outcomes of older runs, as `--classify` does for a saved "before").
  fake(/An active Order Change is required/, 'a query for a state found nothing (fixed: world.ts)'),
  fake(/is not a draft/, "the workflow's subject was not in its state (fixed: hints.ts)"),
  fake(
    /Items with ids \S+ does not exist in|Fulfillment with id ful_1 not found/,
    "related rows did not reuse the input's ids (fixed: hints.ts)",
  ),
  fake(/since they have reservations/, 'reserved_quantity was 1 (fixed: shapes.ts)'),
  fake(/Invalid BigNumber value/, 'raw_ fields were {} (fixed: shapes.ts)'),
  fake(
    /belong to a product that is not published/,
    'made-up products were drafts (fixed: shapes.ts)',
  ),
  fake(
    /reading 'actions'\)|reading 'version'\)|Item quantity must be greater than 0/,
    'made-up rows lacked model fields (fixed: verbMethods.ts, shapes.ts)',
  ),
  fake(
    /(compute-adjustments-for-preview-as-step|compute-draft-order-adjustments-as-step|order-change-action-adjustments-input|refresh-line-items-query|refresh-pending-draft-order-shipping-methods-as-step): Cannot read properties of undefined|adjustedLevels\.map|orderChanges\.map/,
    'previewOrderChange / adjustInventory answered a bare {id} (fixed: verbMethods.ts)',
  ),
  fake(
    /Payment provider \S+ is not enabled in the cart's region/,
    "the region's providers did not reuse the input's provider_id (fixed: hints.ts)",
  ),
  fake(
    /You do not have permission to assign these roles/,
    'made-up roles and policies did not line up',
  ),
  fake(
    /All fulfillments must be canceled/,
    'the made-up order has a fulfillment (named by the input) that is not canceled',
  ),
  fake(
    /should have at least 1 item/,
    'the made-up order change holds no action of the kind needed',
  ),
  fake(
    /does not have an order transfer request/,
    'the made-up order change is not of the transfer kind',
  ),
  fake(/not in pending_authorization status/, 'the made-up session is in its default state'),
  fake(/already has a payment collection/, 'the cart row gets a made-up payment collection'),
  fake(/is not within region/, "the made-up region's countries do not include the input's"),
  fake(/Shipping Options are invalid for cart/, 'made-up options do not match the cart'),
  fake(
    /require shipping profiles that are not satisfied/,
    'made-up profiles did not line up (fixed: shapes.ts reuses a known record)',
  ),
  fake(/refund more than the captured amount|Amount cannot be greater than/, 'made-up amounts'),
  fake(
    /One or more orders are not draft/,
    'a plural query name was another table (fixed: fakeValue.ts)',
  ),
  fake(/Invalid time value/, 'a created record lacks the date the module would set'),
  fake(
    /reading 'payment_collection'|reading 'required_quantity'/,
    'made-up related ids do not line up across relations',
  ),
  fake(/variant\.inventory\.forEach/, 'a link (variant inventory) is not in the DML models'),
  input(
    /: No [a-z ]+ for (claim|order|exchange|return) \S+ in order change/,
    'the input has no action_id, so the change holds no action with it',
  ),
  input(/Line item with id: undefined was not found/, 'the input has no item_id'),
  input(/Invalid token\.$/, 'the input has no transfer token'),
  input(
    /(Product|Product variant) ID is required when doing a batch update/,
    'input rows lack ids',
  ),
  input(
    /(\.map|\.forEach|\.some|\.on) is not a function|is not iterable|Cannot destructure property '\w+' of 'input/,
    "the input has another shape than this workflow's (an object where it reads an array, or camelCase keys the template lacks)",
  ),
  input(
    /^(accept-invite-workflow|create-user-account|create-rbac-[a-z-]+|get-variant-items-with-prices-workflow|refresh-draft-order-adjustments|batch-price-list-prices|create-price-lists|update-[a-z-]+|archive-order-workflow|calculate-shipping-options-prices-workflow|create-inventory-levels-workflow|create-regions|create-reservations-workflow|create-stores|set-tax-rate-rules|upsert-variant-prices|compute-adjustments-for-preview|create-order-credit-lines|import-products|create-customer-addresses) \S+: (Cannot read properties of undefined|Invalid step input)/,
    'the step reads a property of the input this template does not have (read in the failing step)',
  ),
  input(
    /^mark-order-fulfillment-as-delivered-workflow \S+: Fulfillment with id/,
    'the input keys are fulfillmentId/orderId, which the template lacks',
  ),
  input(
    /The promotion code CODE is invalid|Promotion code "CODE" not found/,
    'no promotion CODE exists (a code is a name, not an id: the input names one nobody created)',
  ),
  input(/Country code cannot be changed/, "the input's address country differs from the order's"),
  input(
    /to a guest customer account/,
    'the order belongs to a guest; the input names no registered customer',
  ),
];

export function classify(workflow: string, step: string, message: string): Verdict {
  const text = `${workflow} ${step}: ${message}`;
  const rule = RULES.find((r) => r.pattern.test(text));
  return rule ? { kind: rule.kind, reason: rule.reason } : { kind: 'unclassified' };
}
