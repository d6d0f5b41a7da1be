// Answers to async steps, for the client (Respond to Async Step), the debugger's runner and the
// CLI (--step-success / --step-failure): a response as a user types it, made into what
// setStepSuccess / setStepFailure receive, and the call that gives it to the engine.

/** A step waiting for its response, as Medusa's idempotency key names it. */
export interface WaitingStep {
  step: string;
  action: 'invoke' | 'compensate';
  workflowId: string;
  transactionId: string;
}

/** Medusa's idempotency key for a step's response: `<workflow>:<transaction>:<step>:<action>`. */
export function idempotencyKey(s: WaitingStep): string {
  return `${s.workflowId}:${s.transactionId}:${s.step}:${s.action}`;
}

/** What `wf(container)` offers for answering a step (the engine's WorkflowRunner). */
export interface StepResponder {
  registerStepSuccess(options: StepResponseOptions): Promise<unknown>;
  registerStepFailure(options: StepResponseOptions): Promise<unknown>;
}

interface StepResponseOptions {
  idempotencyKey: string;
  response?: unknown;
  container?: unknown;
  throwOnError?: boolean;
}

/** Answers the step as the app would: setStepSuccess with the output, setStepFailure with the
 * error. Resolves when the engine has driven the run as far as this call goes. */
export async function respondToStep(
  responder: StepResponder,
  step: WaitingStep,
  answer: { outcome: 'success' | 'failure'; response?: unknown },
  container: unknown,
): Promise<void> {
  const options = { idempotencyKey: idempotencyKey(step), response: answer.response, container };
  if (answer.outcome === 'success')
    await responder.registerStepSuccess({ ...options, throwOnError: false });
  else await responder.registerStepFailure({ ...options, throwOnError: false });
}

/** The typed text as the response: JSON for a success (empty: undefined); for a failure, JSON
 * that is an object, else the text as an error message. */
export function parseResponse(
  text: string,
  outcome: 'success' | 'failure',
): { response: unknown } | { error: string } {
  const t = text.trim();
  if (t === '')
    return outcome === 'success' ? { response: undefined } : { error: 'Give the error message.' };
  try {
    const value: unknown = JSON.parse(t);
    if (outcome === 'failure' && (value === null || typeof value !== 'object'))
      return { response: { message: String(value) } };
    return { response: value };
  } catch (err) {
    if (outcome === 'failure') return { response: { message: t } };
    return { error: `Not JSON: ${(err as Error).message}. A string needs quotes: "text".` };
  }
}
