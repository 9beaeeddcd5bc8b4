import { describe, expect, it } from '@jest/globals';
import { setClock } from '../../shared/clock';
import { call, newTenant } from '../support/invoke';
import { createPerson } from '../support/factories/people';
import { buyer, placedOrder } from '../support/factories/commerce';

const tenantId = newTenant('cancellations');
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-2', name: 'Sam Staff' };
const viewer = { tenantId, role: 'viewer' as const };
const outsider = { tenantId: newTenant('other'), role: 'admin' as const };
const startsAt = '2030-06-01T17:00:00.000Z';
/** How the timeline writes it: in the winery's zone (Pacific time, the default). */
const startsAtForPeople = 'Sat, Jun 1, 2030, 10:00 AM PDT';

type TimelineEntry = { at: string; type: string; summary: string; refId: string };
const timelineOf = async (customerId: string) =>
  (await call('GET', `/v1/customers/${customerId}/timeline`, { as: viewer })).body.items as TimelineEntry[];
const certificateOf = async (customerId: string, certificateId: string) =>
  ((await call('GET', `/v1/customers/${customerId}/certificates`, { as: viewer })).body.items as Array<{ id: string; status: string }>).find(
    (c) => c.id === certificateId,
  );
const issueCertificate = async (customerId: string, body: Record<string, unknown> = {}) => {
  const issued = await call('POST', `/v1/customers/${customerId}/certificates`, { as: staffer, body: { title: 'Tasting for two', ...body } });
  expect(issued.status).toBe(201);
  return issued.body as { id: string };
};
const book = (body: Record<string, unknown>) => call('POST', '/v1/reservations', { as: staffer, body: { experience: 'Reserve tasting', startsAt, partySize: 2, ...body } });

describe('Cancelling an order', () => {
  it('puts the cancellation on the timeline, beside the order placed, once however many cancels race', async () => {
    const person = await buyer(staffer);
    const order = await placedOrder(staffer, person.id);
    const cancels = await Promise.all([
      call('POST', `/v1/orders/${order.id}/cancel`, { as: staffer, body: { reason: 'Changed mind' } }),
      call('POST', `/v1/orders/${order.id}/cancel`, { as: staffer, body: { reason: 'Changed mind' } }),
    ]);
    expect(cancels.map((c) => c.status).sort()).toEqual([200, 409]);
    const cancelled = cancels.find((c) => c.status === 200)!.body;

    const orderLines = (await timelineOf(person.id)).filter((entry) => entry.type === 'order');
    expect(orderLines).toEqual([
      { at: cancelled.cancelledAt, type: 'order', summary: `Order #${order.orderNumber} cancelled: Changed mind`, refId: order.id },
      { at: order.createdAt, type: 'order', summary: `Order #${order.orderNumber} placed: $45.00`, refId: order.id },
    ]);
    // The timeline line is not an order: the order history still lists the one order.
    const history = await call('GET', `/v1/customers/${person.id}/orders`, { as: viewer });
    expect(history.body.items.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([[order.id, 'cancelled']]);
  });
});

describe('Cancelling a reservation', () => {
  it('puts the cancellation on the timeline', async () => {
    const person = await createPerson(staffer);
    const booked = await book({ customerId: person.id });
    const cancelled = await call('POST', `/v1/reservations/${booked.body.id}/cancel`, { as: staffer, body: { reason: 'Flight delayed' } });
    expect(cancelled.status).toBe(200);
    expect(await timelineOf(person.id)).toEqual([
      {
        at: cancelled.body.cancelledAt,
        type: 'reservation',
        summary: `Reservation cancelled: Reserve tasting, ${startsAtForPeople}. Reason: Flight delayed`,
        refId: booked.body.id,
      },
      { at: booked.body.createdAt, type: 'reservation', summary: `Reservation: Reserve tasting, 2 guests, ${startsAtForPeople}`, refId: booked.body.id },
    ]);
    expect((await call('GET', `/v1/customers/${person.id}/reservations`, { as: viewer })).body.items).toHaveLength(1);
  });

  it('gives its certificate back in the same transaction, once, so it can book again', async () => {
    const person = await createPerson(staffer);
    const certificate = await issueCertificate(person.id);
    const booked = await book({ customerId: person.id, certificateId: certificate.id });
    expect(booked.status).toBe(201);
    expect((await certificateOf(person.id, certificate.id))?.status).toBe('redeemed');

    const cancels = await Promise.all([
      call('POST', `/v1/reservations/${booked.body.id}/cancel`, { as: staffer }),
      call('POST', `/v1/reservations/${booked.body.id}/cancel`, { as: staffer }),
    ]);
    expect(cancels.map((c) => c.status).sort()).toEqual([200, 409]);
    expect(await certificateOf(person.id, certificate.id)).toMatchObject({ status: 'available', redeemedAt: null });
    const cancelLines = (await timelineOf(person.id)).filter((entry) => entry.summary.startsWith('Reservation cancelled'));
    expect(cancelLines).toEqual([expect.objectContaining({ summary: `Reservation cancelled: Reserve tasting, ${startsAtForPeople} (certificate returned)` })]);

    const again = await book({ customerId: person.id, certificateId: certificate.id });
    expect(again.status).toBe(201);
    expect((await certificateOf(person.id, certificate.id))?.status).toBe('redeemed');
  });

  it('does not make an expired certificate usable again', async () => {
    const person = await createPerson(staffer);
    const certificate = await issueCertificate(person.id, { expiresAt: '2030-01-31T00:00:00.000Z' });
    const at = (instant: string) => setClock(() => new Date(instant));
    let restore = at('2030-01-15T12:00:00.000Z');
    try {
      const booked = await book({ customerId: person.id, certificateId: certificate.id, startsAt: '2030-02-10T17:00:00.000Z' });
      expect(booked.status).toBe(201);
      restore();
      // Cancelled after the certificate's date, before the tasting.
      restore = at('2030-02-05T12:00:00.000Z');
      expect((await call('POST', `/v1/reservations/${booked.body.id}/cancel`, { as: staffer })).status).toBe(200);
      expect((await certificateOf(person.id, certificate.id))?.status).toBe('expired');
      const rebook = await book({ customerId: person.id, certificateId: certificate.id, startsAt: '2030-02-20T17:00:00.000Z' });
      expect(rebook.status).toBe(409);
    } finally {
      restore();
    }
  });
});

describe('Booking a reservation', () => {
  it('refuses a start in the past with a 400 naming startsAt, and writes nothing (the certificate stays available)', async () => {
    const person = await createPerson(staffer);
    const certificate = await issueCertificate(person.id);
    const past = await book({ customerId: person.id, startsAt: '2020-06-01T17:00:00.000Z', certificateId: certificate.id });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ path: 'startsAt', message: 'must be in the future' }]);
    expect((await call('GET', `/v1/customers/${person.id}/reservations`, { as: viewer })).body.items).toEqual([]);
    expect((await certificateOf(person.id, certificate.id))?.status).toBe('available');
    expect((await call('GET', '/v1/reservations?date=2020-06-01', { as: viewer })).body.items).toEqual([]);
  });

  it("is a 404 for another tenant's reservation cancel, which changes nothing", async () => {
    const person = await createPerson(staffer);
    const certificate = await issueCertificate(person.id);
    const booked = await book({ customerId: person.id, certificateId: certificate.id });
    expect((await call('POST', `/v1/reservations/${booked.body.id}/cancel`, { as: outsider })).status).toBe(404);
    expect((await call('GET', `/v1/reservations/${booked.body.id}`, { as: viewer })).body.status).toBe('booked');
    expect((await certificateOf(person.id, certificate.id))?.status).toBe('redeemed');
  });
});
