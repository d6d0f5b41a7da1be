// Fixture app: runs create-branded-product through the app's own workflow engine
// (workflow-engine-inmemory): `medusa exec ./src/scripts/nested-rollback.ts <title> [mode]`.
// mode `parent-fails`: a brand id that does not exist, so update-brand (the last step) fails
// after the nested createProductsWorkflow finished. mode `child-fails`: a product with the same
// handle exists first, so the nested workflow itself fails. `seed`: only creates that product.
// Prints the outcome as JSON after NESTED_ROLLBACK; test/app/nested-rollback-evidence.mjs
// compares it with our engine's run of the same input.
import type { ExecArgs } from '@medusajs/framework/types';
import { ContainerRegistrationKeys } from '@medusajs/framework/utils';
import { createProductsWorkflow } from '@medusajs/medusa/core-flows';
import { createBrandedProductWorkflow } from '../workflows/create-branded-product';

export default async function nestedRollback({ container, args }: ExecArgs): Promise<void> {
  const title = args[0] ?? 'Nested Probe';
  const mode = args[1] ?? 'parent-fails';
  if (mode !== 'parent-fails') {
    await createProductsWorkflow(container).run({
      input: { products: [{ title, options: [{ title: 'Size', values: ['One size'] }] }] },
    });
    if (mode === 'seed') return;
  }
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
    compensationErrors: transaction.getErrors('compensate').map((e) => ({
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
