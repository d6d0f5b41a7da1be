// Debug adapter (controller.ts, session.ts): a run that waits for the response of its async
// steps. The runner stops at an `awaiting` boundary; the user answers a step (the client's
// "Respond to Async Step" command, request RespondToStepRequest) as the app's setStepSuccess or
// setStepFailure would, and Continue or stepping there is refused with what to do instead.
import type { StepAnswer, WireBoundary } from './ipc';
import type { ForceFailureRequest, RespondToStepRequest } from './protocol';

const names = (b: WireBoundary): string =>
  (b.awaiting ?? [])
    .map((s) => `"${s.step}"${s.action === 'compensate' ? ' (compensation)' : ''}`)
    .join(', ');

/** The stopped event's description, and the Debug Console line that says what to do. */
export function awaitingStop(b: WireBoundary): { description: string; hint: string } {
  const list = names(b);
  return {
    description: `Waiting for a response to async step ${list}`,
    hint:
      `The run waits for async step ${list}: in your app, setStepSuccess or setStepFailure answers it. ` +
      'Here, run "Medusa Workflows: Respond to Async Step" (the debug toolbar button or the Command Palette) to ' +
      "give the step's output or its error; Stop ends the session.\n",
  };
}

/** Why Continue or a step request cannot go on from here (undefined: it can). */
export function refusedResume(b: WireBoundary | undefined): string | undefined {
  if (b?.kind !== 'awaiting') return undefined;
  return `The run waits for a response to async step ${names(b)}: answer it with "Medusa Workflows: Respond to Async Step", or Stop.`;
}

/** "Fail This Step" on a step the run waits for: its invoke already ran, so it fails now, as
 * setStepFailure would, with the forced failure's message (undefined: not such a step). */
export function forcedAnswer(
  b: WireBoundary | undefined,
  args: ForceFailureRequest.Arguments,
): (RespondToStepRequest.Arguments & { step: string }) | undefined {
  if (b?.kind !== 'awaiting' || (args.action ?? 'invoke') !== 'invoke') return undefined;
  const named = args.step ?? b.step;
  // Forced failures name a nested workflow's step by path: `<workflow>/<step>`.
  const step = b.awaiting?.find(
    (s) => s.action === 'invoke' && (s.step === named || named.endsWith(`/${s.step}`)),
  );
  if (!step || args.enabled === false) return undefined;
  return {
    step: step.step,
    outcome: 'failure',
    response: { message: `Forced failure: ${step.step}` },
  };
}

/** The runner's answer for the user's request, checked against what the run waits for. */
export function answerFor(
  b: WireBoundary | undefined,
  args: Partial<RespondToStepRequest.Arguments>,
): StepAnswer {
  const awaiting = b?.kind === 'awaiting' ? (b.awaiting ?? []) : [];
  if (awaiting.length === 0) throw new Error('The run is not waiting for an async step.');
  if (args.outcome !== 'success' && args.outcome !== 'failure')
    throw new Error(
      `"outcome" must be "success" or "failure", not ${JSON.stringify(args.outcome)}.`,
    );
  const step = args.step === undefined ? awaiting[0] : awaiting.find((s) => s.step === args.step);
  if (!step)
    throw new Error(
      `Step "${String(args.step)}" is not waiting for a response; these are: ${names(b!)}.`,
    );
  return { step, outcome: args.outcome, response: args.response };
}
