// Fixture app: runs the stored workflows (src/workflows/stored) through the app's own workflow
// engine module, so the rows in `workflow_execution` are Medusa's: `medusa exec
// ./src/scripts/stored-executions.ts [all|approval]`. Run by test/app/executionsFixture.ts against
// a database of its own; prints one line `STORED_EXECUTIONS <json>` naming every run.
import type { ExecArgs, IWorkflowEngineService } from '@medusajs/framework/types';
import { Modules, TransactionHandlerType } from '@medusajs/framework/utils';
import { StepResponse } from '@medusajs/framework/workflows-sdk';
import '../workflows/stored/stored';

interface Run {
  scenario: string;
  workflowId: string;
  transactionId: string;
  state?: string;
}

async function run(
  engine: IWorkflowEngineService,
  scenario: string,
  workflowId: string,
  input: unknown,
): Promise<Run> {
  const transactionId = `${scenario}-${Date.now()}`;
  const { transaction } = await engine.run(workflowId, {
    input,
    transactionId,
    throwOnError: false,
  });
  return { scenario, workflowId, transactionId, state: transaction.getState() };
}

/** Tells the engine that the async step of a stored-approval run succeeded, then waits for its end. */
async function approve(engine: IWorkflowEngineService, transactionId: string): Promise<string> {
  const finished = new Promise<string>((resolve) => {
    void engine.subscribe({
      workflowId: 'stored-approval',
      transactionId,
      subscriber: (event: { eventType: string; state?: string }) => {
        if (event.eventType === 'onFinish') resolve(event.state ?? 'done');
      },
    });
  });
  await engine.setStepSuccess({
    idempotencyKey: {
      action: TransactionHandlerType.INVOKE,
      transactionId,
      stepId: 'await-approval',
      workflowId: 'stored-approval',
    },
    stepResponse: new StepResponse({ approvedBy: 'ops' }),
  });
  return finished;
}

export default async function storedExecutions({ container, args }: ExecArgs): Promise<void> {
  const engine = container.resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE);
  const runs: Run[] = [];
  if ((args[0] ?? 'all') === 'all') {
    const order = { sku: 'mug', quantity: 2, amount: 40 };
    runs.push(await run(engine, 'order-done', 'stored-order', order));
    runs.push(
      await run(engine, 'order-reverted', 'stored-order', { ...order, failShipping: true }),
    );
    runs.push(await run(engine, 'refund-failed', 'stored-refund', { amount: 15 }));
    runs.push(await run(engine, 'shipment-nested', 'stored-shipment', { sku: 'lamp' }));
    runs.push(await run(engine, 'approval-waiting', 'stored-approval', { sku: 'desk' }));
    runs.push(await run(engine, 'order-done-again', 'stored-order', { ...order, sku: 'cup' }));
  }
  const approval = await run(engine, 'approval-done', 'stored-approval', { sku: 'chair' });
  approval.state = await approve(engine, approval.transactionId);
  runs.push(approval);
  process.stdout.write(`\nSTORED_EXECUTIONS ${JSON.stringify({ runs })}\n`);
}
