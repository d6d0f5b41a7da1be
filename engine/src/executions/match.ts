// Matches a stored execution to the workflow's code by step names and structure (pure, no I/O).
// Used by the replay run (engine/src/executions/replay.ts) and, through it, the CLI and debugger.
import type { Plan } from '../runtime/scheduling';
import type { RecordedStep } from './record';

/** A part of the record that does not fit the code, or of the code that the record lacks. */
export interface ReplayMismatch {
  kind: 'missing-in-code' | 'missing-in-record' | 'moved' | 'random-name' | 'state' | 'record-ends';
  /** The step's name in the code when it has one, else in the record. */
  step: string;
  message: string;
}

export interface RecordMatch {
  /** The recorded step answering for each code step (by the code's name). */
  byCodeName: Map<string, RecordedStep>;
  mismatches: ReplayMismatch[];
}

/** Medusa names an unnamed `when(...).then(...)` with a ulid drawn at every process start. */
const RANDOM_WHEN = /^when-then-[0-9A-HJKMNP-TV-Z]{26}$/i;

/** Pairs the code's steps with the record's: by name; unnamed `when-then` steps by position. */
export function matchRecord(plan: Plan, steps: readonly RecordedStep[]): RecordMatch {
  const recorded = new Map(steps.map((s) => [s.name, s]));
  const byCodeName = new Map<string, RecordedStep>();
  const mismatches: ReplayMismatch[] = [];
  const codeOrder = depthFirst(plan);
  const used = new Set<RecordedStep>();
  const codeRandom: string[] = [];
  for (const step of codeOrder) {
    const rec = recorded.get(step.name);
    if (rec) {
      byCodeName.set(step.name, rec);
      used.add(rec);
    } else if (RANDOM_WHEN.test(step.name)) codeRandom.push(step.name);
  }
  const recordRandom = steps.filter((s) => !used.has(s) && RANDOM_WHEN.test(s.name));
  codeRandom.forEach((name, i) => {
    const rec = recordRandom[i];
    if (!rec) return;
    byCodeName.set(name, rec);
    used.add(rec);
    mismatches.push({
      kind: 'random-name',
      step: name,
      message: `Unnamed when-then step "${rec.name}" of the record matched by position to "${name}" in the code (Medusa draws these names at every start; name the when to match it exactly).`,
    });
  });
  for (const s of steps) {
    if (used.has(s)) continue;
    mismatches.push({
      kind: 'missing-in-code',
      step: s.name,
      message: `Step "${s.name}" (${s.path}) of the record is not in the code: renamed or removed? Recorded invoke ${s.invoke.state}, compensate ${s.compensate.state}.`,
    });
  }
  const codeNameOf = new Map<string, string>();
  for (const [name, rec] of byCodeName) codeNameOf.set(rec.name, name);
  for (const step of codeOrder) {
    const rec = byCodeName.get(step.name);
    if (!rec) {
      mismatches.push({
        kind: 'missing-in-record',
        step: step.name,
        message: `Step "${step.name}" of the code is not in the record: added or renamed since this execution?`,
      });
      continue;
    }
    const codeParent = plan.steps[step.parent]?.name;
    const recordParent = parentName(rec, steps);
    const mapped = recordParent === undefined ? undefined : codeNameOf.get(recordParent);
    // Under a parent the code lacks, the parent's own mismatch says it all.
    if (recordParent !== undefined && mapped === undefined) continue;
    if (mapped !== codeParent) {
      mismatches.push({
        kind: 'moved',
        step: step.name,
        message: `Step "${step.name}" runs after ${describe(codeParent)} in the code but after ${describe(recordParent)} in the record: the structure changed.`,
      });
    }
  }
  return { byCodeName, mismatches };
}

function describe(parent: string | undefined): string {
  return parent === undefined ? 'the start' : `"${parent}"`;
}

function parentName(rec: RecordedStep, steps: readonly RecordedStep[]): string | undefined {
  const cut = rec.path.lastIndexOf('.');
  const parentPath = cut > 0 ? rec.path.slice(0, cut) : undefined;
  if (parentPath === undefined || parentPath === '_root') return undefined;
  return steps.find((s) => s.path === parentPath)?.name ?? parentPath.split('.').pop();
}

/** The plan's steps depth first (the record's order), each group in definition order. */
function depthFirst(plan: Plan): Plan['steps'] {
  const out: Plan['steps'] = [];
  const visit = (i: number): void => {
    const step = plan.steps[i]!;
    out.push(step);
    for (const c of step.children) visit(c);
  };
  for (const root of plan.groups[0] ?? []) visit(root);
  return out;
}
