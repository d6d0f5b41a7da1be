import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import type { Brand, BrandModuleService } from '../../modules/brand';
import { BRAND_MODULE } from '../../modules/keys';

export type UpdateBrandStepInput = { id: string } & Partial<Omit<Brand, 'id'>>;

/** Updates a brand; its compensation puts back the fields exactly as they were before. */
export const updateBrandStep = createStep(
  'update-brand',
  async (input: UpdateBrandStepInput, { container }) => {
    const brandService = container.resolve<BrandModuleService>(BRAND_MODULE);
    const previous = brandService.retrieveBrand(input.id);
    const updated = brandService.updateBrands(input);
    return new StepResponse(updated, previous);
  },
  async (previous, { container }) => {
    if (!previous) return;
    container.resolve<BrandModuleService>(BRAND_MODULE).updateBrands(previous);
  },
);
