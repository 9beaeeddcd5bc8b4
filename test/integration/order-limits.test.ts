import { describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';
import { buyer, changeSettings, placedOrder } from '../support/factories/commerce';

/**
 * Limits on money, written as the attack that found them missing: an order of 2 lines ×
 * 10 000 × $1 000 000 was accepted. Now `quantity` is 1–9 999 and an order is worth at most the
 * winery's `settings.limits.maxOrderCents` (default $100 000) after the class discount; beyond
 * is a 400 naming the field, and nothing is written (no order number is spent).
 */
function winery() {
  const tenantId = newTenant('limits');
  return { tenantId, admin: { tenantId, role: 'admin' as const }, staffer: { tenantId, role: 'staff' as const, sub: 'staff-1', name: 'Sam Staff' } };
}

const line = (quantity: number, unitPriceCents: number, sku = 'RARE-1') => ({ sku, name: 'Rare bottle', quantity, unitPriceCents });

describe('Order limits', () => {
  it('refuses 2 lines × 10 000 × $1 000 000 with a 400 naming each quantity, and spends no order number', async () => {
    const { staffer } = winery();
    const person = await buyer(staffer);
    const refused = await call('POST', '/v1/orders', {
      as: staffer,
      body: { customerId: person.id, lines: [line(10_000, 100_000_000), line(10_000, 100_000_000, 'RARE-2')], fulfillment: 'pickup' },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toEqual(['lines[0].quantity', 'lines[1].quantity']);
    // The first order that is placed still gets the first number.
    expect((await placedOrder(staffer, person.id)).orderNumber).toBe(1000);
  });

  it('refuses an order worth more than $100 000 by default, naming lines, whatever credit would pay for it', async () => {
    const { staffer } = winery();
    const person = await buyer(staffer);
    const expect400 = async (lines: ReturnType<typeof line>[], extra: Record<string, unknown> = {}) => {
      const refused = await call('POST', '/v1/orders', { as: staffer, body: { customerId: person.id, lines, fulfillment: 'pickup', ...extra } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ path: 'lines', message: expect.stringContaining('at most 10000000') }]);
    };
    await expect400([line(9_999, 100_000_000), line(9_999, 100_000_000, 'RARE-2')]);
    // One cent over the limit.
    await expect400([line(1, 10_000_000), line(1, 1, 'CORK')]);
    // Credit does not let a bigger order through (it pays for part of an order, it does not make it smaller).
    const credited = await call('POST', `/v1/customers/${person.id}/credits`, { as: staffer, body: { amountCents: 50_000, reason: 'Goodwill' } });
    expect(credited.status).toBe(201);
    await expect400([line(1, 10_000_001)], { applyCreditCents: 50_000 });

    const orders = await call('GET', `/v1/customers/${person.id}/orders`, { as: staffer });
    expect(orders.body.items).toEqual([]);
    // Exactly at the limit is accepted, and it is the first number.
    expect(await placedOrder(staffer, person.id, { lines: [line(100, 100_000)] })).toMatchObject({ orderNumber: 1000, totalCents: 10_000_000 });
  });

  it('follows the winery\'s own limit, which settings show and check', async () => {
    const { admin, staffer } = winery();
    const defaults = await call('GET', '/v1/settings', { as: admin });
    expect(defaults.body.limits).toEqual({ maxOrderCents: 10_000_000 });

    const refused = await call('PUT', '/v1/settings', { as: admin, body: { ...defaults.body, limits: { maxOrderCents: 0 } } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toEqual(['limits.maxOrderCents']);

    const person = await buyer(staffer);
    await changeSettings(admin, (settings) => ({ ...settings, limits: { maxOrderCents: 50_000 } }));
    const tooMuch = await call('POST', '/v1/orders', { as: staffer, body: { customerId: person.id, lines: [line(2, 25_001)], fulfillment: 'pickup' } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([{ path: 'lines', message: expect.stringContaining('at most 50000') }]);
    expect((await placedOrder(staffer, person.id, { lines: [line(2, 25_000)] })).totalCents).toBe(50_000);

    await changeSettings(admin, (settings) => ({ ...settings, limits: { maxOrderCents: 30_000_000 } }));
    expect((await placedOrder(staffer, person.id, { lines: [line(2, 10_000_000)] })).totalCents).toBe(20_000_000);
  });
});
