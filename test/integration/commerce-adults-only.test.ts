import { describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';
import { createPerson } from '../support/factories/people';
import { buyer, changeSettings, oneBottle } from '../support/factories/commerce';

/**
 * Adults only: where the winery requires it (`settings.ageVerification.requiredForOrders`,
 * default true), an order for a person whose age is not verified is a 409 and nothing is
 * written: no order, no order number, no credit moved, so no "order placed" email either.
 */
const tenantOf = () => {
  const tenantId = newTenant('adults');
  return {
    admin: { tenantId, role: 'admin' as const, sub: 'admin-1', name: 'Alice Admin' },
    staffer: { tenantId, role: 'staff' as const, sub: 'staff-2', name: 'Sam Staff' },
  };
};

describe('Orders for people whose age is not verified', () => {
  it('refuses a teenager born in 2010 with 409 age-verification-required, and writes nothing', async () => {
    const { admin, staffer } = tenantOf();
    const teen = await createPerson(admin, { birthDate: '2010-05-01', billingAddress: { firstName: 'Tim', lastName: 'Young' } });
    expect(teen.needsAgeVerification).toBe(true);
    await call('POST', `/v1/customers/${teen.id}/credits`, { as: staffer, body: { amountCents: 1000, reason: 'Gift card' } });

    const refused = await call('POST', '/v1/orders', {
      as: staffer,
      body: { customerId: teen.id, lines: oneBottle, fulfillment: 'pickup', applyCreditCents: 500 },
    });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body.type).toMatch(/\/age-verification-required$/);

    expect((await call('GET', `/v1/customers/${teen.id}/orders`, { as: staffer })).body.items).toEqual([]);
    expect((await call('GET', `/v1/customers/${teen.id}/credits`, { as: staffer })).body.balanceCents).toBe(1000);
    const timeline = await call('GET', `/v1/customers/${teen.id}/timeline`, { as: staffer });
    expect(timeline.body.items.filter((entry: { type: string }) => entry.type === 'order')).toEqual([]);
    // No order number was taken: the tenant's first accepted order is still #1000.
    const adult = await buyer(staffer);
    const first = await call('POST', '/v1/orders', { as: staffer, body: { customerId: adult.id, lines: oneBottle, fulfillment: 'pickup' } });
    expect(first.status).toBe(201);
    expect(first.body.orderNumber).toBe(1000);
  });

  it('refuses an adult whose age nobody has verified yet, and accepts them once staff verify it', async () => {
    const { staffer } = tenantOf();
    const person = await createPerson(staffer, { birthDate: '1980-04-02' });
    const body = { customerId: person.id, lines: oneBottle, fulfillment: 'pickup' };
    expect((await call('POST', '/v1/orders', { as: staffer, body })).status).toBe(409);
    expect((await call('POST', `/v1/customers/${person.id}/age-verification`, { as: staffer, body: { method: 'manual', note: 'ID checked' } })).status).toBe(200);
    expect((await call('POST', '/v1/orders', { as: staffer, body })).status).toBe(201);
  });

  it('names bad fields first: a bad order for an unverified person is a 400', async () => {
    const { staffer } = tenantOf();
    const teen = await createPerson(staffer, { birthDate: '2010-05-01' });
    const bad = await call('POST', '/v1/orders', { as: staffer, body: { customerId: teen.id, lines: oneBottle, fulfillment: 'ship' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'shippingAddressId', message: expect.any(String) }]);
  });

  it('takes orders for unverified people when the winery turns the requirement off', async () => {
    const { admin, staffer } = tenantOf();
    const defaults = await call('GET', '/v1/settings', { as: admin });
    expect(defaults.body.ageVerification.requiredForOrders).toBe(true);
    await changeSettings(admin, (settings) => ({ ...settings, ageVerification: { ...settings.ageVerification, requiredForOrders: false } }));
    const teen = await createPerson(staffer, { birthDate: '2010-05-01' });
    const placed = await call('POST', '/v1/orders', { as: staffer, body: { customerId: teen.id, lines: oneBottle, fulfillment: 'pickup' } });
    expect(placed.status).toBe(201);
  });
});
