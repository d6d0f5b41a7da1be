// Extension host (Workflow Executions) and unit tests: the graph overlay of a stored execution,
// a pure function of its record and the code's step names: each step's recorded invoke and
// compensate state as the debug overlay shows them, the rollback numbered in Medusa's order
// (deepest first), and the parts of the record that do not match the code. No vscode here.
import type {
  ExecutionRecord,
  RecordedError,
  RecordedStep,
} from '../../../engine/src/executions/record';
import { compensateState, invokeState } from '../debug/overlayModel';
import type {
  DisplayState,
  Overlay,
  RecordedErrorText,
  RecordedNodeDetails,
} from '../graph/messages';

/** Longest JSON text a hover card carries (the record's JSON view has it all). */
const TEXT_LIMIT = 1500;

const RANDOM_WHEN = /^when-then-[0-9A-HJKMNP-TV-Z]{26}$/i;

/** The transaction id Medusa gives the child run of a `runAsStep` step (`<step>-<parent tx>`). */
export function childTransactionId(
  step: RecordedStep,
  parent: ExecutionRecord,
): string | undefined {
  return step.name.endsWith('-as-step') ? `${step.name}-${parent.transactionId}` : undefined;
}

/**
 * `codeSteps`: the step names the analyzer found in the workflow (graph node ids). `children`:
 * the stored rows of its nested workflows' runs, by the `-as-step` step that ran them; their
 * steps are drawn inside that step's compound node (`<step>::<child step>`).
 */
export function recordOverlay(
  record: ExecutionRecord,
  codeSteps: readonly string[],
  children: ReadonlyMap<string, ExecutionRecord> = new Map(),
): Overlay {
  const names = matchNames(record.steps, codeSteps);
  const nodes: Overlay['nodes'] = {};
  const steps: Record<string, RecordedNodeDetails> = {};
  for (const [compound, child] of children) {
    for (const s of child.steps) {
      nodes[`${compound}::${s.name}`] = nodeState(s, child);
      steps[`${compound}::${s.name}`] = details(s);
    }
  }
  for (const s of record.steps) {
    const key = names.get(s) ?? s.name;
    steps[key] = details(s);
    nodes[key] = nodeState(s, record);
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
    // A row still invoking or compensating (stuck, or followed live) is not an ended run.
    ended: record.state === 'done' || record.state === 'reverted' || record.state === 'failed',
    recorded: {
      execution: record.id,
      transactionId: record.transactionId,
      mismatches: mismatches(record, codeSteps, names),
      steps,
      payload: jsonText(record.payload),
    },
  };
}

function nodeState(s: RecordedStep, record: ExecutionRecord): Overlay['nodes'][string] {
  const compensate: DisplayState =
    s.noCompensation && s.compensate.state !== 'failed'
      ? 'skipped'
      : compensateState(s.compensate.state);
  const invoke = invokeState(s.invoke.state);
  const over = record.state !== 'invoking' && record.state !== 'not_started';
  return { invoke: invoke === 'pending' && over ? 'not-run' : invoke, compensate };
}

function details(s: RecordedStep): RecordedNodeDetails {
  const out: RecordedNodeDetails = { attempts: s.attempts };
  if (s.hasOutput) out.output = jsonText(s.output);
  // Medusa stores the output as compensate input of a step without compensation: not shown.
  if (s.compensateInput !== undefined && !s.noCompensation) {
    out.compensateInput = jsonText(s.compensateInput);
  }
  if (s.invokeError) out.error = errorText(s.invokeError);
  if (s.compensateError) out.compensateError = errorText(s.compensateError);
  return out;
}

function errorText(e: RecordedError): RecordedErrorText {
  const at = e.location && `${e.location.file}:${e.location.line}:${e.location.column}`;
  return { message: e.message, ...(e.stack ? { stack: e.stack } : {}), ...(at ? { at } : {}) };
}

export function jsonText(value: unknown): string {
  const text = JSON.stringify(value, null, 1) ?? 'undefined';
  return text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text;
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
