// e2e (VS Code extension host): the fixture Medusa app's create-brand workflow debugged with
// `"container": "app"` from a launch configuration, against the project's real Postgres in a
// database of this test's own (`e2e_app_container`, never the shared `medusa_app`).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { brandsNamed, freshDatabase } from '../app/fixtureApp';
import {
  api,
  dapLog,
  failedRequests,
  screenshot,
  variablesShown,
  waitFor,
  wsPath,
} from './helpers';

// The workspace's copy of examples/medusa-app (scripts/e2e.mjs links its node_modules in).
const APP = 'medusa-app';
const STEP = 'use-query-graph-step';
const BRAND = 'E2e Brand';

interface Variable {
  name: string;
  value: string;
  variablesReference: number;
}

async function children(s: vscode.DebugSession, ref: number): Promise<Map<string, Variable>> {
  const r = (await s.customRequest('variables', { variablesReference: ref })) as {
    variables: Variable[];
  };
  return new Map(r.variables.map((v) => [v.name, v]));
}

async function scope(
  s: vscode.DebugSession,
  frameId: number,
  name: string,
): Promise<{ variablesReference: number }> {
  const { scopes } = (await s.customRequest('scopes', { frameId })) as {
    scopes: { name: string; variablesReference: number }[];
  };
  const found = scopes.find((x) => x.name === name);
  assert.ok(found, `a ${name} scope: ${scopes.map((x) => x.name).join(', ')}`);
  return found;
}

/** The variable at `path` under the scope named `name` of frame `frameId`. */
async function variableAt(
  s: vscode.DebugSession,
  frameId: number,
  name: string,
  path: string[],
): Promise<Variable> {
  let ref = (await scope(s, frameId, name)).variablesReference;
  let v: Variable | undefined;
  for (const key of path) {
    const level = await children(s, ref);
    v = level.get(key);
    assert.ok(v, `${key} under ${name}: ${[...level.keys()].join(', ')}`);
    ref = v.variablesReference;
  }
  assert.ok(v);
  return v;
}

describe('debugging the fixture Medusa app with "container": "app"', function () {
  // Bounds a hang of Medusa's boot on a loaded machine; not a performance check (bench/app.mjs).
  this.timeout(300_000);
  let url = '';
  let log: ReturnType<typeof dapLog>;
  before(async () => {
    url = await freshDatabase('e2e_app_container');
    log = dapLog();
  });

  after(() => {
    log.dispose();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  });

  it('create-brand stops at a step with the real row in Variables; after Continue the row is in Postgres', async () => {
    await api();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    vscode.debug.addBreakpoints([new vscode.FunctionBreakpoint(STEP)]);
    const run = await launchBrand(BRAND);
    const s = run.session;
    const output = run.output;
    try {
      const stop = await waitFor(
        () => log.messages.find((x) => x.session === s.id && x.m.event === 'stopped')?.m,
        `the stop on ${STEP}`,
        240_000,
      );
      assert.strictEqual(stop.body?.reason, 'breakpoint');
      assert.match(
        output(),
        /this run writes to the database postgres:\/\/127\.0\.0\.1:\d+\/e2e_app_container\./,
      );
      const trace = (await s.customRequest('stackTrace', { threadId: stop.body?.threadId })) as {
        stackFrames: { id: number; name: string }[];
      };
      const top = trace.stackFrames[0]!;
      assert.strictEqual(top.name, `${STEP} (invoke)`);

      // The row create-brand's step made through the app's brand service, read back with SQL.
      const rows = await brandsNamed(url, BRAND);
      assert.strictEqual(rows.length, 1, 'the row exists while the run is paused');
      const id = rows[0]!.id;
      assert.match(id, /^brand_[0-9A-Z]{26}$/);
      // The step's input holds that row's real id (create-brand's output, from the service).
      const filter = await variableAt(s, top.id, 'Step', ['input', 'filters', 'id']);
      assert.strictEqual(filter.value, JSON.stringify(id));
      // Container calls: the app's real brand service was called, and its result is that row.
      const calls = await children(
        s,
        (await scope(s, top.id, 'Container calls')).variablesReference,
      );
      const created = [...calls.values()].find((c) =>
        /^\d+\. brand\.createBrands \(create-brand\)$/.test(c.name),
      );
      assert.ok(created, `brand.createBrands recorded:\n${[...calls.keys()].join('\n')}`);
      const result = (await children(s, created.variablesReference)).get('result');
      assert.ok(result, 'the call result is recorded');
      const fields = await children(s, result.variablesReference);
      assert.strictEqual(fields.get('id')?.value, JSON.stringify(id));
      assert.strictEqual(fields.get('name')?.value, JSON.stringify(BRAND));
      await screenshot('debug-app-container-paused');

      await waitFor(() => variablesShown(log, s.id), 'the Variables view filled');
      await vscode.commands.executeCommand('workbench.action.debug.continue');
      await waitFor(run.ended, 'the session to end', 120_000);
      assert.match(output(), /Workflow create-brand ended: done/);
      const after = await brandsNamed(url, BRAND);
      assert.deepStrictEqual(
        after.map((b) => [b.id, b.handle, b.deleted_at]),
        [[id, 'e2e-brand', null]],
      );
      assert.deepStrictEqual(failedRequests(log), [], 'no DAP request failed during the session');
    } finally {
      run.dispose();
    }
  });

  interface Launched {
    session: vscode.DebugSession;
    ended: () => boolean;
    /** The session's Debug Console text so far. */
    output: () => string;
    dispose: () => void;
  }

  /** Starts create-brand on the app container, in this test's own database. */
  async function launchBrand(name: string, extra: Record<string, unknown> = {}): Promise<Launched> {
    const folder = vscode.workspace.workspaceFolders![0]!;
    let session: vscode.DebugSession | undefined;
    let ended = false;
    const subs = [
      vscode.debug.onDidStartDebugSession((s) => {
        if (s.type === 'medusa-workflow') session ??= s;
      }),
      vscode.debug.onDidTerminateDebugSession((s) => (ended ||= s.id === session?.id)),
    ];
    const dispose = () => subs.forEach((d) => void d.dispose());
    try {
      const started = await vscode.debug.startDebugging(folder, {
        type: 'medusa-workflow',
        request: 'launch',
        name: `create-brand against the app: ${name}`,
        program: wsPath(`${APP}/src/workflows/create-brand.ts`),
        workflow: 'create-brand',
        input: { name },
        container: 'app',
        cwd: wsPath(APP),
        env: { DATABASE_URL: url },
        ...extra,
      });
      assert.strictEqual(started, true);
      const s = await waitFor(() => session, 'the session to start');
      const output = (): string =>
        log.messages
          .filter((x) => x.session === s.id && x.m.event === 'output')
          .map((x) => x.m.body?.output ?? '')
          .join('');
      return { session: s, ended: () => ended, output, dispose };
    } catch (err) {
      dispose();
      throw err;
    }
  }

  /** Runs create-brand on the app container to its end; the Debug Console's text. */
  async function runToEnd(name: string, extra: Record<string, unknown>): Promise<string> {
    const run = await launchBrand(name, extra);
    try {
      await waitFor(run.ended, 'the session to end', 240_000);
      return run.output();
    } finally {
      run.dispose();
    }
  }

  it('a failure forced at the last step undoes the row; a compensation forced to fail leaves it and says so', async () => {
    await api();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    const reverted = await runToEnd('E2e Reverted', { failSteps: ['emit-event-step'] });
    assert.match(reverted, /Workflow create-brand ended: reverted/);
    assert.deepStrictEqual(await brandsNamed(url, 'E2e Reverted'), [], 'the row is gone');

    const left = await runToEnd('E2e Left Behind', {
      failSteps: ['emit-event-step'],
      failCompensations: ['create-brand'],
    });
    assert.match(left, /Workflow create-brand ended: failed/);
    assert.match(left, /create-brand \(compensate\): Forced failure: create-brand/);
    const rows = await brandsNamed(url, 'E2e Left Behind');
    assert.strictEqual(rows.length, 1, 'the row the failed compensation should have deleted');
    assert.strictEqual(rows[0]!.deleted_at, null);
    assert.deepStrictEqual(failedRequests(log), [], 'no DAP request failed during the sessions');
  });
});
