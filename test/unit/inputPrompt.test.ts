// The input prompt of a run started without a launch configuration (client/src/debug/inputPrompt),
// driven with a fake input box and workspace state: template first, then the last input; cancel
// runs nothing.
import * as assert from 'node:assert/strict';
import { InputPrompt, type InputBoxOptions } from '../../client/src/debug/inputPrompt';

const target = { workflow: 'create-order', file: '/p/src/workflows/create-order.ts' };

function setup(
  answers: (string | undefined)[],
  template: unknown = { customer_id: '', items: [] },
) {
  const shown: InputBoxOptions[] = [];
  const state = new Map<string, unknown>();
  let templateRequests = 0;
  const prompt = new InputPrompt({
    templates: {
      inputTemplate: () => {
        templateRequests++;
        if (template === null) return Promise.resolve(null);
        return Promise.resolve({ template, type: 'OrderInput', optional: ['note'] });
      },
    },
    showInputBox: (options) => {
      shown.push(options);
      return Promise.resolve(answers.shift());
    },
    memory: {
      get: <T>(key: string) => state.get(key) as T | undefined,
      update: (key, value) => {
        state.set(key, value);
        return Promise.resolve();
      },
    },
  });
  return { prompt, shown, state, requests: () => templateRequests };
}

describe('input prompt for runs without a launch configuration', () => {
  it('offers the JSON template of the input type, and runs with what the user gave', async () => {
    const s = setup(['{"customer_id":"cus_1","items":[]}']);
    const given = await s.prompt.ask(target);
    assert.deepEqual(given, { input: { customer_id: 'cus_1', items: [] } });
    assert.equal(s.shown[0]!.value, '{"customer_id":"","items":[]}');
    assert.match(s.shown[0]!.prompt, /OrderInput/);
    assert.match(s.shown[0]!.prompt, /Optional: note/);
  });

  it('offers the last input given for that workflow next time', async () => {
    const s = setup(['{"customer_id":"cus_1"}', '{"customer_id":"cus_2"}']);
    await s.prompt.ask(target);
    const again = await s.prompt.ask(target);
    assert.equal(s.shown[1]!.value, '{"customer_id":"cus_1"}');
    assert.equal(s.requests(), 1, 'no template needed once an input is remembered');
    assert.deepEqual(again, { input: { customer_id: 'cus_2' } });
    const other = await setup([undefined]).prompt.ask({ ...target, workflow: 'other' });
    assert.equal(other, undefined);
  });

  it('returns nothing when cancelled, and remembers nothing', async () => {
    const s = setup([undefined]);
    assert.equal(await s.prompt.ask(target), undefined);
    assert.equal(s.state.size, 0);
  });

  it('refuses text that is not JSON, saying why', async () => {
    const s = setup([undefined]);
    await s.prompt.ask(target);
    assert.match(s.shown[0]!.validateInput('{customer') ?? '', /Not valid JSON/);
    assert.equal(s.shown[0]!.validateInput('{"a":1}'), undefined);
  });

  it('falls back to {} when the language server has no template', async () => {
    const s = setup([undefined], null);
    await s.prompt.ask(target);
    assert.equal(s.shown[0]!.value, '{}');
  });
});
