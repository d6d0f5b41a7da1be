// Runner child process (dist/runner.js), forked by the debug adapter with an IPC channel. It is
// the only process that executes user code; stdout/stderr belong to that code, the protocol goes
// over IPC (debug-adapter/src/ipc.ts). Nothing imports this file.
import { collectOnMainThread } from '../gcLatency';
import type { FromChild, ToChild } from '../ipc';
import { inspectAndWait } from './inspect';
import { errorText } from './preview';
import { loadProgram, type LoadedProgram } from './program';
import { Runner } from './runner';

collectOnMainThread();

function send(msg: FromChild): void {
  if (process.connected) process.send?.(msg);
}

const runner = new Runner(send);
let loaded: LoadedProgram | undefined;

async function load(msg: Extract<ToChild, { type: 'load' }>): Promise<void> {
  try {
    loaded = await loadProgram(
      msg.options,
      (call) => runner.recordCall(call),
      (message) => send({ type: 'notice', message }),
    );
    send({ type: 'loaded', workflows: loaded.listing });
  } catch (err) {
    send({ type: 'loadError', message: errorText(err) });
  }
}

function handle(msg: ToChild): void {
  switch (msg.type) {
    case 'load':
      void load(msg);
      return;
    case 'run': {
      const workflow = loaded?.workflows.get(msg.options.workflow);
      if (!loaded || !workflow) {
        send({ type: 'runError', message: `Workflow "${msg.options.workflow}" is not loaded.` });
        return;
      }
      void runner.run(loaded, workflow, msg.options).then(() => process.exit(0));
      return;
    }
    case 'breakpoints':
      runner.setBreakpoints(msg.breakpoints);
      return;
    case 'failureStops':
      runner.setFailureStops(msg.actions);
      return;
    case 'resume':
      runner.resume(msg.boundary);
      return;
    case 'respond':
      runner.respond(msg.boundary, msg.answer);
      return;
    case 'forceFailure':
      runner.setFailure(msg.step, msg.action, msg.enabled);
      return;
    case 'query':
      try {
        send({ type: 'queryResult', seq: msg.seq, result: runner.query(msg.query) });
      } catch (err) {
        send({ type: 'queryResult', seq: msg.seq, error: errorText(err) });
      }
      return;
    case 'inspect':
      try {
        inspectAndWait((m, done) => process.send?.(m, done));
      } catch (err) {
        send({ type: 'fatal', message: errorText(err) });
      }
      return;
    case 'exit':
      process.exit(0);
  }
}

process.on('message', (msg: ToChild) => handle(msg));
process.on('disconnect', () => process.exit(0));
function fatal(message: string): void {
  if (!process.connected || !process.send) process.exit(70);
  process.send({ type: 'fatal', message } satisfies FromChild, () => process.exit(70));
}
process.on('uncaughtException', (err) =>
  fatal(`Uncaught exception in the workflow process: ${errorText(err)}`),
);
process.on('unhandledRejection', (err) =>
  fatal(`Unhandled promise rejection in the workflow process: ${errorText(err)}`),
);
