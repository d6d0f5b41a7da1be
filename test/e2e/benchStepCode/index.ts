// Extension-host side of the "debugStepCode" figures of `npm run bench:debug` (runs inside VS Code
// through scripts/e2e.mjs with MEDUSA_E2E_TESTS pointing here): launch to the first stop with and
// without the JavaScript child session, in alternating runs, and Step Over on a handler's line.
// Prints one `BENCH {json}` line per measurement; bench/debugStepCode.mjs formats them.
import * as path from 'node:path';
import * as vscode from 'vscode';

const RUNS = 5;
const STEP_LINE = 7; // 0-based, src/workflows/steps/create-order.ts: the invoke's first line

function emit(record: Record<string, unknown>): void {
  console.log(`BENCH ${JSON.stringify(record)}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function root(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  return folder.uri.fsPath;
}

/** Resolves on the next `stopped` event of a session of `type`, with that session and thread. */
function nextStop(type: string): Promise<{ session: vscode.DebugSession; threadId: number }> {
  return new Promise((resolve) => {
    const sub = vscode.debug.registerDebugAdapterTrackerFactory(type, {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: { type?: string; event?: string; body?: { threadId?: number } }) => {
          if (m.type !== 'event' || m.event !== 'stopped') return;
          sub.dispose();
          resolve({ session, threadId: m.body?.threadId ?? 1 });
        },
      }),
    });
  });
}

function ended(session: vscode.DebugSession): Promise<void> {
  return new Promise((resolve) => {
    const sub = vscode.debug.onDidTerminateDebugSession((s) => {
      if (s.id !== session.id) return;
      sub.dispose();
      resolve();
    });
  });
}

function config(extra: Record<string, unknown>): vscode.DebugConfiguration {
  return {
    type: 'medusa-workflow',
    request: 'launch',
    name: 'bench',
    program: path.join(root(), 'src/workflows/create-order.ts'),
    workflow: 'create-order',
    inputFile: path.join(root(), 'inputs/create-order.json'),
    mocks: path.join(root(), 'src/mocks.ts'),
    container: 'empty',
    ...extra,
  };
}

/** Launch request to the first stop (entry), then Stop. */
async function launchToStop(debugStepCode: boolean): Promise<number> {
  const stop = nextStop('medusa-workflow');
  const t0 = performance.now();
  await vscode.debug.startDebugging(undefined, config({ stopOnEntry: true, debugStepCode }));
  const { session } = await stop;
  const took = performance.now() - t0;
  const done = ended(session);
  await vscode.debug.stopDebugging(session);
  await done;
  return took;
}

/** Step Over from the handler's first line: request to the next stop of the JavaScript session.
 * Trackers are made when a session starts, so one records every stop from before the launch. */
async function stepOverInHandler(): Promise<number> {
  const uri = vscode.Uri.file(path.join(root(), 'src/workflows/steps/create-order.ts'));
  const at = new vscode.Location(uri, new vscode.Position(STEP_LINE, 0));
  const bp = new vscode.SourceBreakpoint(at);
  const stops: { session: vscode.DebugSession; threadId: number }[] = [];
  let arrived = (): void => undefined;
  const sub = vscode.debug.registerDebugAdapterTrackerFactory('pwa-node', {
    createDebugAdapterTracker: (session) => ({
      onDidSendMessage: (m: { type?: string; event?: string; body?: { threadId?: number } }) => {
        if (m.type !== 'event' || m.event !== 'stopped') return;
        stops.push({ session, threadId: m.body?.threadId ?? 1 });
        arrived();
      },
    }),
  });
  const stopCount = (n: number): Promise<void> =>
    new Promise((resolve) => {
      arrived = () => stops.length >= n && resolve();
      arrived();
    });
  vscode.debug.addBreakpoints([bp]);
  try {
    await vscode.debug.startDebugging(undefined, config({ debugStepCode: true }));
    await stopCount(1);
    const first = stops[0]!;
    let top = first.session;
    while (top.parentSession) top = top.parentSession;
    const t0 = performance.now();
    await first.session.customRequest('next', { threadId: first.threadId });
    await stopCount(2);
    const took = performance.now() - t0;
    const done = ended(top);
    await vscode.debug.stopDebugging(top);
    await done;
    return took;
  } finally {
    sub.dispose();
    vscode.debug.removeBreakpoints([bp]);
  }
}

export async function run(): Promise<void> {
  vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  if (process.env.MEDUSA_BENCH_ONLY !== 'step') await launches();
  const steps: number[] = [];
  for (let i = 0; i < RUNS; i++) steps.push(await stepOverInHandler());
  emit({ name: 'stepOverInHandler', median: median(steps), runs: RUNS });
}

async function launches(): Promise<void> {
  // A first launch of each kind warms the transpile cache and js-debug's activation.
  await launchToStop(false);
  await launchToStop(true);
  const off: number[] = [];
  const on: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    off.push(await launchToStop(false));
    on.push(await launchToStop(true));
  }
  emit({ name: 'launchToStop', off: median(off), on: median(on), runs: RUNS });
}
