// Fixture app: create-brand creates a brand row, reads it back through Query (core-flows'
// useQueryGraphStep) and emits `brand.created` (core-flows' emitEventStep, the last step).
import { createWorkflow, transform, WorkflowResponse } from '@medusajs/framework/workflows-sdk';
import { emitEventStep, useQueryGraphStep } from '@medusajs/medusa/core-flows';
import { createBrandStep } from './steps/create-brand';

export interface CreateBrandInput {
  name: string;
  description?: string;
}

export const createBrandWorkflow = createWorkflow('create-brand', (input: CreateBrandInput) => {
  const data = transform({ input }, ({ input }) => ({
    name: input.name,
    handle: input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    description: input.description,
  }));
  const brand = createBrandStep(data);
  const { data: brands } = useQueryGraphStep({
    entity: 'brand',
    fields: ['id', 'name', 'handle'],
    filters: { id: brand.id },
  });
  emitEventStep({ eventName: 'brand.created', data: { id: brand.id } });
  return new WorkflowResponse(brands);
});
