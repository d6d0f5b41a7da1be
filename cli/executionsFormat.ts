// Human text for `medusa-workflows executions list|show` (pure). Imported by executionsCommand.ts.
import type {
  ExecutionRecord,
  ExecutionSummary,
  RecordedStep,
} from '../engine/src/executions/record';

/** `2026-12-04 17:53:09` (UTC): the list is sorted by this time. */
function when(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatList(items: ExecutionSummary[]): string {
  if (items.length === 0) return 'No stored executions match.\n';
  const rows = [['CREATED (UTC)', 'STATE', 'STEPS', 'WORKFLOW', 'TRANSACTION', 'ID']];
  for (const i of items) {
    rows.push([
      when(i.createdAt),
      i.state,
      `${i.stepsDone}/${i.stepsTotal}`,
      i.workflowId,
      i.transactionId,
      i.id,
    ]);
  }
  return `${table(rows)}\n`;
}

function phase(p: RecordedStep['invoke']): string {
  return p.status === 'idle' || p.status === 'ok' ? p.state : `${p.state} (${p.status})`;
}

function short(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function location(error: RecordedStep['invokeError']): string {
  const at = error?.location;
  return at ? ` at ${at.file}:${at.line}:${at.column}` : '';
}

export function formatRecord(record: ExecutionRecord): string {
  const lines = [
    `${record.workflowId}  ${record.state}  (${record.stepsDone}/${record.stepsTotal} steps done)`,
    `  id           ${record.id}`,
    `  transaction  ${record.transactionId}`,
    `  run          ${record.runId}`,
    `  created      ${when(record.createdAt)} UTC, updated ${when(record.updatedAt)} UTC`,
  ];
  if (record.sourcePath) lines.push(`  source       ${record.sourcePath}`);
  if (record.parentStepIdempotencyKey) {
    lines.push(`  parent step  ${record.parentStepIdempotencyKey}`);
  }
  lines.push(`  payload      ${JSON.stringify(record.payload) ?? 'none'}`, '');
  const rows = [['STEP', 'INVOKE', 'COMPENSATE', 'ATTEMPTS', 'OUTPUT']];
  for (const s of record.steps) {
    const flags = [s.async ? 'async' : '', s.noCompensation ? 'no compensation' : '']
      .filter(Boolean)
      .join(', ');
    rows.push([
      `${'  '.repeat(Math.max(0, s.depth - 1))}${s.name}${flags ? ` [${flags}]` : ''}`,
      phase(s.invoke),
      phase(s.compensate),
      String(s.attempts),
      s.hasOutput ? short(s.output) : '',
    ]);
  }
  lines.push(table(rows));
  for (const e of record.errors) {
    lines.push('', `${e.handlerType} error in ${e.action}: ${e.error.message}${location(e.error)}`);
  }
  for (const w of record.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}
