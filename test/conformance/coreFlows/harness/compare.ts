// Comparing one run on both engines: traces with steps that begin (or settle) together compared
// as sets, final states, outputs, errors, result and container calls, after removing values
// that differ between any two runs (timestamps, generated ulids).
import type { RunResult, TraceEvent } from './types';

export type Aspect =
  'crash' | 'trace' | 'state' | 'steps' | 'outputs' | 'errors' | 'result' | 'calls';

export interface Difference {
  aspect: Aspect;
  real: unknown;
  ours: unknown;
}

export function runKey(r: { workflow: string; fail?: string; failCompensation?: string }): string {
  const invoke = r.fail === undefined ? '' : ` !${r.fail}`;
  const compensate = r.failCompensation === undefined ? '' : ` !!${r.failCompensation}`;
  return `${r.workflow}${invoke}${compensate}`;
}

export function compareRuns(real: RunResult, ours: RunResult): Difference[] {
  const out: Difference[] = [];
  const check = (aspect: Aspect, a: unknown, b: unknown) => {
    const na = canonical(a);
    const nb = canonical(b);
    if (na !== nb)
      out.push({ aspect, real: JSON.parse(na) as unknown, ours: JSON.parse(nb) as unknown });
  };
  check('crash', real.crash ?? null, ours.crash ?? null);
  check('trace', normalizeTrace(real.events), normalizeTrace(ours.events));
  check('state', real.state, ours.state);
  check('steps', real.steps, ours.steps);
  check('outputs', real.outputs, ours.outputs);
  // Concurrent steps fail in an order that depends on microtask timing: compare errors as a set.
  check('errors', sortedErrors(real.errors), sortedErrors(ours.errors));
  check('result', real.result ?? null, ours.result ?? null);
  check('calls', groupCalls(real), groupCalls(ours));
  return out;
}

/**
 * Waves: a wave opens with a begin while nothing is in flight and closes when all it began have
 * settled; its begins and its settlements are compared as sets. (The real orchestrator yields
 * between the begins of one wave, so a fast sibling may settle before the next one begins.)
 */
export function normalizeTrace(events: readonly TraceEvent[]): string[] {
  const out: string[] = [];
  const inFlight = new Set<string>();
  let begins: string[] = [];
  let settles: string[] = [];
  const flush = () => {
    if (begins.length > 0) out.push(`begin ${begins.sort().join(', ')}`);
    if (settles.length > 0) out.push(`settle ${settles.sort().join(', ')}`);
    begins = [];
    settles = [];
  };
  for (const e of events) {
    const [kind, label, key] = token(e);
    if (kind === 'begin') {
      if (inFlight.size === 0) flush();
      inFlight.add(key);
      begins.push(label);
    } else if (kind === 'settle') {
      inFlight.delete(key);
      settles.push(label);
    } else {
      flush();
      out.push(label);
    }
  }
  flush();
  return out;
}

function token(e: TraceEvent): [kind: string, label: string, key: string] {
  switch (e.type) {
    case 'step.begin':
      return ['begin', `${e.step}:${e.action}`, `${e.step}:${e.action}`];
    case 'step.success':
      return ['settle', `ok ${e.step}:${e.action}`, `${e.step}:${e.action}`];
    case 'step.failure':
      return ['settle', `failed ${e.step}:${e.action}`, `${e.step}:${e.action}`];
    case 'step.skipped':
      return ['settle', `skipped ${e.step}`, `${e.step}:invoke`];
    case 'compensation.begin':
      return ['other', 'compensation.begin', ''];
    case 'run.end':
      return ['other', `run.end ${e.state}`, ''];
  }
}

/** Calls per step and action, in call order within each (steps may interleave). */
function groupCalls(r: RunResult): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const c of r.calls) {
    (out[`${c.step}:${c.action}`] ??= []).push([c.key, c.method, c.args, c.result]);
  }
  return out;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ULID = /[0-9A-HJKMNP-TV-Z]{26}/g;
/** Date.now() inside text, e.g. export file names. */
const EPOCH_MS = /(?<!\d)1[5-9]\d{11}(?!\d)/g;

/** JSON with sorted keys, volatile values masked; undefined and missing keys are the same. */
export function canonical(value: unknown): string {
  return JSON.stringify(mask(value)) ?? 'null';
}

function mask(v: unknown): unknown {
  if (typeof v === 'string') {
    return ISO_DATE.test(v) ? '<date>' : v.replace(ULID, '<ulid>').replace(EPOCH_MS, '<now>');
  }
  if (typeof v === 'number') return v > 1.5e12 && v < 2.5e12 ? '<now>' : v;
  if (Array.isArray(v)) return v.map(mask);
  if (v === null || typeof v !== 'object') return v ?? null;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = mask(x);
  }
  return out;
}

function sortedErrors(errors: RunResult['errors']): string[] {
  return errors.map((e) => canonical(e)).sort();
}
