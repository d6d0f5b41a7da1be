// Fixture app: runs create-branded-product through the app's own workflow engine
// (workflow-engine-inmemory, `medusa exec ./src/scripts/nested-rollback.ts`) with a brand id that
// does not exist, so update-brand (the last step) fails after the nested createProductsWorkflow
// finished; prints what the rollback did to the child (JSON on the last stdout line).
// test/app/nestedRollback.test.ts compares it with our engine's run of the same input.
import type { ExecArgs } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { createBrandedProductWorkflow } from '../workflows/create-branded-product';

export default async function nestedRollback({ container, args }: ExecArgs): Promise<void> {
  const title = args[0] ?? 'Nested Probe';
  const { errors, transaction } = await createBrandedProductWorkflow(container).run({
    input: { brandId: 'brand_does_not_exist', title },
    throwOnError: false,
  });
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const { data } = await query.graph({
    entity: 'product',
    fields: ['id', 'title', 'deleted_at'],
    filters: { title },
    withDeleted: true,
  });
  const report = {
    state: transaction.getState(),
    errors: errors.map((e) => ({
      action: e.action,
      handlerType: e.handlerType,
      message: (e.error as Error | undefined)?.message,
    })),
    products: data.map((p: { id: string; deleted_at: unknown }) => ({
      id: p.id,
      deleted: p.deleted_at !== null,
    })),
  };
  process.stdout.write(`\nNESTED_ROLLBACK ${JSON.stringify(report)}\n`);
}
