// Extension host (Workflow Executions) and unit tests: the graph overlay of a stored execution,
// a pure function of its record and the code's step names: each step's recorded invoke and
// compensate state as the debug overlay shows them, the rollback numbered in Medusa's order
// (deepest first), and the parts of the record that do not match the code. No vscode here.
import type { ExecutionRecord, RecordedStep } from '../../../engine/src/executions/record';
import { compensateState, invokeState } from '../debug/overlayModel';
import type { DisplayState, Overlay } from '../graph/messages';

const RANDOM_WHEN = /^when-then-[0-9A-HJKMNP-TV-Z]{26}$/i;

/** `codeSteps`: the step names the analyzer found in the workflow (graph node ids). */
export function recordOverlay(record: ExecutionRecord, codeSteps: readonly string[]): Overlay {
  const names = matchNames(record.steps, codeSteps);
  const nodes: Overlay['nodes'] = {};
  for (const s of record.steps) {
    const key = names.get(s) ?? s.name;
    const compensate: DisplayState =
      s.noCompensation && s.compensate.state !== 'failed'
        ? 'skipped'
        : compensateState(s.compensate.state);
    const invoke = invokeState(s.invoke.state);
    const over = record.state !== 'invoking' && record.state !== 'not_started';
    nodes[key] = { invoke: invoke === 'pending' && over ? 'not-run' : invoke, compensate };
  }
  const compensated = record.steps.filter(
    (s) =>
      !s.noCompensation && (s.compensate.state === 'reverted' || s.compensate.state === 'failed'),
  );
  // Medusa compensates the deepest steps first (its scan order); the record keeps no end times.
  const rollback = [...compensated]
    .sort((a, b) => b.depth - a.depth)
    .map((s) => names.get(s) ?? s.name);
  const failed =
    record.steps.find((s) => s.invoke.state === 'failed' || s.invoke.state === 'timeout') ??
    record.steps.find((s) => s.compensate.state === 'failed');
  return {
    nodes,
    rollback,
    runState: record.state,
    failed: failed && (names.get(failed) ?? failed.name),
    ended: true,
    recorded: {
      execution: record.id,
      transactionId: record.transactionId,
      mismatches: mismatches(record, codeSteps, names),
    },
  };
}

/** Record steps to code names: by name; unnamed `when-then` steps by position. */
function matchNames(
  steps: readonly RecordedStep[],
  codeSteps: readonly string[],
): Map<RecordedStep, string> {
  const code = new Set(codeSteps);
  const out = new Map<RecordedStep, string>();
  const codeRandom = codeSteps.filter(
    (n) => RANDOM_WHEN.test(n) && !steps.some((s) => s.name === n),
  );
  let next = 0;
  for (const s of steps) {
    if (code.has(s.name)) out.set(s, s.name);
    else if (RANDOM_WHEN.test(s.name) && next < codeRandom.length) out.set(s, codeRandom[next++]!);
  }
  return out;
}

function mismatches(
  record: ExecutionRecord,
  codeSteps: readonly string[],
  names: Map<RecordedStep, string>,
): string[] {
  const out: string[] = [];
  const matched = new Set(names.values());
  for (const s of record.steps) {
    const name = names.get(s);
    if (name === undefined)
      out.push(`Step "${s.name}" of the record is not in the code (renamed or removed?).`);
    else if (name !== s.name)
      out.push(`Unnamed step "${s.name}" of the record matched by position to "${name}".`);
  }
  for (const name of codeSteps) {
    if (!matched.has(name)) out.push(`Step "${name}" of the code is not in the record.`);
  }
  for (const w of record.warnings) out.push(w);
  return out;
}
