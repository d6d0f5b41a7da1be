// Unit tests of the "Respond to Async Step" command's choices and response parsing
// (client/src/debug/asyncStepAnswer.ts).
import * as assert from 'node:assert';
import { answerChoices, parseResponse } from '../../client/src/debug/asyncStepAnswer';

describe('respond to async step: choices and responses', () => {
  it('offers succeed and fail for every awaiting step, compensations named as such', () => {
    const choices = answerChoices([
      { step: 'await-approval', action: 'invoke', workflowId: 'wf', transactionId: 't' },
      { step: 'refund', action: 'compensate', workflowId: 'wf', transactionId: 't' },
    ]);
    assert.deepStrictEqual(
      choices.map((c) => [c.label, c.step, c.outcome]),
      [
        ['Succeed await-approval', 'await-approval', 'success'],
        ['Fail await-approval', 'await-approval', 'failure'],
        ['Succeed compensation of refund', 'refund', 'success'],
        ['Fail compensation of refund', 'refund', 'failure'],
      ],
    );
  });

  it("offers only the graph node's step when the command comes from its menu", () => {
    const awaiting = [
      {
        step: 'await-approval',
        action: 'invoke' as const,
        workflowId: 'inner',
        transactionId: 't2',
      },
      {
        step: 'approve-as-step',
        action: 'invoke' as const,
        workflowId: 'outer',
        transactionId: 't',
      },
    ];
    assert.deepStrictEqual(
      answerChoices(awaiting, 'approve-as-step::await-approval').map((c) => c.label),
      ['Succeed await-approval', 'Fail await-approval'],
    );
    assert.deepStrictEqual(answerChoices(awaiting, 'reserve-stock'), []);
  });

  it('reads a success response as JSON, empty as none, and refuses text that is not JSON', () => {
    assert.deepStrictEqual(parseResponse(' {"by": "ops"} ', 'success'), {
      response: { by: 'ops' },
    });
    assert.deepStrictEqual(parseResponse('"yes"', 'success'), { response: 'yes' });
    assert.deepStrictEqual(parseResponse('', 'success'), { response: undefined });
    const bad = parseResponse('yes', 'success');
    assert.ok(
      'error' in bad && /Not JSON/.test(bad.error) && /"text"/.test(bad.error),
      JSON.stringify(bad),
    );
  });

  it('reads a failure as a JSON error object, or else as its message; an empty one is refused', () => {
    assert.deepStrictEqual(parseResponse('{"message":"no","type":"not_allowed"}', 'failure'), {
      response: { message: 'no', type: 'not_allowed' },
    });
    assert.deepStrictEqual(parseResponse('rejected by ops', 'failure'), {
      response: { message: 'rejected by ops' },
    });
    assert.deepStrictEqual(parseResponse('"late"', 'failure'), { response: { message: 'late' } });
    assert.ok('error' in parseResponse('  ', 'failure'));
  });
});
