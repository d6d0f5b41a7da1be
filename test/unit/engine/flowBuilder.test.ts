// Unit tests of shared/medusa/flowBuilder.ts, the execution tree as Medusa's OrchestratorBuilder
// grows it: appends go under the last node, also once `parallelize` has moved steps, and a long
// chain is appended to without walking it again.
import * as assert from 'node:assert/strict';
import { FlowBuilder, type FlowTreeNode } from '../../../shared/medusa/flowBuilder';

/** The tree as nested [action, ...next] lists, options left out. */
function shape(node: FlowTreeNode | Record<string, never>): unknown {
  const next = node.next;
  const rest = next === undefined ? [] : Array.isArray(next) ? next.map(shape) : [shape(next)];
  return [node.action ?? '(root)', ...rest];
}

describe('shared/medusa FlowBuilder', () => {
  it('appends each step under the last one', () => {
    const b = new FlowBuilder('strict');
    for (const a of ['a', 'b', 'c']) b.addAction(a, { uuid: `${a}-id` });
    assert.deepEqual(shape(b.build()), ['a', ['b', ['c']]]);
  });

  it('appends under the last sibling once parallelize has moved steps', () => {
    const b = new FlowBuilder('strict');
    for (const a of ['a', 'b', 'c']) b.addAction(a, { uuid: `${a}-id` });
    assert.equal(b.mergeActions('b', ['b', 'c']), true);
    b.addAction('d', { uuid: 'd-id' });
    assert.deepEqual(shape(b.build()), ['a', ['b'], ['c', ['d']]]);
    b.addAction('e', { uuid: 'e-id' });
    assert.deepEqual(shape(b.build()), ['a', ['b'], ['c', ['d', ['e']]]]);
  });

  it('keeps appending at the end after a step is renamed by .config()', () => {
    const b = new FlowBuilder('strict');
    b.addAction('a', { uuid: 'a-id' });
    b.addAction('b', { uuid: 'b-id' });
    assert.equal(b.replaceAction('b-id', 'renamed', { maxRetries: 2 }), true);
    b.addAction('c', { uuid: 'c-id' });
    const built = b.build();
    assert.deepEqual(shape(built), ['a', ['renamed', ['c']]]);
    assert.equal((built.next as FlowTreeNode).maxRetries, 2);
  });

  it('builds a 2000-step chain in order', () => {
    const b = new FlowBuilder('strict');
    for (let i = 0; i < 2000; i++) b.addAction(`s${i}`, { uuid: `u${i}` });
    let node = b.build();
    for (let i = 0; i < 2000; i++) {
      assert.equal(node.action, `s${i}`);
      node = node.next as FlowTreeNode;
    }
    assert.equal(node, undefined);
  });
});
