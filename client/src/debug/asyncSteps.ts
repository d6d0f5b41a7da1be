// Extension host: long-running workflows in the debugger. While a medusa-workflow session waits
// for the response of an async step, the context key `medusaWorkflows.awaitingStep` shows the
// "Respond to Async Step" button in the debug toolbar; the command asks which step, succeed or
// fail, and the response, then sends RespondToStepRequest (the adapter calls the engine's
// setStepSuccess / setStepFailure).
import * as vscode from 'vscode';
import {
  DEBUG_TYPE,
  ExecutionStateRequest,
  RespondToStepRequest,
  StateEvent,
} from '../../../shared/protocol/debugProtocol';
import { answerChoices, parseResponse, RESPONSE_PROMPT } from './asyncStepAnswer';

export const RESPOND_COMMAND = 'medusaWorkflows.respondToAsyncStep';
const CONTEXT_KEY = 'medusaWorkflows.awaitingStep';

export function registerAsyncSteps(context: vscode.ExtensionContext): void {
  /** Sessions stopped where their run waits for an async step. */
  const waiting = new Map<string, vscode.DebugSession>();
  // Any waiting session shows the button: the focused session may be its JavaScript child.
  const update = (): void =>
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, waiting.size > 0);
  context.subscriptions.push(
    vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.session.type !== DEBUG_TYPE || e.event !== StateEvent.event) return;
      const body = e.body as StateEvent.Body;
      if (body.paused?.awaiting?.length) waiting.set(e.session.id, e.session);
      else waiting.delete(e.session.id);
      update();
    }),
    vscode.debug.onDidTerminateDebugSession((s) => {
      if (waiting.delete(s.id)) update();
    }),
    // From the graph's node menu, the argument names the node (data-vscode-context).
    vscode.commands.registerCommand(RESPOND_COMMAND, (arg?: { node?: unknown }) =>
      respond(waiting, typeof arg?.node === 'string' ? arg.node : undefined),
    ),
  );
}

/** The session the user means: the focused one or its parent when it waits, else the only one
 * waiting, else the focused workflow session (its state event may not have arrived yet: the
 * adapter's executionState answer decides). */
function target(waiting: Map<string, vscode.DebugSession>): vscode.DebugSession | undefined {
  const active = vscode.debug.activeDebugSession;
  const focused = [active, active?.parentSession];
  for (const s of focused) if (s && waiting.has(s.id)) return s;
  if (waiting.size === 1) return [...waiting.values()][0];
  return waiting.size === 0 ? focused.find((s) => s?.type === DEBUG_TYPE) : undefined;
}

async function respond(
  waiting: Map<string, vscode.DebugSession>,
  node: string | undefined,
): Promise<void> {
  const session = target(waiting);
  if (!session) {
    void vscode.window.showInformationMessage(
      waiting.size === 0
        ? 'No Medusa workflow run is waiting for an async step.'
        : 'Several workflow runs wait for an async step: select the one to answer in Call Stack.',
    );
    return;
  }
  const state = (await session.customRequest(
    ExecutionStateRequest.command,
  )) as ExecutionStateRequest.Response;
  const awaiting = state.paused?.awaiting ?? [];
  if (awaiting.length === 0) {
    void vscode.window.showInformationMessage('The run is not waiting for an async step.');
    return;
  }
  const choices = answerChoices(awaiting, node);
  if (choices.length === 0) {
    const names = awaiting.map((s) => s.step).join(', ');
    void vscode.window.showInformationMessage(
      `Step ${node ?? ''} is not waiting for a response; the run waits for ${names}.`,
    );
    return;
  }
  const choice = await vscode.window.showQuickPick(choices, {
    title: 'Respond to Async Step',
    placeHolder:
      'The run waits for these steps, as your app waits for setStepSuccess / setStepFailure',
  });
  if (!choice) return;
  const text = await vscode.window.showInputBox({
    title: `${choice.outcome === 'success' ? 'Succeed' : 'Fail'} ${choice.step}`,
    prompt: RESPONSE_PROMPT[choice.outcome],
    validateInput: (t) => {
      const parsed = parseResponse(t, choice.outcome);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  if (text === undefined) return;
  const parsed = parseResponse(text, choice.outcome);
  if ('error' in parsed) return;
  const args: RespondToStepRequest.Arguments = {
    step: choice.step,
    outcome: choice.outcome,
    response: parsed.response,
  };
  try {
    await session.customRequest(RespondToStepRequest.command, args);
  } catch (err) {
    void vscode.window.showErrorMessage((err as Error).message);
  }
}
