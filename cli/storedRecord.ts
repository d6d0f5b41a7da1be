// `executions replay <id>` without --record: the execution read from the app's database through
// the executions reader (engine/src/executions/reader.ts).
import type { ExecutionRecord } from '../src/executions/record';
import { UsageError } from './args';

export function loadStoredRecord(
  id: string,
  from: { databaseUrl?: string; appRoot?: string },
): Promise<ExecutionRecord> {
  void id;
  void from;
  return Promise.reject(
    new UsageError(
      'reading executions from a database is not in this build: use --record <file.json>',
    ),
  );
}
