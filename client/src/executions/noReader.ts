// Extension host: the executions reader's stand-in until engine/src/executions/reader.ts is part
// of this build: the view says so instead of failing.
import type { ReaderLike } from './store';

export const noReader: ReaderLike = {
  openExecutionStore() {
    throw new Error('Reading stored executions is not in this build yet.');
  },
  findAppDatabaseUrl: () => 'unavailable',
};
