import { createStep, StepResponse } from '@medusajs/framework/workflows-sdk';
import type { FileModuleService } from '../../modules/file';
import { FILE_MODULE } from '../../modules/keys';

export type UploadLogoStepInput = { filename: string; mimeType: string; content: string };

export const uploadLogoStep = createStep(
  'upload-logo',
  async (input: UploadLogoStepInput, { container }) => {
    const file = container.resolve<FileModuleService>(FILE_MODULE).createFiles(input);
    return new StepResponse(file, file.id);
  },
  async (fileId, { container }) => {
    if (!fileId) return;
    container.resolve<FileModuleService>(FILE_MODULE).deleteFiles(fileId);
  },
);
