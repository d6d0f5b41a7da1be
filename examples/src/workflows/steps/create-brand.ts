import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import type { BrandModuleService } from '../../modules/brand';
import { BRAND_MODULE } from '../../modules/keys';

export type CreateBrandStepInput = { name: string; handle: string };

export const createBrandStep = createStep(
  'create-brand',
  async (input: CreateBrandStepInput, { container }) => {
    const brandService = container.resolve<BrandModuleService>(BRAND_MODULE);
    const brand = brandService.createBrands(input);
    return new StepResponse(brand, brand.id);
  },
  async (brandId, { container }) => {
    if (!brandId) return;
    container.resolve<BrandModuleService>(BRAND_MODULE).deleteBrands(brandId);
  },
);
