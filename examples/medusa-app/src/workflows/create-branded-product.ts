// Fixture app: create-branded-product runs core-flows' createProductsWorkflow as a nested step,
// links the new product to a brand (createRemoteLinkStep) and renames the brand (update-brand,
// whose compensation restores the old name): every step undoes its rows on a rollback.
import { createWorkflow, transform, WorkflowResponse } from '@medusajs/framework/workflows-sdk';
import { Modules } from '@medusajs/framework/utils';
import { createProductsWorkflow, createRemoteLinkStep } from '@medusajs/medusa/core-flows';
import { BRAND_MODULE } from '../modules/brand';
import { updateBrandStep } from './steps/update-brand';

export interface CreateBrandedProductInput {
  brandId: string;
  title: string;
  brandName?: string;
}

export const createBrandedProductWorkflow = createWorkflow(
  'create-branded-product',
  (input: CreateBrandedProductInput) => {
    const productData = transform({ input }, ({ input }) => ({
      products: [
        {
          title: input.title,
          status: 'draft' as const,
          options: [{ title: 'Size', values: ['One size'] }],
        },
      ],
    }));
    const products = createProductsWorkflow.runAsStep({ input: productData });
    const links = transform({ products, input }, ({ products, input }) => [
      {
        [Modules.PRODUCT]: { product_id: products[0].id },
        [BRAND_MODULE]: { brand_id: input.brandId },
      },
    ]);
    createRemoteLinkStep(links);
    const brand = updateBrandStep(
      transform({ input }, ({ input }) => ({
        id: input.brandId,
        name: input.brandName ?? input.title,
      })),
    );
    return new WorkflowResponse({ product: products[0], brand });
  },
);
