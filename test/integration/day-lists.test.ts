import { describe, expect, it } from '@jest/globals';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { setClock } from '../../shared/clock';
import { dynamo, tableName } from '../../shared/db/client';
import { orderKeys, reservationKeys } from '../../shared/commerce/keys';
import { parsePersonScopedId } from '../../shared/people/person-scoped-id';
import { refileDayLists } from '../../scripts/refile-day-lists';
import { call, newTenant } from '../support/invoke';
import { buyer, changeSettings, placedOrder } from '../support/factories/commerce';

/**
 * The front desk's day lists (`GET /v1/orders?date=`, `GET /v1/reservations?date=`) are the
 * winery's days in `settings.timeZone`: an order placed at 11:30 PM in New York is on that day's
 * list, not on the next UTC day's. Entries filed before (under their UTC day, or with no day at
 * all) are put right by `scripts/refile-day-lists.ts`, as is a tenant whose zone changed.
 */
const tenantId = newTenant('days');
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-1', name: 'Sam Staff' };
const admin = { tenantId, role: 'admin' as const };
const viewer = { tenantId, role: 'viewer' as const };

/** 11:30 PM on Wednesday, January 15, 2031 in New York; already January 16 in UTC. */
const LATE_EVENING = '2031-01-16T04:30:00.000Z';
/** Midnight starting January 16 in New York. */
const MIDNIGHT = '2031-01-16T05:00:00.000Z';

const idsOn = async (list: 'orders' | 'reservations', date: string) =>
  ((await call('GET', `/v1/${list}?date=${date}`, { as: viewer })).body.items as Array<{ id: string }>).map((item) => item.id);

async function placeAt(instant: string, customerId: string, as: { tenantId: string; role: 'staff' } = staffer) {
  const restore = setClock(() => new Date(instant));
  try {
    return await placedOrder(as, customerId);
  } finally {
    restore();
  }
}

/** Puts an entry back the way an older release filed it: on its UTC day, or (`null`) on no day list at all. */
async function fileAsBefore(kind: 'order' | 'reservation', id: string, utcInstant: string | null, tenant = tenantId) {
  const keys = kind === 'order' ? orderKeys : reservationKeys;
  const { customerId, ownId } = parsePersonScopedId(id)!;
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.item(tenant, customerId, ownId),
      ...(utcInstant
        ? { UpdateExpression: 'SET gsi4pk = :pk', ExpressionAttributeValues: { ':pk': keys.day.partition(tenant, utcInstant.slice(0, 10)) } }
        : { UpdateExpression: 'REMOVE gsi4pk, gsi4sk' }),
    }),
  );
}

describe("Day lists are the winery's days", () => {
  let lateOrder: string;
  let midnightOrder: string;
  let lateReservation: string;

  it('lists an order placed at 11:30 PM local time on that day, and one placed at midnight on the next', async () => {
    await changeSettings(admin, (settings) => ({ ...settings, timeZone: 'America/New_York' }));
    const person = await buyer(staffer);
    lateOrder = (await placeAt(LATE_EVENING, person.id)).id;
    midnightOrder = (await placeAt(MIDNIGHT, person.id)).id;
    expect(await idsOn('orders', '2031-01-15')).toEqual([lateOrder]);
    expect(await idsOn('orders', '2031-01-16')).toEqual([midnightOrder]);
  });

  it('lists a reservation starting at 11:30 PM local time on that day, and its timeline lines say the time in the winery’s zone', async () => {
    const person = await buyer(staffer);
    const booked = await call('POST', '/v1/reservations', { as: staffer, body: { customerId: person.id, experience: 'Night harvest', startsAt: LATE_EVENING, partySize: 2 } });
    expect(booked.status).toBe(201);
    lateReservation = booked.body.id;
    expect(await idsOn('reservations', '2031-01-15')).toEqual([lateReservation]);
    expect(await idsOn('reservations', '2031-01-16')).toEqual([]);

    expect((await call('POST', `/v1/reservations/${lateReservation}/cancel`, { as: staffer, body: { reason: 'Rain' } })).status).toBe(200);
    const summaries = ((await call('GET', `/v1/customers/${person.id}/timeline`, { as: viewer })).body.items as Array<{ type: string; summary: string }>)
      .filter((entry) => entry.type === 'reservation')
      .map((entry) => entry.summary);
    expect(summaries).toEqual([
      'Reservation cancelled: Night harvest, Wed, Jan 15, 2031, 11:30 PM EST. Reason: Rain',
      'Reservation: Night harvest, 2 guests, Wed, Jan 15, 2031, 11:30 PM EST',
    ]);
    for (const summary of summaries) expect(summary).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('refiles entries written before (under their UTC day, or on no day list), once', async () => {
    await fileAsBefore('order', lateOrder, LATE_EVENING);
    await fileAsBefore('reservation', lateReservation, null);
    expect(await idsOn('orders', '2031-01-15')).toEqual([]);
    expect(await idsOn('orders', '2031-01-16')).toEqual([midnightOrder, lateOrder]);
    expect(await idsOn('reservations', '2031-01-15')).toEqual([]);

    expect(await refileDayLists({ tenantId })).toEqual({ read: 3, refiled: 2 });
    expect(await idsOn('orders', '2031-01-15')).toEqual([lateOrder]);
    expect(await idsOn('orders', '2031-01-16')).toEqual([midnightOrder]);
    expect(await idsOn('reservations', '2031-01-15')).toEqual([lateReservation]);
    expect(await refileDayLists({ tenantId })).toEqual({ read: 3, refiled: 0 });
  });

  it("refiles a tenant's entries by its new zone after an admin changes it, and no other tenant's", async () => {
    const other = newTenant('days-other');
    const otherStaff = { tenantId: other, role: 'staff' as const };
    const otherOrder = await placeAt(LATE_EVENING, (await buyer(otherStaff)).id, otherStaff);
    await fileAsBefore('order', otherOrder.id, LATE_EVENING, other);

    await changeSettings(admin, (settings) => ({ ...settings, timeZone: 'UTC' }));
    expect(await refileDayLists({ tenantId })).toEqual({ read: 3, refiled: 2 });
    expect(await idsOn('orders', '2031-01-15')).toEqual([]);
    expect(await idsOn('orders', '2031-01-16')).toEqual([midnightOrder, lateOrder]);
    expect(await idsOn('reservations', '2031-01-16')).toEqual([lateReservation]);
    // The other winery's order, filed under its UTC day the old way, was left for its own run.
    const otherDay = (date: string) => call('GET', `/v1/orders?date=${date}`, { as: { tenantId: other, role: 'viewer' } });
    expect((await otherDay('2031-01-16')).body.items.map((o: { id: string }) => o.id)).toEqual([otherOrder.id]);
    expect(await refileDayLists({ tenantId: other })).toEqual({ read: 1, refiled: 1 });
    // Los Angeles, the default zone: 8:30 PM on January 15.
    expect((await otherDay('2031-01-15')).body.items.map((o: { id: string }) => o.id)).toEqual([otherOrder.id]);
  });
});
