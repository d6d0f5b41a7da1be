import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import { PRODUCT_MODULE } from '../../modules/keys';
import type { ProductModuleService } from '../../modules/product';

export type CreateBrandProductsStepInput = {
  brand_id: string;
  brand_handle: string;
  products: { title: string }[];
};

export const createBrandProductsStep = createStep(
  'create-brand-products',
  async (input: CreateBrandProductsStepInput, { container }) => {
    if (input.products.length === 0) {
      throw new Error('A brand launch needs at least one product');
    }
    const products = container.resolve<ProductModuleService>(PRODUCT_MODULE).createProducts(
      input.products.map((p) => ({
        title: p.title,
        handle: `${input.brand_handle}-${p.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        brand_id: input.brand_id,
      })),
    );
    return new StepResponse(
      products,
      products.map((p) => p.id),
    );
  },
  async (productIds, { container }) => {
    if (!productIds?.length) return;
    container.resolve<ProductModuleService>(PRODUCT_MODULE).deleteProducts(productIds);
  },
);
