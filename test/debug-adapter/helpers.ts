// Shared helpers of the debug adapter tests: a DebugClient on the built dist/debugAdapter.js,
// launch sequences that wait for events (never fixed sleeps), and variable lookups.
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunSnapshot } from '../../engine/src/instrumentation';
import { StateEvent } from '../../debug-adapter/src/protocol';
import { applyRun } from '../../shared/protocol/snapshotDelta';

export const ROOT = resolve(__dirname, '../../..');
export const ADAPTER = join(ROOT, 'dist', 'debugAdapter.js');
export const EXAMPLES = join(ROOT, 'examples');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'debug');
export const WORKFLOWS = join(EXAMPLES, 'src', 'workflows');

export const file = {
  createOrder: join(WORKFLOWS, 'create-order.ts'),
  brandWithLogo: join(WORKFLOWS, 'create-brand-with-logo.ts'),
  launchBrand: join(WORKFLOWS, 'launch-brand.ts'),
  createBrandStep: join(WORKFLOWS, 'steps', 'create-brand.ts'),
  uploadLogoStep: join(WORKFLOWS, 'steps', 'upload-logo.ts'),
};

export function exampleArgs(
  program: string,
  inputName: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    program,
    inputFile: join(EXAMPLES, 'inputs', `${inputName}.json`),
    mocks: join(EXAMPLES, 'src', 'mocks.ts'),
    cwd: EXAMPLES,
    ...extra,
  };
}

export function fixtureArgs(
  name: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { program: join(FIXTURES, name), cwd: FIXTURES, ...extra };
}

/** The 1-based line of the first line of `path` containing `text` (after `after`, if given). */
export function lineOf(path: string, text: string, after?: string): number {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const from = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const i = lines.findIndex((l, n) => n >= from && l.includes(text));
  if (i < 0) throw new Error(`"${text}" not found in ${path}`);
  return i + 1;
}

export async function startClient(): Promise<DebugClient> {
  const dc = new DebugClient('node', ADAPTER, 'medusa-workflow');
  // Generous: the first launch on a cold machine transpiles and loads the TypeScript compiler;
  // this bounds a hang, it is not a performance check (bench/debug.mjs measures that).
  dc.defaultTimeout = 25000;
  await dc.start();
  return dc;
}

/** A stopped event; this adapter always names the thread. */
export type Stopped = DebugProtocol.StoppedEvent & { body: { threadId: number } };

export interface Setup {
  breakpoints?: {
    path: string;
    lines: number[];
    conditions?: Record<number, { condition?: string; hitCondition?: string }>;
  }[];
  functions?: string[];
  exceptions?: string[];
  /** Further requests of the test (custom breakpoints it asserts on), before configurationDone:
   * requests sent after it race the run, which starts on configurationDone. */
  configure?: () => Promise<void>;
}

/** Launches, sets breakpoints when asked, sends configurationDone. Resolves with the launch response. */
export async function launch(
  dc: DebugClient,
  args: Record<string, unknown>,
  setup: Setup = {},
): Promise<unknown> {
  const configured = dc.waitForEvent('initialized').then(async () => {
    for (const bp of setup.breakpoints ?? []) {
      await dc.setBreakpointsRequest({
        source: { path: bp.path },
        breakpoints: bp.lines.map((line) => ({ line, ...(bp.conditions?.[line] ?? {}) })),
      });
    }
    if (setup.functions)
      await dc.setFunctionBreakpointsRequest({
        breakpoints: setup.functions.map((name) => ({ name })),
      });
    if (setup.exceptions) await dc.setExceptionBreakpointsRequest({ filters: setup.exceptions });
    await setup.configure?.();
    await dc.configurationDoneRequest();
  });
  const [, response] = await Promise.all([configured, dc.launch(args)]);
  return response;
}

/** Launches and resolves with the first `stopped` event. */
export async function launchToStop(
  dc: DebugClient,
  args: Record<string, unknown>,
  setup: Setup = {},
): Promise<Stopped> {
  const stopped = dc.waitForEvent('stopped') as Promise<Stopped>;
  await launch(dc, args, setup);
  return stopped;
}

/** Sends a stepping request and waits for the next `stopped` event. */
export async function stepAndStop(
  dc: DebugClient,
  kind: 'next' | 'stepIn' | 'stepOut' | 'continue',
  threadId: number,
): Promise<Stopped> {
  const stopped = dc.waitForEvent('stopped') as Promise<Stopped>;
  if (kind === 'next') await dc.nextRequest({ threadId });
  else if (kind === 'stepIn') await dc.stepInRequest({ threadId });
  else if (kind === 'stepOut') await dc.stepOutRequest({ threadId });
  else await dc.continueRequest({ threadId });
  return stopped;
}

export async function topFrames(
  dc: DebugClient,
  threadId: number,
): Promise<DebugProtocol.StackFrame[]> {
  const r = await dc.stackTraceRequest({ threadId });
  return r.body.stackFrames;
}

/** The variables of scope `scope` in frame `frameId`, by name. */
export async function scopeVars(
  dc: DebugClient,
  frameId: number,
  scope: string,
): Promise<Map<string, DebugProtocol.Variable>> {
  const scopes = await dc.scopesRequest({ frameId });
  const s = scopes.body.scopes.find((x) => x.name === scope);
  if (!s) throw new Error(`no scope ${scope}: ${scopes.body.scopes.map((x) => x.name).join(', ')}`);
  return children(dc, s.variablesReference);
}

export async function children(
  dc: DebugClient,
  ref: number,
): Promise<Map<string, DebugProtocol.Variable>> {
  const r = await dc.variablesRequest({ variablesReference: ref });
  return new Map(r.body.variables.map((v) => [v.name, v]));
}

/** Follows a path of names from a scope: `['input', 'name']`. */
export async function variableAt(
  dc: DebugClient,
  frameId: number,
  scope: string,
  path: string[],
): Promise<DebugProtocol.Variable> {
  let vars = await scopeVars(dc, frameId, scope);
  let v: DebugProtocol.Variable | undefined;
  for (const [i, name] of path.entries()) {
    v = vars.get(name);
    if (!v)
      throw new Error(
        `no variable ${path.slice(0, i + 1).join('.')}; have ${[...vars.keys()].join(', ')}`,
      );
    if (i < path.length - 1) vars = await children(dc, v.variablesReference);
  }
  return v as DebugProtocol.Variable;
}

/** Collects console/stdout/stderr output; `waitFor` resolves once the text so far matches. */
export function collectOutput(dc: DebugClient): {
  text: () => string;
  byCategory: (c: string) => string;
  waitFor: (re: RegExp, ms?: number) => Promise<string>;
} {
  const parts: { category: string; output: string }[] = [];
  const waiters: { re: RegExp; resolve: (s: string) => void }[] = [];
  const all = (): string => parts.map((p) => p.output).join('');
  dc.on('output', (e: DebugProtocol.OutputEvent) => {
    parts.push({ category: e.body.category ?? 'console', output: e.body.output });
    for (const w of [...waiters]) {
      if (w.re.test(all())) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(all());
      }
    }
  });
  return {
    text: all,
    byCategory: (c) =>
      parts
        .filter((p) => p.category === c)
        .map((p) => p.output)
        .join(''),
    waitFor: (re, ms = 10000) =>
      re.test(all())
        ? Promise.resolve(all())
        : new Promise((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`output never matched ${re}; got:\n${all()}`)),
              ms,
            );
            waiters.push({ re, resolve: (s) => (clearTimeout(timer), resolve(s)) });
          }),
  };
}

/** The error message a request fails with (fails the test when it succeeds). */
export async function errorOf(request: Promise<unknown>): Promise<string> {
  try {
    await request;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the request succeeded but should have failed');
}

/** The session's `medusaWorkflows.state` events as they arrive, each with its snapshot rebuilt
 * from the deltas so far (as the extension does), calling `each` on every one. */
export function followStates(
  dc: DebugClient,
  each?: (state: StateEvent.Full) => void,
): StateEvent.Full[] {
  const states: StateEvent.Full[] = [];
  let held: RunSnapshot | undefined;
  dc.on(StateEvent.event, (e: DebugProtocol.Event) => {
    const { delta, ...rest } = e.body as StateEvent.Body;
    held = applyRun(held, delta);
    const state = { ...rest, snapshot: held };
    states.push(state);
    each?.(state);
  });
  return states;
}
