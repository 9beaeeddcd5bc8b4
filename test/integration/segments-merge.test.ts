import { describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';
import { buyer, changeSettings, placedOrder } from '../support/factories/commerce';
import { createSegment, settleSegments } from '../support/factories/segments';

/**
 * A merge moves the absorbed person's orders to the survivor and leaves their profile: the
 * survivor's statistics take the orders in, the absorbed person leaves every segment, and the
 * counts stay equal to the people listed; an undo brings it all back; an erased person is in no segment.
 */
const tenantId = newTenant('seg-merge');
const as = { tenantId, role: 'admin' as const };
const members = async (segmentId: string) => (await call('GET', `/v1/customers?segmentId=${segmentId}`, { as })).body.items.map((p: { id: string }) => p.id).sort();
const countOf = async (segmentId: string) => (await call('GET', `/v1/segments/${segmentId}`, { as })).body.count;
const statsOf = async (id: string) => (await call('GET', `/v1/customers/${id}`, { as })).body.stats;

describe('Segments and statistics across a merge, its undo and an erase', () => {
  it('moves orders into the survivor’s statistics, takes the absorbed person out of their segments, and back on undo', async () => {
    await changeSettings(as, (settings) => ({ ...settings, flags: [{ key: 'vip', title: 'VIP' }] }));
    const survivor = await buyer(as, { flags: ['vip'], billingAddress: { lastName: 'Survivor' } });
    const absorbed = await buyer(as, { flags: ['vip'], billingAddress: { lastName: 'Absorbed' } });
    await placedOrder(as, survivor.id, { lines: [{ sku: 'A', name: 'A', quantity: 1, unitPriceCents: 1000 }] });
    await placedOrder(as, absorbed.id, { lines: [{ sku: 'B', name: 'B', quantity: 1, unitPriceCents: 2500 }] });
    const vips = await createSegment(as, { name: 'VIPs', rules: [{ field: 'flag', op: 'has', value: 'vip' }] });
    const twoOrders = await createSegment(as, { name: 'Two orders', rules: [{ field: 'orderCount', op: 'gte', value: 2 }] });
    await settleSegments(as);
    expect([await countOf(vips.id), await countOf(twoOrders.id)]).toEqual([2, 0]);

    expect((await call('POST', `/v1/customers/${survivor.id}/merge`, { as, body: { absorbedId: absorbed.id } })).status).toBe(200);
    await settleSegments(as);
    expect(await statsOf(survivor.id)).toMatchObject({ orderCount: 2, lifetimeValueCents: 3500 });
    expect(await members(vips.id)).toEqual([survivor.id]);
    expect(await countOf(vips.id)).toBe(1);
    expect(await members(twoOrders.id)).toEqual([survivor.id]);
    expect(await countOf(twoOrders.id)).toBe(1);

    const [{ id: mergeId }] = (await call('GET', `/v1/customers/${survivor.id}/merges`, { as })).body.items;
    expect((await call('POST', `/v1/merges/${mergeId}/undo`, { as })).status).toBe(200);
    await settleSegments(as);
    expect(await statsOf(survivor.id)).toMatchObject({ orderCount: 1, lifetimeValueCents: 1000 });
    expect(await statsOf(absorbed.id)).toMatchObject({ orderCount: 1, lifetimeValueCents: 2500 });
    expect(await members(vips.id)).toEqual([survivor.id, absorbed.id].sort());
    expect([await countOf(vips.id), await countOf(twoOrders.id)]).toEqual([2, 0]);

    const current = (await call('GET', `/v1/customers/${absorbed.id}`, { as })).body;
    const erased = await call('POST', `/v1/customers/${absorbed.id}/erase`, { as, body: { reason: 'Asked to be forgotten' }, headers: { 'if-match': String(current.version) } });
    expect(erased.status).toBe(200);
    await settleSegments(as);
    expect(await members(vips.id)).toEqual([survivor.id]);
    expect(await countOf(vips.id)).toBe(1);
  });
});
