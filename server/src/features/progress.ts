// Language-server process: work-done progress for indexing, with a server-initiated token when
// the client supports `window.workDoneProgress`, and nothing otherwise.
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import type { ProgressSink } from './indexing';

const silent: ProgressSink = { begin() {}, report() {}, done() {} };

export async function createProgress(
  connection: Connection,
  supported: boolean,
): Promise<ProgressSink> {
  if (!supported) return silent;
  let reporter: WorkDoneProgressServerReporter;
  try {
    reporter = await connection.window.createWorkDoneProgress();
  } catch {
    return silent;
  }
  return {
    begin: (title, message) => reporter.begin(title, 0, message, false),
    report: (percentage, message) => reporter.report(percentage, message),
    done: () => reporter.done(),
  };
}
