// Helpers of the "debugStepCode" DAP tests (stepCodeStates, stepCodeResume; mocha): the test plays
// VS Code (custom requests, state events followed with followStates) and its JavaScript debugger
// (CDP on the runner's inspector, cdp.ts).
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { Inspector } from './cdp';
import { launch, type Stopped } from './helpers';

export const ATTACH = 'medusaWorkflows.attachJavaScript';
export const STATE = 'medusaWorkflows.state';
export const TELL = 'medusaWorkflows.javaScript';

export interface StateBody {
  snapshot?: { state: string };
  paused?: { step: string };
}

/** Launches with the mode on, attaches `Inspector` as the JavaScript debugger would. */
export async function attached(
  dc: DebugClient,
  args: Record<string, unknown>,
): Promise<{ cdp: Inspector; first?: Promise<Stopped> }> {
  const attach = dc.waitForEvent(ATTACH);
  const first = args.stopOnEntry ? (dc.waitForEvent('stopped') as Promise<Stopped>) : undefined;
  const launched = launch(dc, { ...args, debugStepCode: true });
  const body = (await attach).body as { websocketAddress: string };
  const cdp = new Inspector(body.websocketAddress);
  await dc.customRequest(TELL, { kind: 'attached' });
  await launched;
  await cdp.send('Debugger.enable');
  await cdp.send('Runtime.runIfWaitingForDebugger');
  return { cdp, first };
}

/** The next state event (its snapshot rebuilt: the last of `states`, which followStates fills
 * before this listener runs) that satisfies `test`. */
export function stateWhere<B extends StateBody>(
  dc: DebugClient,
  states: B[],
  test: (b: B) => boolean,
): Promise<B> {
  return new Promise((resolve) => {
    const on = (): void => {
      const body = states.at(-1);
      if (!body || !test(body)) return;
      dc.removeListener(STATE, on);
      resolve(body);
    };
    dc.on(STATE, on);
  });
}

export const runDone = (b: StateBody): boolean => b.snapshot?.state === 'done';
