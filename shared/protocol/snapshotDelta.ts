// Run snapshots sent as deltas: what changed since the snapshot the other side already holds, so a
// stop on a 100-step run does not copy the whole run. Neutral: imported by the debug runner and
// the debug adapter (diffRun, applyRun) and the extension (applyRun); imports only engine types.
import type { RunSnapshot, StepSnapshot } from '../../engine/src/instrumentation';

/** A run's changes against the other side's copy of it; `full` when that copy is of no use. */
export interface RunDelta {
  /** The whole run: the other side has none, or holds another run (another frame). */
  full?: RunSnapshot;
  state?: RunSnapshot['state'];
  /** The run's input, when it changed (no `value`: none). */
  input?: { value?: unknown };
  /** The number of steps, when it changed. */
  count?: number;
  steps?: StepDelta[];
}

export interface StepDelta {
  /** Index in the run's `steps`. */
  at: number;
  /** The step's whole own record (all but `child`), when any of it changed. */
  own?: Omit<StepSnapshot, 'child'>;
  /** Its nested run's changes; `null` when it has none any more. */
  child?: RunDelta | null;
}

function own(s: StepSnapshot): Omit<StepSnapshot, 'child'> {
  const { child: _child, ...rest } = s;
  return rest;
}

/** Equality of JSON data (what snapshots hold): same primitives, arrays and plain objects.
 * Allocates nothing (no key lists): it runs over every step on every stepping round trip, and
 * garbage there is collection pauses in the round trip's tail. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k)) continue;
    keys++;
    if (!Object.hasOwn(y, k) || !equal(x[k], y[k])) return false;
  }
  for (const k in y) if (Object.hasOwn(y, k)) keys--;
  return keys === 0;
}

/** The step's own fields (all but `child`) are equal as values. */
function sameOwn(a: StepSnapshot, b: StepSnapshot): boolean {
  let keys = 0;
  for (const k in a) {
    if (k === 'child') continue;
    keys++;
    if (!equal(a[k as keyof StepSnapshot], b[k as keyof StepSnapshot])) return false;
  }
  for (const k in b) if (k !== 'child') keys--;
  return keys === 0;
}

/** What turns `prev` (the other side's copy, if any) into `next`; undefined when nothing changed.
 * Both are plain JSON-safe data, compared as values. */
export function diffRun(prev: RunSnapshot | undefined, next: RunSnapshot): RunDelta | undefined {
  if (!prev || !equal(prev.run, next.run)) return { full: next };
  const d: RunDelta = {};
  if (prev.state !== next.state) d.state = next.state;
  if (!equal(prev.input, next.input)) d.input = { value: next.input };
  if (prev.steps.length !== next.steps.length) d.count = next.steps.length;
  const steps: StepDelta[] = [];
  next.steps.forEach((s, at) => {
    const before = prev.steps[at];
    const sd: StepDelta = { at };
    if (before !== s && (!before || !sameOwn(before, s))) sd.own = own(s);
    if (s.child) {
      const child = diffRun(before?.child, s.child);
      if (child) sd.child = child;
    } else if (before?.child) sd.child = null;
    if (sd.own || sd.child !== undefined) steps.push(sd);
  });
  if (steps.length > 0) d.steps = steps;
  return Object.keys(d).length > 0 ? d : undefined;
}

/** `prev` with `delta` applied, as a new snapshot (`prev` is left as it was; unchanged steps are
 * shared). Throws when the delta does not fit `prev` (it was made against another copy). */
export function applyRun(prev: RunSnapshot | undefined, delta: RunDelta): RunSnapshot {
  if (delta.full) return delta.full;
  if (!prev) throw new Error('A run snapshot delta came before any snapshot.');
  const out: RunSnapshot = {
    ...prev,
    steps: prev.steps.slice(0, delta.count ?? prev.steps.length),
  };
  if (delta.state !== undefined) out.state = delta.state;
  if (delta.input) out.input = delta.input.value;
  for (const sd of delta.steps ?? []) {
    const before = out.steps[sd.at];
    let step: StepSnapshot;
    if (sd.own) step = { ...sd.own };
    else if (before) step = own(before);
    else throw new Error(`A run snapshot delta changes a missing step ${sd.at}.`);
    if (sd.child) step.child = applyRun(before?.child, sd.child);
    else if (sd.child === undefined && before?.child) step.child = before.child;
    out.steps[sd.at] = step;
  }
  for (let i = 0; i < out.steps.length; i++)
    if (!out.steps[i]) throw new Error(`A run snapshot delta leaves step ${i} out.`);
  return out;
}
