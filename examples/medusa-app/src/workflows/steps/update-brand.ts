// Fixture app: updates a brand row; its compensation restores the previous values.
import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import { BRAND_MODULE } from '../../modules/brand';
import type BrandModuleService from '../../modules/brand/service';

export interface UpdateBrandStepInput {
  id: string;
  name?: string;
  description?: string | null;
}

export const updateBrandStep = createStep(
  'update-brand',
  async (input: UpdateBrandStepInput, { container }) => {
    const brands: BrandModuleService = container.resolve(BRAND_MODULE);
    const previous = await brands.retrieveBrand(input.id);
    const brand = await brands.updateBrands(input);
    return new StepResponse(brand, {
      id: previous.id,
      name: previous.name,
      description: previous.description,
    });
  },
  async (previous, { container }) => {
    if (!previous) return;
    const brands: BrandModuleService = container.resolve(BRAND_MODULE);
    await brands.updateBrands(previous);
  },
);
