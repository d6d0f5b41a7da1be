// The auto-mocked container's made-up references line up: a foreign key or a to-one relation the
// input does not name reuses a record of that entity the run already knows (core-flows'
// validate-shipping compares the cart's products' profile with the shipping options' profile).
import * as assert from 'node:assert/strict';
import { createAutoMockContainer } from '../../../engine/src/mock';
import { graph, type Row } from './mockQuery';

describe('auto-mocked container: made-up references to the same entity line up', () => {
  it("a shipping option's profile is the profile of the cart's products", async () => {
    const c = createAutoMockContainer({ run: { workflow: 'complete-cart', input: {} } });
    const [cart] = await graph(c, {
      entity: 'cart',
      fields: ['id', 'items.variant.product.shipping_profile.id', 'shipping_methods.*'],
      filters: { id: 'cart_1' },
    });
    const item = (cart?.items as Row[])[0]!;
    const profile = ((item.variant as Row).product as Row).shipping_profile as Row;
    const [option] = await graph(c, {
      entity: 'shipping_option',
      fields: ['id', 'shipping_profile_id', 'shipping_profile.id'],
      filters: { id: 'so_1' },
    });
    assert.equal(option?.shipping_profile_id, profile.id);
    assert.equal((option?.shipping_profile as Row).id, profile.id);
  });

  it('the ids the input names still win, and a lookup by a key nobody made finds nothing', async () => {
    const run = { workflow: 'w', input: { shipping_profile_id: 'sp_given' } };
    const c = createAutoMockContainer({ run });
    await graph(c, { entity: 'shipping_profile', fields: ['id'], filters: { id: 'sp_other' } });
    const [option] = await graph(c, {
      entity: 'shipping_option',
      fields: ['shipping_profile_id'],
      filters: { id: 'so_1' },
    });
    assert.equal(option?.shipping_profile_id, 'sp_given');
    const none = await graph(c, {
      entity: 'shipping_option',
      fields: ['id'],
      filters: { shipping_profile_id: 'sp_nobody' },
    });
    assert.deepEqual(none, []);
  });
});

describe("auto-mocked container: the keys of the input's rows name records", () => {
  it('`items: [{ item_id }]` gives the ids of made-up related items', async () => {
    const input = { bundle_id: 'b_1', items: [{ item_id: 'bi_1', variant_id: 'v_1' }] };
    const c = createAutoMockContainer({ run: { workflow: 'add-bundle-to-cart', input } });
    const [bundle] = await graph(c, {
      entity: 'bundle',
      fields: ['id', 'items.*'],
      filters: { id: 'b_1' },
    });
    assert.deepEqual(
      (bundle?.items as Row[]).map((i) => i.id),
      ['bi_1'],
    );
  });

  it('`item: { variant_id }` (one object, not a list) names records by its keys, not by its id', async () => {
    const input = { order_id: 'o_1', item: { id: 'pv_1', variant_id: 'v_1' } };
    const c = createAutoMockContainer({ run: { workflow: 'fulfill-preorder', input } });
    const [order] = await graph(c, {
      entity: 'order',
      fields: ['id', 'items.id', 'items.variant_id'],
      filters: { id: 'o_1' },
    });
    const [item] = order?.items as Row[];
    assert.equal(item?.variant_id, 'v_1');
    assert.notEqual(item?.id, 'pv_1');
  });
});

describe('auto-mocked container: a made-up key names a record of the same result', () => {
  it("a fulfillment item's line_item_id is one of the order's items", async () => {
    const c = createAutoMockContainer({ run: { workflow: 'w', input: {} } });
    const [order] = await graph(c, {
      entity: 'order',
      fields: [
        'id',
        'fulfillments.items.id',
        'fulfillments.items.line_item_id',
        'items.id',
        'items.quantity',
      ],
      filters: { id: 'order_1' },
    });
    const item = (order?.items as Row[])[0]!;
    const fulfilled = ((order?.fulfillments as Row[])[0]!.items as Row[])[0]!;
    assert.equal(fulfilled.line_item_id, item.id);
    assert.notEqual(fulfilled.id, item.id);
  });

  it('the ids the input names still win', async () => {
    const c = createAutoMockContainer({ run: { workflow: 'w', input: { line_item_id: 'li_1' } } });
    const [order] = await graph(c, {
      entity: 'order',
      fields: ['fulfillments.items.line_item_id', 'items.id'],
      filters: { id: 'order_1' },
    });
    const fulfilled = ((order?.fulfillments as Row[])[0]!.items as Row[])[0]!;
    assert.equal(fulfilled.line_item_id, 'li_1');
  });
});
