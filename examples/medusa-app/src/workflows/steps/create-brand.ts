// Fixture app: creates a brand row; its compensation deletes it again.
import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import { BRAND_MODULE } from '../../modules/brand';
import type BrandModuleService from '../../modules/brand/service';

export interface CreateBrandStepInput {
  name: string;
  handle: string;
  description?: string;
}

export const createBrandStep = createStep(
  'create-brand',
  async (input: CreateBrandStepInput, { container }) => {
    const brands: BrandModuleService = container.resolve(BRAND_MODULE);
    const brand = await brands.createBrands(input);
    return new StepResponse(brand, brand.id);
  },
  async (id, { container }) => {
    if (!id) return;
    const brands: BrandModuleService = container.resolve(BRAND_MODULE);
    await brands.deleteBrands(id);
  },
);
