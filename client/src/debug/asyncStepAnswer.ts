// Extension host (asyncSteps.ts) and unit tests: what the "Respond to Async Step" command offers
// for the steps a run waits on, and how the typed response becomes the request's. No vscode here.
import type { AwaitingStep, RespondToStepRequest } from '../../../shared/protocol/debugProtocol';

export { parseResponse } from '../../../shared/medusa/stepResponse';

export interface AnswerChoice {
  label: string;
  description: string;
  step: string;
  outcome: RespondToStepRequest.Arguments['outcome'];
}

/** Succeed and Fail for each awaiting step, in the run's order; with a graph node's id (the step's
 * name, `<workflow step>::<step>` inside a nested workflow), only for that step. */
export function answerChoices(awaiting: readonly AwaitingStep[], node?: string): AnswerChoice[] {
  const step = node?.split('::').at(-1);
  const shown = step === undefined ? awaiting : awaiting.filter((s) => s.step === step);
  return shown.flatMap((s) => {
    const of = s.action === 'compensate' ? `compensation of ${s.step}` : s.step;
    return [
      {
        label: `Succeed ${of}`,
        description: 'as setStepSuccess: give its response',
        step: s.step,
        outcome: 'success' as const,
      },
      {
        label: `Fail ${of}`,
        description: 'as setStepFailure: give its error',
        step: s.step,
        outcome: 'failure' as const,
      },
    ];
  });
}

export const RESPONSE_PROMPT = {
  success: "The step's response, as JSON: what the next steps read as its output (empty: none)",
  failure: 'The error: a message, or a JSON object such as {"message": "…", "type": "not_allowed"}',
} as const;
