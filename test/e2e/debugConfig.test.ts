import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, dapLog, hasBrowser, pickInQuickPick, waitFor, wsPath } from './helpers';

// A file with two workflows (written into the test's copy of examples/ for this suite only).
const TWO = 'src/workflows/greetings.ts';
const TWO_SOURCE = `import {
  createStep,
  createWorkflow,
  StepResponse,
  WorkflowResponse,
} from '@medusajs/framework/workflows-sdk';

const greetStep = createStep('greet', async (name: string) => new StepResponse(\`Hello \${name}\`));
const shoutStep = createStep('shout', async (name: string) => new StepResponse(name.toUpperCase()));

export const greetWorkflow = createWorkflow('greet-someone', (input: { name: string }) => {
  return new WorkflowResponse(greetStep(input.name));
});

export const shoutWorkflow = createWorkflow('shout-at-someone', (input: { name: string }) => {
  return new WorkflowResponse(shoutStep(input.name));
});
`;

/** The next medusa-workflow session to start, and a way to wait for its end. */
function nextSession(): {
  started: Promise<vscode.DebugSession>;
  ended(s: vscode.DebugSession): Promise<void>;
  dispose(): void;
} {
  const ended = new Set<string>();
  let resolve!: (s: vscode.DebugSession) => void;
  const started = new Promise<vscode.DebugSession>((r) => (resolve = r));
  const subs = [
    vscode.debug.onDidStartDebugSession((s) => s.type === 'medusa-workflow' && resolve(s)),
    vscode.debug.onDidTerminateDebugSession((s) => ended.add(s.id)),
  ];
  return {
    started,
    ended: async (s) => {
      await waitFor(() => ended.has(s.id), `the session ${s.name} to end`, 60_000);
    },
    dispose: () => subs.forEach((d) => void d.dispose()),
  };
}

describe('debug configuration provider', function () {
  this.timeout(60_000);

  it('fills the workflow id from the program when the configuration has none', async () => {
    await api();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    let started: vscode.DebugSession | undefined;
    const ended = new Set<string>();
    const subs = [
      vscode.debug.onDidStartDebugSession((s) => {
        if (s.type === 'medusa-workflow') started ??= s; // not the JavaScript child session
      }),
      vscode.debug.onDidTerminateDebugSession((s) => ended.add(s.id)),
    ];
    try {
      const folder = vscode.workspace.workspaceFolders![0];
      const ok = await vscode.debug.startDebugging(folder, {
        type: 'medusa-workflow',
        request: 'launch',
        name: 'no workflow id',
        program: wsPath('src/workflows/create-brand-with-logo.ts'),
        inputFile: wsPath('inputs/create-brand-with-logo.json'),
        mocks: wsPath('src/mocks.ts'),
        container: 'empty',
      });
      assert.strictEqual(ok, true);
      const session = await waitFor(() => started, 'the session to start');
      assert.strictEqual(session.configuration.workflow, 'create-brand-with-logo');
      await waitFor(() => ended.has(session.id), 'the run to finish', 30_000);
    } finally {
      subs.forEach((s) => void s.dispose());
    }
  });

  it('asks which workflow when the program defines several (the quick pick, picked in the workbench)', async function () {
    if (!hasBrowser) this.skip(); // the quick pick is answered through the browser driver
    await api();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    const file = wsPath(TWO);
    fs.writeFileSync(file, TWO_SOURCE);
    const log = dapLog();
    const sessions = nextSession();
    try {
      // Open (not shown): the provider asks for a program that is not the active editor's file.
      await vscode.workspace.openTextDocument(file);
      const folder = vscode.workspace.workspaceFolders![0]!;
      const starting = vscode.debug.startDebugging(folder, {
        type: 'medusa-workflow',
        request: 'launch',
        name: 'greetings',
        program: file,
        input: { name: 'Ada' },
        container: 'auto',
      });
      const shown = await pickInQuickPick('shout-at-someone');
      assert.strictEqual(shown.placeholder, 'Which workflow?');
      assert.ok(
        shown.items.some((l) => l.includes('greet-someone')) &&
          shown.items.some((l) => l.includes('shout-at-someone')),
        `both workflows offered: ${shown.items.join(' | ')}`,
      );
      assert.strictEqual(await starting, true);
      const session = await sessions.started;
      assert.strictEqual(session.configuration.workflow, 'shout-at-someone');
      await sessions.ended(session);
      const output = log.messages
        .filter((x) => x.session === session.id && x.m.event === 'output')
        .map((x) => x.m.body?.output ?? '')
        .join('');
      assert.match(output, /Workflow shout-at-someone ended: done/);
    } finally {
      log.dispose();
      sessions.dispose();
      fs.rmSync(file, { force: true });
    }
  });

  it('offers one dynamic configuration per workspace workflow (Select and Start Debugging > Medusa Workflow...)', async function () {
    if (!hasBrowser) this.skip(); // the pickers are answered through the browser driver
    await api();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    const sessions = nextSession();
    try {
      void vscode.commands.executeCommand('workbench.action.debug.selectandstart');
      await pickInQuickPick('Medusa Workflow contributed configurations', 'Medusa Workflow');
      const offered = await pickInQuickPick('Debug launch-brand');
      for (const id of ['create-order', 'create-brand-with-logo', 'launch-brand']) {
        assert.ok(
          offered.items.some((l) => l.split(', ')[0] === `Debug ${id}`),
          `${id} offered: ${offered.items.join(' | ')}`,
        );
      }
      assert.ok(
        !offered.items.some((l) => l.includes('create-products')),
        'core-flows workflows are not offered',
      );
      // The workspace's copy of the fixture Medusa app (a medusa-config beside its package.json):
      // its workflows are offered on the auto-mocked container and against the app itself.
      const labels = offered.items.map((l) => l.split(', ')[0]);
      assert.ok(labels.includes('Debug create-brand'), offered.items.join(' | '));
      assert.ok(labels.includes('Debug create-brand against the app'), offered.items.join(' | '));
      assert.ok(
        !labels.includes('Debug create-order against the app'),
        'a workflow outside a Medusa app is not offered against an app',
      );
      const session = await sessions.started;
      const config = session.configuration;
      assert.strictEqual(config.workflow, 'launch-brand');
      assert.strictEqual(config.program, wsPath('src/workflows/launch-brand.ts'));
      assert.strictEqual(config.container, 'auto', 'the dynamic configuration, not launch.json');
      assert.strictEqual(config.mocks, undefined);
      await sessions.ended(session);
    } finally {
      sessions.dispose();
    }
  });
});
