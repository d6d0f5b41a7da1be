// Runner child: opens this process's inspector for VS Code's JavaScript debugger (issue 11). The
// adapter learns the address over IPC; the process then blocks until the debugger has set its
// breakpoints and sent Runtime.runIfWaitingForDebugger, so no step runs before it listens.
import * as inspector from 'node:inspector';
import type { FromChild } from '../ipc';

export function inspectAndWait(send: (msg: FromChild, done: () => void) => void): void {
  if (!inspector.url()) inspector.open(0, '127.0.0.1', false);
  const url = inspector.url();
  if (!url) throw new Error('The inspector could not be opened.');
  // Blocking only once the address is on its way: the debugger must connect while we wait, as a
  // runIfWaitingForDebugger sent before waitForDebugger() would be lost.
  send({ type: 'inspecting', url }, () => inspector.waitForDebugger());
}
