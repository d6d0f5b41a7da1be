// Extension-host side of the Step Over figure of bench/debugStepCode.mjs (imported by index.ts):
// the same run of plain statements stepped line by line inside a workflow step's handler (our
// session, js-debug as its child) and inside a plain function under a plain js-debug `pwa-node`
// launch of the same TypeScript through source maps (the baseline: what our wrapping costs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import * as vscode from 'vscode';
import { api, showGraph } from '../helpers';

/** Statements in the stepped function: one Step Over each. */
export const LINES = 30;
const BODY = Array.from({ length: LINES }, (_, i) => `    a = (a * 3 + ${i}) % 1009;`);
const WORKFLOW_FILE = 'src/workflows/bench-walk.ts';
const PLAIN_DIR = 'bench-plain';

/** Before each F10 the views must have loaded the last stop (no DAP message for this long), as
 * when a user reads the line: pressed while the Variables view still loads the last stop's
 * scopes, the command waits behind those requests in both kinds of session alike (measured with
 * js-debug's trace: F10 to `next` reaching js-debug was most of the time). MEDUSA_BENCH_RAPID=1
 * presses F10 as soon as the line is shown instead. */
const SETTLED_MS = 150;
const RAPID = process.env.MEDUSA_BENCH_RAPID === '1';

/** One Step Over: the F10 command to js-debug's `stopped` (DAP, as it leaves the extension host
 * for the UI) and to the UI focusing the new top frame (the editor shows the paused line). */
export interface StepTime {
  stopped: number;
  shown: number;
}

export interface SteppedSession {
  times: StepTime[];
  /** Messages between VS Code and our adapter (requests, responses, events) per step. */
  oursPerStep: number;
}

function write(root: string, rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Writes both programs into the workspace; returns where their first statement is (0-based). */
export function writeFixtures(root: string): { workflow: vscode.Location; plain: vscode.Location } {
  const workflow = [
    `import { createStep, createWorkflow, StepResponse, WorkflowResponse } from '@medusajs/framework/workflows-sdk';`,
    ``,
    `const walkStep = createStep('walk', async (input: { n: number }) => {`,
    `    let a = input.n;`,
    ...BODY,
    `    return new StepResponse(a);`,
    `});`,
    ``,
    `export const benchWalk = createWorkflow('bench-walk', (input: { n: number }) => new WorkflowResponse(walkStep(input)));`,
    ``,
  ].join('\n');
  const plain = [
    `export async function walk(input: { n: number }): Promise<number> {`,
    `    let a = input.n;`,
    ...BODY,
    `    return a;`,
    `}`,
    ``,
  ].join('\n');
  const wfFile = write(root, WORKFLOW_FILE, workflow);
  write(root, 'inputs/bench-walk.json', '{ "n": 1 }\n');
  const tsFile = write(root, `${PLAIN_DIR}/walk.ts`, plain);
  // Transpiled as a build would, with a source map back to walk.ts (the repo's own TypeScript).
  const out = ts.transpileModule(plain, {
    fileName: 'walk.ts',
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      sourceMap: true,
    },
  });
  write(root, `${PLAIN_DIR}/walk.js`, out.outputText);
  write(root, `${PLAIN_DIR}/walk.js.map`, out.sourceMapText ?? '');
  write(
    root,
    `${PLAIN_DIR}/main.js`,
    `require('./walk.js').walk({ n: 1 }).then(() => undefined);\n`,
  );
  const first = (file: string, line: number): vscode.Location =>
    new vscode.Location(vscode.Uri.file(file), new vscode.Position(line, 0));
  return { workflow: first(wfFile, 4), plain: first(tsFile, 2) };
}

export type Kind = 'ours' | 'plain';

function config(root: string, kind: Kind): vscode.DebugConfiguration {
  if (kind === 'plain')
    return {
      type: 'pwa-node',
      request: 'launch',
      name: 'bench plain',
      program: path.join(root, PLAIN_DIR, 'main.js'),
      cwd: path.join(root, PLAIN_DIR),
      skipFiles: ['<node_internals>/**'],
      outFiles: [path.join(root, PLAIN_DIR, '*.js')],
      console: 'internalConsole',
    };
  return {
    type: 'medusa-workflow',
    request: 'launch',
    name: 'bench ours',
    program: path.join(root, WORKFLOW_FILE),
    workflow: 'bench-walk',
    inputFile: path.join(root, 'inputs/bench-walk.json'),
    container: 'empty',
    debugStepCode: true,
  };
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

/** `p`, or an error naming `what` after a minute (a lost event must end the run, not hang it). */
function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within a minute`)), 60_000);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** A queue of the values an event delivers, to await one at a time. */
function queue<T>(): { push(v: T): void; next(): Promise<T>; clear(): void } {
  const items: T[] = [];
  let waiting: ((v: T) => void) | undefined;
  return {
    push(v) {
      if (waiting) {
        const w = waiting;
        waiting = undefined;
        w(v);
      } else items.push(v);
    },
    next: () =>
      items.length > 0 ? Promise.resolve(items.shift() as T) : new Promise<T>((r) => (waiting = r)),
    clear: () => void items.splice(0),
  };
}

/** Resolves once no DAP message has passed for SETTLED_MS (at most 10 s: a view that polls must
 * not stop the bench). */
async function settled(last: () => number): Promise<void> {
  const until = performance.now() + 10_000;
  for (;;) {
    const quiet = performance.now() - last();
    if (quiet >= SETTLED_MS || performance.now() > until) return;
    await new Promise((r) => setTimeout(r, SETTLED_MS - quiet));
  }
}

/** One session of `kind`: stops on the first statement, then Step Over through every line. */
export async function stepSession(
  root: string,
  kind: Kind,
  at: vscode.Location,
): Promise<SteppedSession> {
  if (kind === 'ours') await showGraph(await api(), 'bench-walk', path.join(root, WORKFLOW_FILE));
  const stops = queue<{ session: vscode.DebugSession; at: number }>();
  const frames = queue<number>();
  let ours = 0;
  let lastMessage = performance.now();
  const heard = (): void => void (lastMessage = performance.now());
  const subs = [
    vscode.debug.registerDebugAdapterTrackerFactory('medusa-workflow', {
      createDebugAdapterTracker: () => ({
        onWillReceiveMessage: () => void (ours++, heard()),
        onDidSendMessage: () => void (ours++, heard()),
      }),
    }),
    vscode.debug.registerDebugAdapterTrackerFactory('pwa-node', {
      createDebugAdapterTracker: (session) => ({
        onWillReceiveMessage: heard,
        onDidSendMessage: (m: { type?: string; event?: string }) => {
          heard();
          if (m.type === 'event' && m.event === 'stopped')
            stops.push({ session, at: performance.now() });
        },
      }),
    }),
    vscode.debug.onDidChangeActiveStackItem((item) => {
      if (item instanceof vscode.DebugStackFrame && item.session.type === 'pwa-node')
        frames.push(performance.now());
    }),
  ];
  const bp = new vscode.SourceBreakpoint(at);
  vscode.debug.addBreakpoints([bp]);
  const times: StepTime[] = [];
  let oursPerStep = 0;
  try {
    await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], config(root, kind));
    const first = await within(stops.next(), 'first stop');
    await within(frames.next(), 'first focused frame');
    // The breakpoint would stop nothing more, but keeps the stepped lines free of its decoration.
    vscode.debug.removeBreakpoints([bp]);
    ours = 0;
    for (let i = 0; i < LINES; i++) {
      if (!RAPID) await settled(() => lastMessage);
      frames.clear();
      const t0 = performance.now();
      await vscode.commands.executeCommand('workbench.action.debug.stepOver');
      const stop = await within(stops.next(), `stop after Step Over ${i + 1}`);
      // The focus that follows this stop (an earlier one may still be on its way).
      const focus = () => within(frames.next(), `focused frame after Step Over ${i + 1}`);
      let shown = await focus();
      while (shown < stop.at) shown = await focus();
      times.push({ stopped: stop.at - t0, shown: shown - t0 });
    }
    // The last step's late messages (its stack in pieces) count as the others' do.
    await new Promise((r) => setTimeout(r, 500));
    oursPerStep = ours / LINES;
    let top = first.session;
    while (top.parentSession) top = top.parentSession;
    const done = ended(top);
    await vscode.debug.stopDebugging(top);
    await done;
  } finally {
    for (const s of subs) s.dispose();
    vscode.debug.removeBreakpoints([bp]);
  }
  return { times, oursPerStep };
}
