import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { buildContainer } from '../../../engine/src/host/mocksContainer';
import { createEngineLoader } from '../../../engine/src/host/engineLoader';
import { ROOT } from './cli';
import { tempProject, type TempProject } from './tempProject';

const examples = (path: string) => resolve(ROOT, 'examples', path);
const logo = { filename: 'acme.png', mimeType: 'image/png', content: 'x' };

describe('host/engineLoader', function () {
  this.timeout(20000);
  let project: TempProject | undefined;
  afterEach(() => project?.remove());

  it('returns runnable handles for the workflows a file and its imports define', async () => {
    const loader = createEngineLoader();
    try {
      const loaded = loader.load(examples('src/workflows/launch-brand.ts'));
      assert.deepEqual([...loaded.workflows.keys()].sort(), [
        'create-brand-with-logo',
        'launch-brand',
      ]);
      assert.equal(
        loaded.workflows.get('launch-brand')?.sourcePath,
        examples('src/workflows/launch-brand.ts'),
      );
      const load = (file: string) => loader.loadModule(file);
      const container = await buildContainer({ mocks: examples('src/mocks.ts') }, load);
      const brand = loaded.workflows.get('create-brand-with-logo')!;
      const { result, errors } = await brand
        .runner(container)
        .run({ input: { name: 'Acme Outdoor', logo } });
      assert.deepEqual(errors, []);
      assert.deepEqual(result, {
        id: 'brand_01',
        name: 'Acme Outdoor',
        handle: 'acme-outdoor',
        logo_url: 'https://cdn.example.com/file_01/acme.png',
      });
    } finally {
      loader.close();
    }
  });

  it('fills the container from a mocks object, and runs like wf.run({ container })', async () => {
    project = tempProject({
      'wf.ts': [
        `import { createStep, createWorkflow, StepResponse, WorkflowResponse } from '@medusajs/framework/workflows-sdk';`,
        `const count = createStep('count', async (_: unknown, { container }) =>`,
        `  new StepResponse(container.resolve<{ next(): number }>('counter').next()));`,
        `export const wf = createWorkflow('counting', () => new WorkflowResponse(count()));`,
      ].join('\n'),
      'mocks.ts': `let n = 0;\nexport default { counter: { next: () => ++n } };\n`,
    });
    const loader = createEngineLoader();
    try {
      const workflow = loader.load(project.path('wf.ts')).workflows.get('counting')!;
      const container = await buildContainer({ mocks: project.path('mocks.ts') }, (f) =>
        loader.loadModule(f),
      );
      assert.equal((await workflow.run({ container })).result, 1);
      assert.equal((await workflow.run({ container })).result, 2);
    } finally {
      loader.close();
    }
  });
});
