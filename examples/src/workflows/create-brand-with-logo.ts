import { createWorkflow, transform, WorkflowResponse } from '@medusajs/framework/workflows-sdk';
import { createBrandStep } from './steps/create-brand';
import { updateBrandStep } from './steps/update-brand';
import { uploadLogoStep } from './steps/upload-logo';

export type CreateBrandWithLogoInput = {
  name: string;
  logo: { filename: string; mimeType: string; content: string };
};

export const createBrandWithLogoWorkflow = createWorkflow(
  'create-brand-with-logo',
  (input: CreateBrandWithLogoInput) => {
    const handle = transform({ input }, ({ input }) =>
      input.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
    );
    const brand = createBrandStep({ name: input.name, handle });
    const logo = uploadLogoStep(input.logo);
    const updated = updateBrandStep({ id: brand.id, logo_url: logo.url });
    return new WorkflowResponse(updated);
  },
);
