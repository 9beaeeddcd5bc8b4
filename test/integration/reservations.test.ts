import { describe, expect, it } from '@jest/globals';
import { issueCertificate, listCertificates } from '../../shared/clubs/certificate-repository';
import { call, newTenant } from '../support/invoke';
import { createPerson } from '../support/factories/people';

const tenantId = newTenant('reservations');
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-2', name: 'Sam Staff' };
const viewer = { tenantId, role: 'viewer' as const };
const outsider = { tenantId: newTenant('other'), role: 'admin' as const };
const startsAt = '2030-06-01T17:00:00.000Z';

const book = (body: Record<string, unknown>, headers: Record<string, string> = {}, as: { tenantId: string } = staffer) =>
  call('POST', '/v1/reservations', { as, body, headers });

const reservationsOf = async (customerId: string) =>
  (await call('GET', `/v1/customers/${customerId}/reservations`, { as: viewer })).body.items as Array<{ id: string; status: string }>;

describe('Reservations', () => {
  it('books an experience, shows it in the history and on the timeline, and cancels it once', async () => {
    const person = await createPerson(staffer);
    const booked = await book({ customerId: person.id, experience: 'Reserve tasting', startsAt, partySize: 4, note: 'Window table' });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({
      customerId: person.id,
      experience: 'Reserve tasting',
      startsAt,
      partySize: 4,
      certificateId: null,
      note: 'Window table',
      status: 'booked',
      cancelledAt: null,
      version: 1,
    });
    expect(await reservationsOf(person.id)).toEqual([booked.body]);
    const timeline = await call('GET', `/v1/customers/${person.id}/timeline`, { as: viewer });
    expect(timeline.body.items).toEqual([
      { at: booked.body.createdAt, type: 'reservation', summary: 'Reservation: Reserve tasting, 4 guests, Sat, Jun 1, 2030, 10:00 AM PDT', refId: booked.body.id },
    ]);

    const cancelled = await call('POST', `/v1/reservations/${booked.body.id}/cancel`, { as: staffer, body: { reason: 'Flight delayed' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Flight delayed', cancelledAt: expect.any(String), version: 2 });
    const again = await call('POST', `/v1/reservations/${booked.body.id}/cancel`, { as: staffer });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/reservation-not-booked$/);
    const read = await call('GET', `/v1/reservations/${booked.body.id}`, { as: viewer });
    expect(read.body).toEqual(cancelled.body);
  });

  it('redeems a certificate in the booking; a second booking with it is a 409 and books nothing', async () => {
    const person = await createPerson(staffer);
    const certificate = await issueCertificate(tenantId, person.id, { title: 'Complimentary tasting for two' }, staffer as never);
    const first = await book({ customerId: person.id, experience: 'Tasting', startsAt, partySize: 2, certificateId: certificate.id });
    expect(first.status).toBe(201);
    expect(first.body.certificateId).toBe(certificate.id);
    const [redeemed] = (await listCertificates(tenantId, person.id)).items;
    expect(redeemed).toMatchObject({ id: certificate.id, status: 'redeemed', redeemedAt: first.body.createdAt });

    const second = await book({ customerId: person.id, experience: 'Tasting', startsAt, partySize: 2, certificateId: certificate.id });
    expect(second.status).toBe(409);
    expect(second.body.type).toMatch(/certificate-redeemed$/);
    expect((await reservationsOf(person.id)).map((r) => r.id)).toEqual([first.body.id]);
  });

  it("refuses an unknown certificate, or another person's, with 404 and books nothing", async () => {
    const person = await createPerson(staffer);
    const other = await createPerson(staffer);
    const theirs = await issueCertificate(tenantId, other.id, { title: 'Tour' }, staffer as never);
    const results = await Promise.all([
      book({ customerId: person.id, experience: 'Tour', startsAt, partySize: 2, certificateId: theirs.id }),
      book({ customerId: person.id, experience: 'Tour', startsAt, partySize: 2, certificateId: '01HZZZZZZZZZZZZZZZZZZZNOPE' }),
    ]);
    expect(results.map((r) => r.status)).toEqual([404, 404]);
    expect(results[0]!.body.detail).toMatch(/certificate/);
    expect(await reservationsOf(person.id)).toEqual([]);
    expect((await listCertificates(tenantId, other.id)).items[0]!.status).toBe('available');
  });

  it('books once when a POST is retried with the same Idempotency-Key', async () => {
    const person = await createPerson(staffer);
    const certificate = await issueCertificate(tenantId, person.id, { title: 'Tour' }, staffer as never);
    const body = { customerId: person.id, experience: 'Cave tour', startsAt, partySize: 6, certificateId: certificate.id };
    const headers = { 'Idempotency-Key': 'booking-981' };
    const first = await book(body, headers);
    const retry = await book(body, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await reservationsOf(person.id)).map((r) => r.id)).toEqual([first.body.id]);
  });

  it('lists newest first, paged', async () => {
    const person = await createPerson(staffer);
    const made = [];
    for (const partySize of [1, 2, 3]) made.push((await book({ customerId: person.id, experience: 'Picnic', startsAt, partySize })).body);
    const first = await call('GET', `/v1/customers/${person.id}/reservations?limit=2`, { as: viewer });
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([made[2].id, made[1].id]);
    const second = await call('GET', `/v1/customers/${person.id}/reservations?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as: viewer });
    expect(second.body.items.map((r: { id: string }) => r.id)).toEqual([made[0].id]);
  });

  it("lists the tenant's reservations of a day (the winery's, Pacific time by default) by start time, paged, cancelled ones too", async () => {
    const [ann, bob] = [await createPerson(staffer), await createPerson(staffer)];
    // March 5, 2031 in Los Angeles (PST) runs from 08:00 UTC that day to 08:00 UTC the next.
    const at = (instant: string, customerId: string) => book({ customerId, experience: 'Tasting', startsAt: instant, partySize: 2 });
    const evening = (await at('2031-03-06T02:00:00Z', ann.id)).body;
    // Half a second after noon: sorted by the instant, not by how precisely it was written.
    const noon = (await at('2031-03-05T20:00:00.500Z', ann.id)).body;
    const morning = (await at('2031-03-05T20:00:00Z', bob.id)).body;
    await book({ customerId: bob.id, experience: 'Tour', startsAt: '2031-03-05T07:59:59Z', partySize: 2 });
    await book({ customerId: bob.id, experience: 'Tour', startsAt: '2031-03-06T08:00:00Z', partySize: 2 });
    await call('POST', `/v1/reservations/${noon.id}/cancel`, { as: staffer });

    const first = await call('GET', '/v1/reservations?date=2031-03-05&limit=2', { as: viewer });
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([morning.id, noon.id]);
    expect(first.body.items[1]).toMatchObject({ status: 'cancelled', version: 2 });
    const second = await call('GET', `/v1/reservations?date=2031-03-05&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as: viewer });
    expect(second.body).toEqual({ items: [evening], nextCursor: null });

    expect((await call('GET', '/v1/reservations?date=2031-03-05', { as: outsider })).body).toEqual({ items: [], nextCursor: null });
    const otherDay = await call('GET', `/v1/reservations?date=2031-03-06&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as: viewer });
    expect(otherDay.status).toBe(400);
    expect(otherDay.body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });

  it('needs a real date for the day list', async () => {
    for (const query of ['', '?date=2031-02-30', '?date=tomorrow', '?date=2031-03-05&experience=Tour']) {
      const result = await call('GET', `/v1/reservations${query}`, { as: viewer });
      expect(result.status).toBe(400);
    }
    const missing = await call('GET', '/v1/reservations', { as: viewer });
    expect(missing.body.errors).toEqual([{ path: 'date', message: expect.any(String) }]);
  });

  it("is a 404 for another tenant's person or reservation, and for an unknown person; nothing is written", async () => {
    const person = await createPerson(staffer);
    const certificate = await issueCertificate(tenantId, person.id, { title: 'Tour' }, staffer as never);
    const booked = await book({ customerId: person.id, experience: 'Tour', startsAt, partySize: 2 });
    const attempts = await Promise.all([
      call('GET', `/v1/reservations/${booked.body.id}`, { as: outsider }),
      call('POST', `/v1/reservations/${booked.body.id}/cancel`, { as: outsider }),
      call('GET', `/v1/customers/${person.id}/reservations`, { as: outsider }),
      book({ customerId: person.id, experience: 'Tour', startsAt, partySize: 2, certificateId: certificate.id }, {}, outsider),
      book({ customerId: '01HZZZZZZZZZZZZZZZZZZZNOPE', experience: 'Tour', startsAt, partySize: 2 }),
      call('POST', '/v1/reservations/nonsense/cancel', { as: staffer }),
    ]);
    expect(attempts.map((r) => r.status)).toEqual(Array(attempts.length).fill(404));
    expect(await reservationsOf(person.id)).toEqual([expect.objectContaining({ id: booked.body.id, status: 'booked' })]);
    expect((await listCertificates(tenantId, person.id)).items[0]!.status).toBe('available');
  });

  it('refuses a party of zero and a date that is not an instant', async () => {
    const person = await createPerson(staffer);
    const result = await book({ customerId: person.id, experience: 'Tour', startsAt: 'next friday', partySize: 0 });
    expect(result.status).toBe(400);
    expect(result.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['partySize', 'startsAt']);
  });
});
