// Server suite (mocha, Node): `medusaWorkflows/inputTemplate` on the built dist/server.js, over
// stdio: the JSON template of a workflow's input built from its TypeScript type.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { LspClient, repoRoot, uriOf } from './lspClient';

const workspace = join(repoRoot, 'test/fixtures/server/inputTemplate');
const file = join(workspace, 'src/workflows/typed.ts');

interface Result {
  template: unknown;
  type: string;
  optional: string[];
}

describe('language server: input template of a workflow', function () {
  this.timeout(60_000);
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ folders: [workspace] });
    await client.open(file);
  });
  after(() => client?.kill());

  const template = (workflow: string) =>
    client.request<Result | null>('medusaWorkflows/inputTemplate', { workflow, uri: uriOf(file) });

  it('builds it from an interface: nested objects, arrays, unions, enums, optional fields', async () => {
    const r = await template('typed-order');
    assert.deepEqual(r?.template, {
      customer_id: '',
      quantity: 0,
      gift: false,
      note: '',
      channel: 'web',
      priority: 'low',
      code: '',
      items: [{ variant_id: '', tags: [''] }],
      address: { city: '', zip: '' },
      placed_at: '2024-01-01T00:00:00.000Z',
    });
    assert.deepEqual(r?.optional.sort(), ['address.zip', 'note']);
    assert.equal(r?.type, 'OrderInput');
  });

  it('reads the type argument of createWorkflow<Input>', async () => {
    assert.deepEqual((await template('generic-ids'))?.template, { ids: [0] });
  });

  it('follows a type imported from a file beside the workflow', async () => {
    const r = await template('imported-input');
    assert.deepEqual(r?.template, { name: '', handle: '', tags: [''] });
    assert.deepEqual(r?.optional, ['handle']);
  });

  it('follows a type from @medusajs/framework/types (read from @medusajs/types)', async () => {
    const r = await template('package-input');
    const region = (r?.template as { region: Record<string, unknown> }).region;
    assert.equal(region.name, '');
    assert.equal(region.currency_code, '');
    assert.equal(region.automatic_taxes, false);
    assert.equal((r?.template as { note: string }).note, '');
  });

  it("reads a module's data model (InferTypeOf / InferEntityType<typeof Model>) from its model.define call", async () => {
    const r = await template('model-input');
    assert.deepEqual(r?.template, {
      brands: [
        {
          id: '',
          name: '',
          rank: 0,
          featured: false,
          launched_at: '2024-01-01T00:00:00.000Z',
          status: 'draft',
          tier: 'gold',
          settings: {},
          region_id: '',
        },
      ],
      region: { id: '', code: '' },
    });
  });

  it('gives an empty object for a workflow without input, and null for an unknown one', async () => {
    assert.deepEqual((await template('no-input'))?.template, {});
    assert.equal(await template('no-such-workflow'), null);
  });
});
