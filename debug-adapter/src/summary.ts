// Debug adapter: the end-of-run summary printed to the Debug Console.
import type { RunEndError } from '../../engine/src/instrumentation';

export interface RunEnd {
  workflowId: string;
  state: string;
  errors: RunEndError[];
  /** Compensations that ran, in the order they began. */
  rollback: string[];
}

export function summary(end: RunEnd): string {
  const lines = [`Workflow ${end.workflowId} ended: ${end.state}`];
  lines.push(
    end.rollback.length > 0
      ? `Compensations, in order: ${end.rollback.join(', ')}`
      : 'Compensations: none',
  );
  if (end.errors.length === 0) lines.push('Errors: none');
  else {
    lines.push('Errors:');
    for (const e of end.errors) {
      lines.push(
        e.step === undefined ? `  result: ${e.message}` : `  ${e.step} (${e.action}): ${e.message}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
