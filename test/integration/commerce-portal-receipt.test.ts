import { describe, expect, it } from '@jest/globals';
import { setClock } from '../../shared/clock';
import { call, newTenant } from '../support/invoke';
import { bearer, buyer, changeSettings, pdfText, placedOrder, portalTokenOf } from '../support/factories/commerce';

const tenantId = newTenant('receipts');
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-2', name: 'Sam Staff' };

const pdfOf = (body: string) => Buffer.from(body, 'base64');
const receiptPath = (orderId: string) => `/portal/me/orders/${orderId}/receipt`;

describe("The member's own receipt", () => {
  it('serves one of their own orders as a PDF', async () => {
    const ada = await buyer(staffer, { billingAddress: { firstName: 'Ada', lastName: 'Lovelace' } });
    const order = await placedOrder(staffer, ada.id);
    const receipt = await call('GET', receiptPath(order.id), bearer(await portalTokenOf(staffer, ada.id)));
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.headers['cache-control']).toBe('private, no-store');
    const pdf = pdfOf(receipt.body);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(pdf).split('\n')).toEqual(expect.arrayContaining([`Order #${order.orderNumber}`, `Customer: Ada Lovelace (#${ada.customerNumber})`]));
  });

  it("is a 404 for another member's order, and for an order of another tenant", async () => {
    const [ada, bob] = [await buyer(staffer), await buyer(staffer)];
    const bobsOrder = await placedOrder(staffer, bob.id);
    const elsewhere = { tenantId: newTenant('other'), role: 'admin' as const };
    const stranger = await buyer(elsewhere);
    const strangersOrder = await placedOrder(elsewhere, stranger.id);
    const adaToken = await portalTokenOf(staffer, ada.id);

    for (const orderId of [bobsOrder.id, strangersOrder.id, 'not-an-order-id']) {
      const refused = await call('GET', receiptPath(orderId), bearer(adaToken));
      expect(refused.status).toBe(404);
      expect(refused.headers['content-type']).toBe('application/problem+json');
    }
  });

  it('answers 401 to a staff token and to no token', async () => {
    const ada = await buyer(staffer);
    const order = await placedOrder(staffer, ada.id);
    // A staff caller as API Gateway presents one (verified claims), and a staff-shaped RS256 JWT in the header.
    const staffJwt = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdGFmZi0yIiwiY3VzdG9tOnRlbmFudElkIjoicmVjZWlwdHMifQ.c2lnbmF0dXJl';
    const attempts = await Promise.all([
      call('GET', receiptPath(order.id), { as: staffer }),
      call('GET', receiptPath(order.id), { as: staffer, headers: { authorization: `Bearer ${staffJwt}` } }),
      call('GET', receiptPath(order.id), { as: null }),
    ]);
    expect(attempts.map((a) => a.status)).toEqual([401, 401, 401]);
    for (const attempt of attempts) expect(attempt.headers['content-type']).toBe('application/problem+json');
  });
});

describe("Receipts in the winery's time zone", () => {
  it('dates the receipt in settings.timeZone: an evening order in California is dated that evening', async () => {
    const tenant = { tenantId: newTenant('time-zone'), role: 'admin' as const };
    await changeSettings(tenant, (settings) => ({ ...settings, timeZone: 'America/Los_Angeles' }));
    const ada = await buyer(tenant);
    const restore = setClock(() => new Date('2031-07-05T03:30:00.000Z'));
    let orderId: string;
    try {
      orderId = (await placedOrder(tenant, ada.id)).id;
    } finally {
      restore();
    }
    const staffReceipt = await call('GET', `/v1/orders/${orderId}/receipt`, { as: tenant });
    const text = pdfText(pdfOf(staffReceipt.body));
    expect(text).toContain('Date: Fri, Jul 4, 2031, 8:30 PM PDT');
    expect(text).not.toContain('2031-07-05');

    await changeSettings(tenant, (settings) => ({ ...settings, timeZone: 'UTC' }));
    const utc = pdfText(pdfOf((await call('GET', `/v1/orders/${orderId}/receipt`, { as: tenant })).body));
    expect(utc).toContain('Date: Sat, Jul 5, 2031, 3:30 AM UTC');
  });
});
