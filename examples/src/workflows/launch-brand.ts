import { createWorkflow, WorkflowResponse } from '@medusajs/framework/workflows-sdk';
import {
  createBrandWithLogoWorkflow,
  type CreateBrandWithLogoInput,
} from './create-brand-with-logo';
import { createBrandProductsStep } from './steps/create-brand-products';

export type LaunchBrandInput = {
  brand: CreateBrandWithLogoInput;
  products: { title: string }[];
};

/** Runs create-brand-with-logo as one step; if the products fail, the whole nested run rolls back. */
export const launchBrandWorkflow = createWorkflow('launch-brand', (input: LaunchBrandInput) => {
  const brand = createBrandWithLogoWorkflow.runAsStep({ input: input.brand });
  const products = createBrandProductsStep({
    brand_id: brand.id,
    brand_handle: brand.handle,
    products: input.products,
  });
  return new WorkflowResponse({ brand, products });
});
