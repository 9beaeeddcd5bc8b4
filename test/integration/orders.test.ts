import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { setClock } from '../../shared/clock';
import { dynamo } from '../../shared/db/client';
import { call, newTenant } from '../support/invoke';
import { buyer, pdfText } from '../support/factories/commerce';
import { newPersonBody } from '../support/factories/people';

const tenantId = newTenant('orders');
const admin = { tenantId, role: 'admin' as const, sub: 'admin-1', name: 'Alice Admin' };
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-2', name: 'Sam Staff' };
const viewer = { tenantId, role: 'viewer' as const };
const outsider = { tenantId: newTenant('other'), role: 'admin' as const };

const shipTo = { firstName: 'Ada', lastName: 'Lovelace', line1: '1 Vine St', city: 'Napa', region: 'CA', postalCode: '94558', country: 'US' };
const threeBottles = [{ sku: 'CAB-2019', name: 'Cabernet Sauvignon 2019', quantity: 3, unitPriceCents: 3333 }];

let tenClassId: string;

beforeAll(async () => {
  const settings = await call('GET', '/v1/settings', { as: admin });
  const saved = await call('PUT', '/v1/settings', { as: admin, body: { ...settings.body, wineryName: 'Silver Creek Vineyards', currency: 'USD' } });
  expect(saved.status).toBe(200);
  const tenPercent = await call('POST', '/v1/customer-classes', { as: admin, body: { name: 'Friends', discountPercent: 10 } });
  expect(tenPercent.status).toBe(201);
  tenClassId = tenPercent.body.id;
});

/** A verified adult: orders need one (`settings.ageVerification.requiredForOrders`, on by default). */
const placeOrder = (body: Record<string, unknown>, headers: Record<string, string> = {}, as: { tenantId: string } = staffer) =>
  call('POST', '/v1/orders', { as, body, headers });

const balanceOf = async (customerId: string) => (await call('GET', `/v1/customers/${customerId}/credits?limit=100`, { as: viewer })).body;

describe('Placing an order', () => {
  it('numbers orders per tenant from 1000 and prices 3 × 3333 cents exactly, with the effective class discount', async () => {
    const tenant = newTenant('numbers');
    const as = { tenantId: tenant, role: 'admin' as const };
    const cls = await call('POST', '/v1/customer-classes', { as, body: { name: 'Club', discountPercent: 10 } });
    const person = await buyer(as, { shippingAddress: shipTo, customerClassId: cls.body.id, specialInstructions: 'Leave at the back door' });
    const first = await placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'ship' }, {}, as);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      orderNumber: 1000,
      customerId: person.id,
      lines: [{ sku: 'CAB-2019', name: 'Cabernet Sauvignon 2019', quantity: 3, unitPriceCents: 3333, lineTotalCents: 9999 }],
      subtotalCents: 9999,
      discountPercent: 10,
      discountCents: 1000, // 999.9 rounded half up
      creditAppliedCents: 0,
      totalCents: 8999,
      status: 'placed',
      fulfillment: 'ship',
      shippingAddressId: person.defaultShippingAddressId,
      shippingAddress: expect.objectContaining({ line1: '1 Vine St', city: 'Napa' }),
      customerClassId: cls.body.id,
      specialInstructions: 'Leave at the back door',
      note: null,
      version: 1,
    });
    expect(first.headers.etag).toBe('"1"');
    const second = await placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'pickup' }, {}, as);
    expect(second.body).toMatchObject({ orderNumber: 1001, fulfillment: 'pickup', shippingAddressId: null, shippingAddress: null });
  });

  it('gives no discount without a class, and a half-up rounded one for a fractional percent', async () => {
    const plain = await buyer(staffer, { shippingAddress: shipTo });
    const none = await placeOrder({ customerId: plain.id, lines: threeBottles, fulfillment: 'pickup' });
    expect(none.body).toMatchObject({ subtotalCents: 9999, discountCents: 0, totalCents: 9999, customerClassId: null });

    const cls = await call('POST', '/v1/customer-classes', { as: admin, body: { name: 'Trade', discountPercent: 12.5 } });
    const trade = await buyer(staffer, { shippingAddress: shipTo, customerClassId: cls.body.id });
    const order = await placeOrder({ customerId: trade.id, lines: threeBottles, fulfillment: 'pickup' });
    expect(order.body).toMatchObject({ discountPercent: 12.5, discountCents: 1250, totalCents: 8749 }); // 1249.875 → 1250
  });

  it('ships to the address asked for, and refuses an address that is not one of the person’s shipping addresses', async () => {
    const person = await buyer(staffer, { shippingAddress: shipTo });
    const other = await buyer(staffer, { shippingAddress: shipTo });
    const profile = await call('GET', `/v1/customers/${person.id}`, { as: viewer });
    const billingId = profile.body.defaultBillingAddressId;
    const refused = await Promise.all([
      placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'ship', shippingAddressId: billingId }),
      placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'ship', shippingAddressId: other.defaultShippingAddressId }),
      placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'pickup', shippingAddressId: person.defaultShippingAddressId }),
    ]);
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400]);
    for (const r of refused) expect(r.body.errors).toEqual([{ path: 'shippingAddressId', message: expect.any(String) }]);

    const noShipping = await call('POST', '/v1/customers', { as: staffer, body: newPersonBody() });
    const missing = await placeOrder({ customerId: noShipping.body.id, lines: threeBottles, fulfillment: 'ship' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'shippingAddressId', message: expect.stringMatching(/no default shipping address/) }]);

    const history = await call('GET', `/v1/customers/${person.id}/orders`, { as: viewer });
    expect(history.body.items).toEqual([]);
  });

  it('lists every invalid field of a bad order', async () => {
    const person = await buyer(staffer, { shippingAddress: shipTo });
    const result = await placeOrder({ customerId: person.id, lines: [{ sku: '', name: 'x', quantity: 0, unitPriceCents: 1.5 }], fulfillment: 'drone', extra: 1 });
    expect(result.status).toBe(400);
    const paths = result.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['fulfillment', 'lines[0].quantity', 'lines[0].sku', 'lines[0].unitPriceCents']));
  });
});

describe('Credit on an order', () => {
  it('deducts applied credit in the same transaction and returns it exactly once when cancelled twice', async () => {
    const person = await buyer(staffer, { shippingAddress: shipTo, customerClassId: tenClassId });
    await call('POST', `/v1/customers/${person.id}/credits`, { as: staffer, body: { amountCents: 5000, reason: 'Welcome' } });

    const order = await placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'pickup', applyCreditCents: 2000 });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ subtotalCents: 9999, discountCents: 1000, creditAppliedCents: 2000, totalCents: 6999 });
    const afterOrder = await balanceOf(person.id);
    expect(afterOrder.balanceCents).toBe(3000);
    expect(afterOrder.items[0]).toMatchObject({ amountCents: -2000, orderId: order.body.id, reason: `Applied to order #${order.body.orderNumber}` });

    const cancels = await Promise.all([
      call('POST', `/v1/orders/${order.body.id}/cancel`, { as: staffer, body: { reason: 'Changed mind' } }),
      call('POST', `/v1/orders/${order.body.id}/cancel`, { as: staffer }),
    ]);
    expect(cancels.map((c) => c.status).sort()).toEqual([200, 409]);
    const cancelled = cancels.find((c) => c.status === 200)!;
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String), version: 2 });
    expect((await call('POST', `/v1/orders/${order.body.id}/cancel`, { as: staffer })).status).toBe(409);

    const afterCancel = await balanceOf(person.id);
    expect(afterCancel.balanceCents).toBe(5000);
    expect(afterCancel.items.map((i: { amountCents: number }) => i.amountCents)).toEqual([2000, -2000, 5000]);
    expect(afterCancel.items.reduce((sum: number, i: { amountCents: number }) => sum + i.amountCents, 0)).toBe(5000);
    const read = await call('GET', `/v1/orders/${order.body.id}`, { as: viewer });
    expect(read.body).toMatchObject({ status: 'cancelled', creditAppliedCents: 2000 });
  });

  it('refuses more credit than the total after discount (400) or than the balance (409), and writes nothing', async () => {
    const person = await buyer(staffer, { shippingAddress: shipTo, customerClassId: tenClassId });
    await call('POST', `/v1/customers/${person.id}/credits`, { as: staffer, body: { amountCents: 1000, reason: 'Gift' } });
    const tooMuch = await placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'pickup', applyCreditCents: 9000 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([{ path: 'applyCreditCents', message: expect.stringMatching(/8999/) }]);
    const overBalance = await placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'pickup', applyCreditCents: 1001 });
    expect(overBalance.status).toBe(409);
    expect(overBalance.body.type).toMatch(/credit-balance-too-low$/);
    expect((await call('GET', `/v1/customers/${person.id}/orders`, { as: viewer })).body.items).toEqual([]);
    expect((await balanceOf(person.id)).balanceCents).toBe(1000);
  });

  it('creates one order and takes credit once when a POST is retried with the same Idempotency-Key', async () => {
    const person = await buyer(staffer, { shippingAddress: shipTo });
    await call('POST', `/v1/customers/${person.id}/credits`, { as: staffer, body: { amountCents: 3000, reason: 'Gift' } });
    const body = { customerId: person.id, lines: threeBottles, fulfillment: 'pickup', applyCreditCents: 3000 };
    const headers = { 'Idempotency-Key': 'pos-7-0042' };
    const first = await placeOrder(body, headers);
    const retries = await Promise.all([placeOrder(body, headers), placeOrder(body, headers)]);
    expect(first.status).toBe(201);
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
    }
    expect((await placeOrder({ ...body, applyCreditCents: 0 }, headers)).status).toBe(409);
    const history = await call('GET', `/v1/customers/${person.id}/orders`, { as: viewer });
    expect(history.body.items.map((o: { id: string }) => o.id)).toEqual([first.body.id]);
    const credits = await balanceOf(person.id);
    expect(credits.balanceCents).toBe(0);
    expect(credits.items.map((i: { amountCents: number }) => i.amountCents)).toEqual([-3000, 3000]);
  });
});

describe('Orders racing for one credit', () => {
  it('places one of two orders that each take most of the credit, and refuses the other as over the balance (the person read again)', async () => {
    const person = await buyer(staffer, { shippingAddress: shipTo });
    await call('POST', `/v1/customers/${person.id}/credits`, { as: staffer, body: { amountCents: 3000, reason: 'Gift' } });
    const body = { customerId: person.id, lines: threeBottles, fulfillment: 'pickup', applyCreditCents: 2000 };
    const answers = await Promise.all([placeOrder(body), placeOrder(body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.type).toMatch(/credit-balance-too-low$/);
    const profile = (await call('GET', `/v1/customers/${person.id}`, { as: viewer })).body;
    expect(profile).toMatchObject({ creditBalanceCents: 1000, stats: { orderCount: 1 } });
  });
});

describe('Order history, timeline and receipt', () => {
  it("lists the person's orders newest first, paged, and puts them on the timeline", async () => {
    const person = await buyer(staffer, { shippingAddress: shipTo });
    const placed = [];
    for (const quantity of [1, 2, 3]) {
      placed.push((await placeOrder({ customerId: person.id, lines: [{ ...threeBottles[0]!, quantity }], fulfillment: 'pickup' })).body);
    }
    const first = await call('GET', `/v1/customers/${person.id}/orders?limit=2`, { as: viewer });
    expect(first.status).toBe(200);
    expect(first.body.items.map((o: { id: string }) => o.id)).toEqual([placed[2].id, placed[1].id]);
    const second = await call('GET', `/v1/customers/${person.id}/orders?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as: viewer });
    expect(second.body.items.map((o: { id: string }) => o.id)).toEqual([placed[0].id]);
    expect(second.body.nextCursor).toBeNull();

    const timeline = await call('GET', `/v1/customers/${person.id}/timeline`, { as: viewer });
    expect(timeline.body.items.filter((e: { type: string }) => e.type === 'order')).toEqual([
      { at: expect.any(String), type: 'order', summary: `Order #${placed[2].orderNumber} placed: $99.99`, refId: placed[2].id },
      { at: expect.any(String), type: 'order', summary: `Order #${placed[1].orderNumber} placed: $66.66`, refId: placed[1].id },
      { at: expect.any(String), type: 'order', summary: `Order #${placed[0].orderNumber} placed: $33.33`, refId: placed[0].id },
    ]);
  });

  it("lists the tenant's orders placed on a day (the winery's, Pacific time by default), newest first, paged, for every person", async () => {
    const [ann, bob] = [await buyer(staffer, { shippingAddress: shipTo }), await buyer(staffer, { shippingAddress: shipTo })];
    const placeAt = async (instant: string, customerId: string) => {
      const restore = setClock(() => new Date(instant));
      try {
        return (await placeOrder({ customerId, lines: threeBottles, fulfillment: 'pickup' })).body as { id: string };
      } finally {
        restore();
      }
    };
    // July 4, 2031 in Los Angeles (PDT) runs from 07:00 UTC that day to 07:00 UTC the next.
    await placeAt('2031-07-04T06:59:59.999Z', ann.id);
    const early = await placeAt('2031-07-04T07:00:00.000Z', ann.id);
    const late = await placeAt('2031-07-05T05:15:00.000Z', bob.id);
    const noon = await placeAt('2031-07-04T19:00:00.000Z', ann.id);
    await placeAt('2031-07-05T07:00:00.000Z', bob.id);
    await call('POST', `/v1/orders/${early.id}/cancel`, { as: staffer });

    const first = await call('GET', '/v1/orders?date=2031-07-04&limit=2', { as: viewer });
    expect(first.status).toBe(200);
    expect(first.body.items.map((o: { id: string }) => o.id)).toEqual([late.id, noon.id]);
    const second = await call('GET', `/v1/orders?date=2031-07-04&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as: viewer });
    expect(second.body.items).toEqual([expect.objectContaining({ id: early.id, status: 'cancelled' })]);
    expect(second.body.nextCursor).toBeNull();

    expect((await call('GET', '/v1/orders?date=2031-07-04', { as: outsider })).body).toEqual({ items: [], nextCursor: null });
    const bad = await call('GET', '/v1/orders?date=07/04/2031&limit=0', { as: viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['date', 'limit']);
  });

  it('serves the receipt as a PDF naming the winery, the person, the order number and the total', async () => {
    const person = await buyer(staffer, { shippingAddress: shipTo, customerClassId: tenClassId });
    const order = await placeOrder({
      customerId: person.id,
      lines: [...threeBottles, { sku: 'ROSE-2023', name: 'Rosé of Pinot Noir 2023', quantity: 2, unitPriceCents: 2400 }],
      fulfillment: 'ship',
    });
    expect(order.body).toMatchObject({ subtotalCents: 14799, discountCents: 1480, totalCents: 13319 });
    const receipt = await call('GET', `/v1/orders/${order.body.id}/receipt`, { as: viewer });
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const pdf = Buffer.from(receipt.body as string, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        'Silver Creek Vineyards',
        `Order #${order.body.orderNumber}`,
        `Customer: Ada Lovelace (#${person.customerNumber})`,
        'Cabernet Sauvignon 2019',
        'Rosé of Pinot Noir 2023',
        '$147.99',
        'Discount (10%)',
        '-$14.80',
        '$133.19',
      ]),
    );
    expect(text).not.toContain(`Order #${order.body.orderNumber + 1}`);
  });
});

describe('Another tenant and unknown ids', () => {
  it("cannot reach a person's orders, an order, its receipt or its cancel; nothing is written", async () => {
    const person = await buyer(staffer, { shippingAddress: shipTo });
    const order = await placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'pickup' });
    const attempts = await Promise.all([
      call('GET', `/v1/orders/${order.body.id}`, { as: outsider }),
      call('POST', `/v1/orders/${order.body.id}/cancel`, { as: outsider }),
      call('GET', `/v1/orders/${order.body.id}/receipt`, { as: outsider }),
      call('GET', `/v1/customers/${person.id}/orders`, { as: outsider }),
      placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'pickup' }, {}, outsider),
      call('GET', '/v1/orders/not-an-order-id', { as: viewer }),
      placeOrder({ customerId: '01HZZZZZZZZZZZZZZZZZZZNOPE', lines: threeBottles, fulfillment: 'pickup' }),
    ]);
    expect(attempts.map((r) => r.status)).toEqual(Array(attempts.length).fill(404));
    const read = await call('GET', `/v1/orders/${order.body.id}`, { as: viewer });
    expect(read.body.status).toBe('placed');
    const history = await call('GET', `/v1/customers/${person.id}/orders`, { as: viewer });
    expect(history.body.items).toHaveLength(1);
  });

  it('lets a viewer read but not place or cancel', async () => {
    const person = await buyer(staffer, { shippingAddress: shipTo });
    expect((await placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'pickup' }, {}, viewer)).status).toBe(403);
    const order = await placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'pickup' });
    expect((await call('POST', `/v1/orders/${order.body.id}/cancel`, { as: viewer })).status).toBe(403);
    const read = await call('GET', `/v1/orders/${order.body.id}`, { as: viewer });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(order.body);
  });
});

describe('DynamoDB requests', () => {
  /** The DynamoDB commands `action` sends, by name; the cached settings read is left out. */
  async function requestsOf(action: () => Promise<unknown>): Promise<string[]> {
    const spy = jest.spyOn(dynamo, 'send');
    try {
      await action();
      return spy.mock.calls
        .map(([command]) => command as { constructor: { name: string }; input: { Key?: { sk?: string } } })
        .filter((command) => command.input.Key?.sk !== 'SETTINGS')
        .map((command) => command.constructor.name);
    } finally {
      spy.mockRestore();
    }
  }

  it('places an order with the profile page, the counter and one transaction (the class discount known already); reads it with one GetItem', async () => {
    const person = await buyer(staffer, { shippingAddress: shipTo, customerClassId: tenClassId });
    await call('POST', `/v1/customers/${person.id}/credits`, { as: staffer, body: { amountCents: 100, reason: 'Gift' } });
    let order: { body: { id: string } } | undefined;
    // The class's discount is read by the first order of the class in a container, then cached.
    const first = await requestsOf(() => placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'ship' }));
    expect(first.filter((name) => name !== 'GetCommand').sort()).toEqual(['QueryCommand', 'TransactWriteCommand', 'UpdateCommand']);
    const placing = await requestsOf(async () => {
      order = await placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'ship', applyCreditCents: 100 }, { 'Idempotency-Key': 'count-1' });
    });
    expect(placing.sort()).toEqual(['QueryCommand', 'TransactWriteCommand', 'UpdateCommand']);
    expect(await requestsOf(() => call('GET', `/v1/orders/${order!.body.id}`, { as: viewer }))).toEqual(['GetCommand']);
    expect(await requestsOf(() => call('GET', `/v1/customers/${person.id}/orders`, { as: viewer }))).toEqual(['QueryCommand']);
    expect(await requestsOf(() => call('GET', '/v1/orders?date=2031-07-04', { as: viewer }))).toEqual(['QueryCommand']);
  });

  it('charges a class discount changed a moment ago, not the one this container knew, under the one order number taken', async () => {
    const cls = await call('POST', '/v1/customer-classes', { as: admin, body: { name: 'Moving', discountPercent: 10 } });
    const person = await buyer(staffer, { shippingAddress: shipTo, customerClassId: cls.body.id });
    const before = await placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'ship' });
    expect(before.body).toMatchObject({ discountPercent: 10 });
    expect((await call('PATCH', `/v1/customer-classes/${cls.body.id}`, { as: admin, body: { discountPercent: 20 } })).status).toBe(200);
    const after = await placeOrder({ customerId: person.id, lines: threeBottles, fulfillment: 'ship' });
    expect(after.status).toBe(201);
    expect(after.body).toMatchObject({ discountPercent: 20, discountCents: 2000, orderNumber: before.body.orderNumber + 1 });
  });
});
