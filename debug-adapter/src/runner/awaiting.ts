// Runner child (runner.ts): a run whose async steps wait for their response. Medusa's engine
// returns from run() with the transaction still invoking; the app later calls setStepSuccess or
// setStepFailure. Here the user answers from the debugger, and this calls the same engine API.
import type { RunHandle, RunSnapshot } from '../../../engine/src/instrumentation';
import type { AwaitingStep } from '../../../shared/protocol/debugProtocol';
import type { StepAnswer } from '../ipc';
import { respondToStep } from '../../../shared/medusa/stepResponse';
import type { LoadedProgram } from './program';

/** The steps of these runs waiting for a response, the deepest nested run's first (a workflow
 * run as a step waits as long as its own async step does, and that step is the one the app
 * answers; a compensation waits when its step failed, `compensateAsync`), and whether any other
 * step is still invoking or compensating (running, or held at the debugger's gate). */
function waitingOn(runs: RunSnapshot[]): { awaiting: AwaitingStep[]; busy: boolean } {
  const awaiting: AwaitingStep[] = [];
  let busy = false;
  const deepestFirst = [...runs].sort((a, b) => b.run.parents.length - a.run.parents.length);
  for (const { run, steps } of deepestFirst) {
    for (const s of steps) {
      const action =
        s.compensate.status === 'waiting_response'
          ? 'compensate'
          : s.invoke.status === 'waiting_response'
            ? 'invoke'
            : undefined;
      if (action) {
        const { workflowId, transactionId } = run;
        awaiting.push({ step: s.step, action, workflowId, transactionId });
      } else if (s.invoke.state === 'invoking' || s.compensate.state === 'compensating')
        busy = true;
    }
  }
  return { awaiting, busy };
}

/** What the runner lends: its runs, whether a step waits at the debugger's gate, and a pause at
 * an `awaiting` boundary (its id, and its resume). */
export interface AwaitingPort {
  runs(): Iterable<RunHandle>;
  atGate(): boolean;
  pause(steps: AwaitingStep[]): { id: number; resumed: Promise<void> };
}

/** After the run's API call returned: while async steps wait, pause there until the user answers
 * one (the adapter's `respond`), answer it through the engine as the app would, and look again. */
export class AwaitingRun {
  private events = 0;
  private wake?: () => void;
  private paused?: { id: number; answer?: StepAnswer };

  constructor(private readonly port: AwaitingPort) {}

  /** An engine event, or a resumed gate: the engine moved. */
  moved(): void {
    this.events += 1;
    this.wake?.();
  }

  respond(boundary: number, answer: StepAnswer): void {
    if (this.paused?.id === boundary) this.paused.answer = answer;
  }

  async answer(program: LoadedProgram): Promise<void> {
    for (;;) {
      const awaiting = await this.settle();
      if (awaiting.length === 0) return;
      const { id, resumed } = this.port.pause(awaiting);
      this.paused = { id };
      await resumed;
      const answer = this.paused.answer;
      this.paused = undefined;
      if (!answer) return; // released without an answer: the session is ending
      const workflow = program.workflows.get(answer.step.workflowId);
      if (!workflow) throw new Error(`Workflow "${answer.step.workflowId}" is not loaded.`);
      await respondToStep(
        workflow.runner(program.container),
        answer.step,
        answer,
        program.container,
      ).catch((err: unknown) => {
        throw notStoredHint(err, answer);
      });
    }
  }

  /** The steps waiting, once the engine has nothing left to do by itself: the top-level run is
   * over (nothing waits), or no step invokes or compensates other than those waiting for their
   * response, and a whole turn passed without the engine moving (a nested workflow's steps go on
   * in the background after the API call returned). */
  private async settle(): Promise<AwaitingStep[]> {
    for (;;) {
      const seen = this.events;
      await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => setImmediate(r));
      if (seen !== this.events) continue;
      const runs = [...this.port.runs()].map((h) => h.snapshot({ values: false }));
      const root = runs.find((r) => r.run.parents.length === 0);
      if (!root || !['invoking', 'compensating'].includes(root.state)) return [];
      const { awaiting, busy } = waitingOn(runs);
      if (!busy && !this.port.atGate()) return awaiting;
      // A step still runs, or waits at the debugger's gate: its next event (or resume) says more.
      await new Promise<void>((r) => (this.wake = r));
    }
  }
}

/** Medusa resumes only stored transactions, and `compensateAsync` alone does not store a
 * workflow: say so when its waiting compensation cannot be found (the app would wait forever). */
function notStoredHint(err: unknown, answer: StepAnswer): unknown {
  const message = (err as { message?: unknown } | null)?.message;
  if (answer.step.action !== 'compensate' || typeof message !== 'string') return err;
  if (!/could not be found/.test(message)) return err;
  return new Error(
    `${message} Medusa resumes only stored transactions, and compensateAsync alone does not ` +
      `store workflow "${answer.step.workflowId}" (an async step, a step timeout or retry ` +
      'interval, or the options store, retentionTime, timeout or idempotent do): in your app ' +
      'this compensation would wait forever. Add `store: true` to its createWorkflow options.',
  );
}
