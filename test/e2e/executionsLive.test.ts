// e2e: the Workflow Executions view's Live mode on a real Redis (scripts/redis.mjs) while the
// fixture app's async workflow (stored-approval) runs on the real @medusajs/workflow-engine-redis
// in a medusa process of its own: the run appears in the view, its graph shows the async step
// awaiting, then every step done once it is approved. A workflow without an async step is said to
// publish nothing. Starts and stops the Redis and the database copy it needs.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { copyOfFixture, executionsFixture } from '../app/executionsFixture';
import { ROOT } from '../app/fixtureApp';
import { useRedis, type RedisServer } from '../app/redisServer';
import type { ExecutionItem } from '../../client/src/executions/executionsTree';
import type { MedusaWorkflowsApi } from '../../client/src/extension';
import { api, dom, screenshot, waitFor } from './helpers';

const DATABASE = 'medusaWorkflows.executions.databaseUrl';
const REDIS = 'medusaWorkflows.executions.redisUrl';

/** stored-approval on workflow-engine-redis, approved once `approveFile` exists. */
function runApproval(
  redisUrl: string,
  database: string,
  approveFile: string,
): Promise<{ transactionId: string; state: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'scripts', 'executions-fixture.mjs'), 'live-approval', redisUrl, database],
      {
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          ELECTRON_RUN_AS_NODE: '1',
          EXECUTIONS_APPROVE_WHEN: approveFile,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the live run failed (${code}):\n${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as never);
    });
  });
}

async function rows(a: MedusaWorkflowsApi): Promise<ExecutionItem[]> {
  return a.executions.getChildren();
}

function description(a: MedusaWorkflowsApi, item: ExecutionItem): string {
  return String(a.executions.getTreeItem(item).description ?? '');
}

describe('Workflow Executions view, Live', function () {
  // Booting Medusa on the Redis engine takes tens of seconds here (a hang bound, no timing).
  this.timeout(600_000);
  let redis: RedisServer | undefined;
  let copy: { url: string; drop(): Promise<void> } | undefined;
  let dir: string | undefined;
  let run: Promise<unknown> | undefined;

  after(async () => {
    await vscode.commands.executeCommand('medusaWorkflows.executions.stopLive');
    for (const key of [DATABASE, REDIS]) {
      await vscode.workspace.getConfiguration().update(key, undefined, true);
    }
    // A run still waiting is let go (approved) before its database and Redis go.
    if (dir) writeFileSync(join(dir, 'approve'), '');
    await run?.catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
    await copy?.drop();
    await redis?.release();
  });

  it('a run of the async workflow appears in the view and its graph updates while it runs', async () => {
    await executionsFixture();
    redis = await useRedis();
    copy = await copyOfFixture('e2e_live');
    dir = mkdtempSync(join(tmpdir(), 'medusa-live-e2e-'));
    const approveFile = join(dir, 'approve');
    const a = await api();
    await vscode.workspace.getConfiguration().update(DATABASE, copy.url, true);
    await vscode.workspace.getConfiguration().update(REDIS, redis.url, true);
    await vscode.commands.executeCommand('medusaWorkflows.executions.focus');
    await vscode.commands.executeCommand('medusaWorkflows.executions.live');
    const port = new URL(redis.url).port;
    await waitFor(async () => {
      const first = (await rows(a))[0];
      return (
        first?.kind === 'message' &&
        first.text.startsWith(`Live: following orchestrator:* on redis://127.0.0.1:${port} (`)
      );
    }, 'Live following the test Redis');

    const database = new URL(copy.url).pathname.slice(1);
    run = runApproval(redis.url, database, approveFile);
    const running = await waitFor(
      async () =>
        (await rows(a)).find(
          (i) =>
            i.kind === 'execution' &&
            i.summary.workflowId === 'stored-approval' &&
            i.summary.transactionId.startsWith('approval-live-') &&
            description(a, i).includes('live: await-approval awaiting'),
        ),
      'the live run listed, awaiting its approval',
      180_000,
    );
    assert.ok(running.kind === 'execution');
    assert.match(description(a, running), /^invoking · /);

    await vscode.commands.executeCommand('medusaWorkflows.executions.open', running);
    const cls = (snap: Awaited<ReturnType<typeof dom>>, id: string): string[] =>
      snap.nodes.find((n) => n.id === id)?.classes ?? [];
    const awaiting = await waitFor(async () => {
      const s = await dom(a);
      return s.workflow === 'stored-approval' && cls(s, 'await-approval').includes('inv-running')
        ? s
        : undefined;
    }, 'the async step drawn running');
    assert.ok(
      cls(awaiting, 'finalize').includes('inv-pending'),
      cls(awaiting, 'finalize').join(' '),
    );
    assert.match(
      awaiting.banner,
      /^Execution \S+: Running… · Live: following orchestrator:stored-approval\.$/,
    );
    await screenshot('executions-live-awaiting');

    writeFileSync(approveFile, '');
    const done = await waitFor(
      async () => {
        const s = await dom(a);
        return cls(s, 'finalize').includes('inv-done') && s.banner.includes('Run succeeded')
          ? s
          : undefined;
      },
      'the graph updated as the run went on',
      120_000,
    );
    assert.ok(cls(done, 'await-approval').includes('inv-done'));
    assert.match(done.banner, /: Run succeeded · Live: following orchestrator:stored-approval\.$/);
    const finished = (await run) as { transactionId: string; state: string };
    assert.equal(finished.state, 'done');
    assert.equal(running.summary.transactionId, finished.transactionId);
    const row = await waitFor(
      async () =>
        (await rows(a)).find(
          (i) =>
            i.kind === 'execution' &&
            i.summary.transactionId === finished.transactionId &&
            /^done · .* · live: finished done$/.test(description(a, i)),
        ),
      'the row done',
    );
    assert.ok(row);
    await screenshot('executions-live-done');
  });

  it('says that a workflow without an async step publishes nothing', async () => {
    const a = await api();
    const order = await waitFor(
      async () =>
        (await rows(a)).find(
          (i) => i.kind === 'execution' && i.summary.workflowId === 'stored-order',
        ),
      'a stored-order row',
    );
    await vscode.commands.executeCommand('medusaWorkflows.executions.open', order);
    const note =
      'Live: stored-order publishes nothing (Medusa publishes only workflows with an async step); refresh for its stored state.';
    await waitFor(async () => {
      const s = await dom(a);
      return s.workflow === 'stored-order' && s.banner.endsWith(note);
    }, 'the banner saying stored-order publishes nothing');
    const items = await rows(a);
    assert.ok(
      items.some((i) => i.kind === 'message' && i.text === note),
      items.map((i) => (i.kind === 'message' ? i.text : i.kind)).join('\n'),
    );
  });
});
