import { describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { setClock } from '../../shared/clock';
import { call, newTenant } from '../support/invoke';
import { deliver } from '../support/streams';
import { createPerson } from '../support/factories/people';
import { buyer, changeSettings, placedOrder } from '../support/factories/commerce';
import { clubsFactory } from '../support/factories/clubs';
import { applyDeliveryOutcome, claimEmailLog, createEmailLog } from '../../shared/email/email-log-repository';

const tenantId = newTenant('merge');
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-9', name: 'Mia Merger' };
const viewer = { tenantId, role: 'viewer' as const };
const outsider = { tenantId: newTenant('other'), role: 'admin' as const };
const clubs = clubsFactory(tenantId);

const merge = (survivorId: string, absorbedId: string, headers: Record<string, string> = {}) =>
  call('POST', `/v1/customers/${survivorId}/merge`, { as: staffer, body: { absorbedId }, headers });

/** Every item under a person's partition, by kind of sort key. */
async function partition(customerId: string) {
  const items: Record<string, any>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `T#${tenantId}#C#${customerId}` }, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** A person with one of everything the contract lists. */
async function fullPerson(overrides: Record<string, unknown> = {}) {
  const person = await buyer(staffer, overrides);
  const base = `/v1/customers/${person.id}`;
  expect((await call('POST', `${base}/addresses`, { as: staffer, body: { kind: 'shipping', firstName: 'Bo', lastName: 'Smith', line1: '2 Vine St', postalCode: '94558' } })).status).toBe(201);
  expect((await call('POST', `${base}/cards`, { as: staffer, body: { processor: 'stripe', token: `tok_${person.id}`, brand: 'visa', last4: '4242', expMonth: 12, expYear: 2040, cardholderName: 'Bo Smith' } })).status).toBe(201);
  expect((await call('POST', `${base}/emails`, { as: staffer, body: { email: `work.${person.id.toLowerCase()}@example.com` } })).status).toBe(201);
  expect((await call('POST', `${base}/notes`, { as: staffer, body: { body: `Note of ${person.id}` } })).status).toBe(201);
  expect((await call('POST', `${base}/credits`, { as: staffer, body: { amountCents: 1500, reason: 'Welcome' } })).status).toBe(201);
  const order = await placedOrder(staffer, person.id, { applyCreditCents: 500 });
  const certificate = await call('POST', `${base}/certificates`, { as: staffer, body: { title: 'Tasting for two' } });
  expect(certificate.status).toBe(201);
  const reservation = await call('POST', '/v1/reservations', {
    as: staffer,
    body: { customerId: person.id, experience: 'Cave tour', startsAt: '2099-05-01T17:00:00Z', partySize: 2 },
  });
  expect(reservation.status).toBe(201);
  expect((await call('POST', `${base}/cellar`, { as: staffer, body: { sku: 'CAB-2019', name: 'Cabernet 2019', quantity: 6 } })).status).toBe(201);
  return { person, order, reservation: reservation.body, certificate: certificate.body };
}

describe('Merging two people', () => {
  it('moves everything of the absorbed person to the survivor, and the absorbed id answers 410', async () => {
    await changeSettings(clubs.admin, (settings) => ({ ...settings, features: { ...settings.features, cellar: true } }));
    const club = await clubs.club();
    const survivor = await fullPerson({ flags: [] });
    const absorbed = await fullPerson({ phone: '707-555-0199', partner: 'Jo' });
    const olderMembership = await clubs.join(absorbed.person.id, club);
    const newerMembership = await clubs.join(survivor.person.id, club);

    const merged = await merge(survivor.person.id, absorbed.person.id);
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      id: survivor.person.id,
      phone: '707-555-0199',
      partner: 'Jo',
      creditBalanceCents: 2000,
      mergedNumbers: [absorbed.person.customerNumber],
    });

    const gone = await call('GET', `/v1/customers/${absorbed.person.id}`, { as: viewer });
    expect(gone.status).toBe(410);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect(gone.body.mergedInto).toBe(survivor.person.id);
    expect((await call('GET', `/v1/customers/${absorbed.person.id}/notes`, { as: viewer })).status).toBe(410);
    // A write to the absorbed person finds no one to write to (nothing lands beside the word of the merge).
    expect((await call('POST', `/v1/customers/${absorbed.person.id}/notes`, { as: staffer, body: { body: 'late' } })).status).toBe(404);

    const profile = (await call('GET', `/v1/customers/${survivor.person.id}`, { as: viewer })).body;
    expect(profile.addresses).toHaveLength(4);
    expect(profile.addresses.filter((a: { isDefault: boolean; kind: string }) => a.isDefault && a.kind === 'billing')).toHaveLength(1);
    expect(profile.cards).toHaveLength(2);
    expect(profile.cards.filter((c: { isDefault: boolean }) => c.isDefault)).toHaveLength(1);
    expect(profile.emails.map((e: { email: string }) => e.email)).toEqual(expect.arrayContaining([absorbed.person.email, `work.${absorbed.person.id.toLowerCase()}@example.com`]));
    expect(profile.certificates).toHaveLength(2);
    // The older membership stays; the survivor's newer one in the same club is cancelled as merged.
    const memberships = Object.fromEntries(profile.memberships.map((m: { id: string }) => [m.id, m]));
    expect(memberships[olderMembership.id]).toMatchObject({ status: 'active' });
    expect(memberships[newerMembership.id]).toMatchObject({ status: 'cancelled', cancelReason: 'merged' });

    const orders = (await call('GET', `/v1/customers/${survivor.person.id}/orders`, { as: viewer })).body.items;
    expect(orders.map((o: { id: string }) => o.id).sort()).toEqual([survivor.order.id, absorbed.order.id].sort());
    // The order keeps its id; read by it, it is the survivor's now.
    const byId = await call('GET', `/v1/orders/${absorbed.order.id}`, { as: viewer });
    expect(byId.status).toBe(200);
    expect(byId.body.customerId).toBe(survivor.person.id);
    const reservations = (await call('GET', `/v1/customers/${survivor.person.id}/reservations`, { as: viewer })).body.items;
    expect(reservations).toHaveLength(2);
    const ledger = (await call('GET', `/v1/customers/${survivor.person.id}/credits?limit=100`, { as: viewer })).body;
    expect(ledger.balanceCents).toBe(2000);
    expect(ledger.items.reduce((sum: number, e: { amountCents: number }) => sum + e.amountCents, 0)).toBe(2000);
    expect((await call('GET', `/v1/customers/${survivor.person.id}/notes`, { as: viewer })).body.items).toHaveLength(2);
    expect((await call('GET', `/v1/customers/${survivor.person.id}/cellar`, { as: viewer })).body.items).toHaveLength(2);
    const timeline = (await call('GET', `/v1/customers/${survivor.person.id}/timeline?limit=100`, { as: viewer })).body.items;
    expect(timeline.filter((entry: { refId: string }) => entry.refId === absorbed.order.id).length).toBeGreaterThan(0);

    // Nothing is left under the absorbed person but the word of the merge, stubs and bookkeeping.
    const left = (await partition(absorbed.person.id)).filter((item) => !['moved', 'merged-customer', 'listing', 'change'].includes(item.type));
    expect(left).toEqual([]);

    const merges = await call('GET', `/v1/customers/${survivor.person.id}/merges`, { as: viewer });
    expect(merges.body.items).toEqual([
      expect.objectContaining({ absorbedId: absorbed.person.id, absorbedNumber: absorbed.person.customerNumber, state: 'done', undoneAt: null, by: expect.objectContaining({ name: 'Mia Merger' }) }),
    ]);

    // Sent again: already merged.
    expect((await merge(survivor.person.id, absorbed.person.id)).status).toBe(409);
  });

  it('refuses the same person, a viewer, and another tenant', async () => {
    const a = await createPerson(staffer);
    const b = await createPerson(staffer);
    expect((await merge(a.id, a.id)).status).toBe(409);
    expect((await call('POST', `/v1/customers/${a.id}/merge`, { as: viewer, body: { absorbedId: b.id } })).status).toBe(403);
    expect((await call('POST', `/v1/customers/${a.id}/merge`, { as: outsider, body: { absorbedId: b.id } })).status).toBe(404);
    expect((await call('POST', `/v1/customers/${a.id}/merge`, { as: staffer, body: { absorbedId: 'nobody', extra: 1 } })).status).toBe(400);
    expect((await call('GET', `/v1/customers/${a.id}`, { as: viewer })).status).toBe(200);
    expect((await call('GET', `/v1/customers/${b.id}`, { as: viewer })).status).toBe(200);
  });

  it('applies a delivery event for an email of the absorbed person to the log that moved', async () => {
    const a = await createPerson(staffer);
    const b = await createPerson(staffer);
    const logId = `01K${b.id.slice(3)}`;
    await createEmailLog({ tenantId, customerId: b.id, id: logId, template: 'welcome', subject: 'Welcome', to: [b.email] });
    expect(await claimEmailLog(tenantId, b.id, logId)).toBe(true);
    expect((await merge(a.id, b.id)).status).toBe(200);
    // SES names the person the email went to.
    expect(await applyDeliveryOutcome(tenantId, b.id, logId, { status: 'delivered', messageId: 'm-1' })).toBe(true);
    const logs = (await call('GET', `/v1/customers/${a.id}/email-logs`, { as: viewer })).body.items;
    expect(logs).toEqual([expect.objectContaining({ id: logId, status: 'delivered' })]);
  });

  it('answers the first response to a retry with the same Idempotency-Key', async () => {
    const a = await createPerson(staffer);
    const b = await createPerson(staffer);
    const first = await merge(a.id, b.id, { 'idempotency-key': `merge-${a.id}` });
    expect(first.status).toBe(200);
    const again = await merge(a.id, b.id, { 'idempotency-key': `merge-${a.id}` });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });
});

describe('Lists, search and counts after a merge', () => {
  it('leave the absorbed person out, and their number finds the survivor; an undo brings them back', async () => {
    const listed = async (q: string) => {
      await deliver('customer-listing', tenantId);
      return (await call('GET', `/v1/customers?q=${encodeURIComponent(q)}`, { as: viewer })).body.items.map((p: { id: string }) => p.id) as string[];
    };
    const count = async () => {
      await deliver('people-counts', tenantId);
      return (await call('GET', '/v1/customers/summary', { as: viewer })).body.people as number;
    };
    const a = await createPerson(staffer, { billingAddress: { firstName: 'Ottilie', lastName: 'Survivor' } });
    const b = await createPerson(staffer, { billingAddress: { firstName: 'Ottilie', lastName: 'Absorbed' } });
    expect(await listed('ottilie')).toEqual(expect.arrayContaining([a.id, b.id]));
    const before = await count();

    expect((await merge(a.id, b.id)).status).toBe(200);
    expect(await listed('ottilie')).toEqual([a.id]);
    expect(await listed(String(b.customerNumber))).toEqual([a.id]);
    expect(await listed(b.email)).toEqual([]);
    expect(await count()).toBe(before - 1);

    const [{ id: mergeId }] = (await call('GET', `/v1/customers/${a.id}/merges`, { as: viewer })).body.items;
    expect((await call('POST', `/v1/merges/${mergeId}/undo`, { as: staffer })).status).toBe(200);
    expect((await listed('ottilie')).sort()).toEqual([a.id, b.id].sort());
    expect(await listed(String(b.customerNumber))).toEqual([b.id]);
    expect(await count()).toBe(before);
  });
});

describe('Undoing a merge', () => {
  it('gives the absorbed person back as they were, and what was added since stays with the survivor', async () => {
    const survivor = await fullPerson();
    const absorbed = await fullPerson({ phone: '707-555-0123' });
    const before = (await call('GET', `/v1/customers/${absorbed.person.id}`, { as: viewer })).body;
    const merged = await merge(survivor.person.id, absorbed.person.id);
    expect(merged.status).toBe(200);
    // Added to the survivor after the merge.
    const later = await call('POST', `/v1/customers/${survivor.person.id}/notes`, { as: staffer, body: { body: 'After the merge' } });
    const laterOrder = await placedOrder(staffer, survivor.person.id);

    const [{ id: mergeId }] = (await call('GET', `/v1/customers/${survivor.person.id}/merges`, { as: viewer })).body.items;
    const undone = await call('POST', `/v1/merges/${mergeId}/undo`, { as: staffer });
    expect(undone.status).toBe(200);
    expect(undone.body).toEqual({ survivorId: survivor.person.id, restoredId: absorbed.person.id });

    const back = (await call('GET', `/v1/customers/${absorbed.person.id}`, { as: viewer })).body;
    expect(back).toMatchObject({
      customerNumber: before.customerNumber,
      email: before.email,
      phone: '707-555-0123',
      creditBalanceCents: before.creditBalanceCents,
    });
    expect(back.addresses).toEqual(before.addresses);
    expect(back.cards).toEqual(before.cards);
    expect(back.emails).toEqual(before.emails);
    expect(back.certificates).toEqual(before.certificates);
    const absorbedOrders = (await call('GET', `/v1/customers/${absorbed.person.id}/orders`, { as: viewer })).body.items;
    expect(absorbedOrders.map((o: { id: string }) => o.id)).toEqual([absorbed.order.id]);
    expect((await call('GET', `/v1/orders/${absorbed.order.id}`, { as: viewer })).body.customerId).toBe(absorbed.person.id);

    const survivorNow = (await call('GET', `/v1/customers/${survivor.person.id}`, { as: viewer })).body;
    expect(survivorNow.phone).toBeNull();
    expect(survivorNow.creditBalanceCents).toBe(1000 - 0);
    expect(survivorNow.emails.map((e: { email: string }) => e.email)).not.toContain(absorbed.person.email);
    const notes = (await call('GET', `/v1/customers/${survivor.person.id}/notes`, { as: viewer })).body.items.map((n: { id: string }) => n.id);
    expect(notes).toContain(later.body.id);
    expect(notes).toHaveLength(2);
    const orders = (await call('GET', `/v1/customers/${survivor.person.id}/orders`, { as: viewer })).body.items.map((o: { id: string }) => o.id);
    expect(orders.sort()).toEqual([survivor.order.id, laterOrder.id].sort());
    // No stub is left in the survivor's partition.
    expect((await partition(survivor.person.id)).filter((item) => item.type === 'moved')).toEqual([]);

    expect((await call('POST', `/v1/merges/${mergeId}/undo`, { as: staffer })).status).toBe(409);
    const merges = (await call('GET', `/v1/customers/${survivor.person.id}/merges`, { as: viewer })).body.items;
    expect(merges[0]).toMatchObject({ state: 'undone', undoneAt: expect.any(String), undoableUntil: null });
  });

  it('is refused after 30 days', async () => {
    const a = await createPerson(staffer);
    const b = await createPerson(staffer);
    expect((await merge(a.id, b.id)).status).toBe(200);
    const [{ id: mergeId }] = (await call('GET', `/v1/customers/${a.id}/merges`, { as: viewer })).body.items;
    const restore = setClock(() => new Date(Date.now() + 31 * 24 * 60 * 60 * 1000));
    try {
      const late = await call('POST', `/v1/merges/${mergeId}/undo`, { as: staffer });
      expect(late.status).toBe(409);
      expect(late.body.type).toMatch(/undo-expired$/);
    } finally {
      restore();
    }
    expect((await call('POST', `/v1/merges/${mergeId}/undo`, { as: outsider })).status).toBe(404);
  });

  it('writes both people’s change history: merged into, and back', async () => {
    const a = await createPerson(staffer);
    const b = await createPerson(staffer);
    expect((await merge(a.id, b.id)).status).toBe(200);
    const [{ id: mergeId }] = (await call('GET', `/v1/customers/${a.id}/merges`, { as: viewer })).body.items;
    expect((await call('POST', `/v1/merges/${mergeId}/undo`, { as: staffer })).status).toBe(200);
    await deliver('change-history', tenantId);
    const changesOf = async (id: string) => (await call('GET', `/v1/customers/${id}/changes?limit=100`, { as: viewer })).body.items as any[];
    const absorbedChanges = await changesOf(b.id);
    expect(absorbedChanges.filter((c) => c.fields.some((f: { field: string }) => f.field === 'mergedInto')).map((c) => c.fields[0])).toEqual([
      { field: 'mergedInto', old: a.id, new: null },
      { field: 'mergedInto', old: null, new: a.id },
    ]);
    expect(absorbedChanges.some((c) => c.action === 'deleted')).toBe(false);
    const survivorChanges = await changesOf(a.id);
    expect(survivorChanges.some((c) => c.fields.some((f: { field: string; new?: unknown }) => f.field === 'mergedNumbers' && JSON.stringify(f.new) === JSON.stringify([b.customerNumber])))).toBe(true);
  });
});
