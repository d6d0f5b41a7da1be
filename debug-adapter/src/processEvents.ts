// Debug adapter: what the client hears about the runner process itself: the DAP `process` event
// at launch, and the line for the Debug Console when it ends on its own. Used by controller.ts.
import { Event } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { exitText } from './runnerProcess';

export function processEvent(program: string, pid: number | undefined): DebugProtocol.ProcessEvent {
  const body: DebugProtocol.ProcessEvent['body'] = {
    name: program,
    startMethod: 'launch',
    isLocalProcess: true,
  };
  if (pid !== undefined) body.systemProcessId = pid;
  return new Event('process', body) as DebugProtocol.ProcessEvent;
}

/** Why the session ends when the process went away unasked: during a step, before the run
 * finished or before it started. */
export function unexpectedExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  step: string | undefined,
  runStarted: boolean,
): string {
  const where = step
    ? `while running step "${step}"`
    : runStarted
      ? 'before the run finished'
      : 'before the run started';
  return `The workflow process ${exitText(code, signal)} ${where}. The debug session has ended.\n`;
}
