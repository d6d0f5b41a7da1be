// Fixture app: one run of the async stored workflow `stored-approval` that waits, between its
// start and its approval, until the file named by EXECUTIONS_APPROVE_WHEN exists (at most two
// minutes), so a test can watch it while it runs: `medusa exec ./src/scripts/live-approval.ts`.
// Run by scripts/executions-fixture.mjs (live-approval) for the e2e test of the view's Live mode.
import { existsSync } from 'node:fs';
import type { ExecArgs, IWorkflowEngineService } from '@medusajs/framework/types';
import { Modules, TransactionHandlerType } from '@medusajs/framework/utils';
import { StepResponse } from '@medusajs/framework/workflows-sdk';
import '../workflows/stored/stored';

const WORKFLOW = 'stored-approval';

async function approvalFile(path: string | undefined): Promise<void> {
  for (let i = 0; i < 1200 && path && !existsSync(path); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export default async function liveApproval({ container }: ExecArgs): Promise<void> {
  const engine = container.resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE);
  const transactionId = `approval-live-${Date.now()}`;
  const finished = new Promise<string>((resolve) => {
    void engine.subscribe({
      workflowId: WORKFLOW,
      transactionId,
      subscriber: (event: { eventType: string; state?: string }) => {
        if (event.eventType === 'onFinish') resolve(event.state ?? 'done');
      },
    });
  });
  await engine.run(WORKFLOW, { input: { sku: 'lamp' }, transactionId, throwOnError: false });
  await approvalFile(process.env.EXECUTIONS_APPROVE_WHEN);
  await engine.setStepSuccess({
    idempotencyKey: {
      action: TransactionHandlerType.INVOKE,
      transactionId,
      stepId: 'await-approval',
      workflowId: WORKFLOW,
    },
    stepResponse: new StepResponse({ approvedBy: 'ops' }),
  });
  const state = await finished;
  process.stdout.write(`\nLIVE_APPROVAL ${JSON.stringify({ transactionId, state })}\n`);
}
