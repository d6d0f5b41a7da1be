// Extension-host side of the "debugStepCode" figures of `npm run bench:debug` (runs inside VS Code
// through scripts/e2e.mjs with MEDUSA_E2E_TESTS pointing here): launch to the first stop with and
// without the JavaScript child session, in alternating runs, and Step Over on a handler's lines
// against a plain js-debug session (stepping.ts). Prints one `BENCH {json}` line per figure;
// bench/debugStepCode.mjs formats them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { stepSession, writeFixtures } from './stepping';

const RUNS = 7;
/** Measured sessions of each kind in the Step Over figure (each steps LINES lines). */
const STEP_SESSIONS = 2;

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

export async function run(): Promise<void> {
  vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  if (process.env.MEDUSA_BENCH_ONLY !== 'step') await launches();
  if (process.env.MEDUSA_BENCH_ONLY !== 'launch') await steps();
}

/** Sessions of both kinds, alternating so drifting load hits both alike; the first of each kind
 * warms the transpile cache and js-debug. One record per session (a run cut short keeps some). */
async function steps(): Promise<void> {
  const at = writeFixtures(root());
  for (let i = 0; i <= STEP_SESSIONS; i++)
    for (const kind of ['plain', 'ours'] as const) {
      const got = await stepSession(root(), kind, kind === 'ours' ? at.workflow : at.plain);
      if (i > 0) emit({ name: 'stepOver', kind, ...got });
    }
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
