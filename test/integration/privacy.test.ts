import { describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';
import { deliver } from '../support/streams';
import { createPerson } from '../support/factories/people';
import { buyer, placedOrder } from '../support/factories/commerce';
import { clubsFactory } from '../support/factories/clubs';
import { applyDeliveryOutcome, claimEmailLog, createEmailLog, markEmailSent } from '../../shared/email/email-log-repository';

const tenantId = newTenant('privacy');
const admin = { tenantId, role: 'admin' as const, sub: 'admin-3', name: 'Ari Admin' };
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-3', name: 'Sol Staff' };
const outsider = { tenantId: newTenant('other'), role: 'admin' as const };
const clubs = clubsFactory(tenantId);

/** A person with personal data in every kind of item. */
async function personWithData() {
  const person = await buyer(staffer, {
    billingAddress: { firstName: 'Zelda', lastName: 'Quintero', line1: '9 Secret Lane', postalCode: '95476' },
    phone: '707-555-0177',
    partner: 'Yann',
  });
  const base = `/v1/customers/${person.id}`;
  expect((await call('POST', `${base}/cards`, { as: staffer, body: { processor: 'stripe', token: 'tok_secret', brand: 'visa', last4: '4242', expMonth: 1, expYear: 2040, cardholderName: 'Zelda Quintero' } })).status).toBe(201);
  expect((await call('POST', `${base}/emails`, { as: staffer, body: { email: 'zelda.work@example.com' } })).status).toBe(201);
  expect((await call('POST', `${base}/notes`, { as: staffer, body: { body: 'Zelda prefers Zinfandel' } })).status).toBe(201);
  expect((await call('POST', `${base}/credits`, { as: staffer, body: { amountCents: 700, reason: 'Goodwill' } })).status).toBe(201);
  const club = await clubs.club();
  await clubs.join(person.id, club);
  const order = await placedOrder(staffer, person.id, { note: 'Gift for Zelda' });
  const logId = `01J${person.id.slice(3)}`;
  await createEmailLog({ tenantId, customerId: person.id, id: logId, template: 'welcome', subject: 'Welcome, Zelda', to: [person.email] });
  expect(await claimEmailLog(tenantId, person.id, logId)).toBe(true);
  expect(await markEmailSent(tenantId, person.id, logId, 'm-sent')).toBe(true);
  return { person, order };
}

const everything = (value: unknown) => JSON.stringify(value);

describe('Privacy export', () => {
  it('gives everything held about the person as JSON, without card tokens, and records it', async () => {
    const { person, order } = await personWithData();
    const exported = await call('GET', `/v1/customers/${person.id}/privacy-export`, { as: admin });
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    const data = exported.body;
    expect(data.customer).toMatchObject({ id: person.id, firstName: 'Zelda', phone: '707-555-0177' });
    expect(data.addresses[0]).toMatchObject({ line1: '9 Secret Lane' });
    expect(data.cards).toEqual([expect.objectContaining({ last4: '4242' })]);
    expect(everything(data)).not.toContain('tok_secret');
    expect(data.emails).toEqual([expect.objectContaining({ email: 'zelda.work@example.com' })]);
    expect(data.notes).toEqual([expect.objectContaining({ body: 'Zelda prefers Zinfandel' })]);
    expect(data.memberships).toHaveLength(1);
    expect(data.credits.map((c: { amountCents: number }) => c.amountCents)).toEqual([700]);
    expect(data.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect(data.emailLogs).toEqual([expect.objectContaining({ subject: 'Welcome, Zelda' })]);
    expect(data.timeline.length).toBeGreaterThan(3);
    expect(Array.isArray(data.changes)).toBe(true);

    await deliver('change-history', tenantId);
    const changes = (await call('GET', `/v1/customers/${person.id}/changes?limit=100`, { as: admin })).body.items;
    expect(changes.some((c: { entity: string; actor: { name: string } }) => c.entity === 'privacy-export' && c.actor.name === 'Ari Admin')).toBe(true);
  });

  it('is for admins of the person’s own winery', async () => {
    const person = await createPerson(staffer);
    expect((await call('GET', `/v1/customers/${person.id}/privacy-export`, { as: staffer })).status).toBe(403);
    expect((await call('GET', `/v1/customers/${person.id}/privacy-export`, { as: outsider })).status).toBe(404);
  });
});

describe('Erase', () => {
  it('needs If-Match, refuses a stale one, and erases nothing then', async () => {
    const person = await createPerson(staffer);
    const url = `/v1/customers/${person.id}/erase`;
    const missing = await call('POST', url, { as: admin, body: { reason: 'GDPR request' } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'If-Match' })]);
    expect((await call('POST', url, { as: admin, body: { reason: 'GDPR request' }, headers: { 'if-match': String(person.version + 5) } })).status).toBe(412);
    expect((await call('POST', url, { as: staffer, body: { reason: 'GDPR request' }, headers: { 'if-match': String(person.version) } })).status).toBe(403);
    expect((await call('POST', url, { as: admin, body: {}, headers: { 'if-match': String(person.version) } })).status).toBe(400);
    expect((await call('GET', `/v1/customers/${person.id}`, { as: admin })).body.firstName).toBe('Ada');
  });

  it('removes personal data everywhere and keeps accounting under a pseudonym', async () => {
    const { person, order } = await personWithData();
    const current = (await call('GET', `/v1/customers/${person.id}`, { as: admin })).body;
    await deliver('customer-listing', tenantId);
    expect((await call('GET', '/v1/customers?q=quintero', { as: admin })).body.items.map((p: { id: string }) => p.id)).toContain(person.id);

    const erased = await call('POST', `/v1/customers/${person.id}/erase`, {
      as: admin,
      body: { reason: 'CCPA deletion request' },
      headers: { 'if-match': String(current.version) },
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ id: person.id, customerNumber: person.customerNumber, erasedAt: expect.any(String) });

    await deliver('customer-listing', tenantId);
    await deliver('change-history', tenantId);
    const secrets = ['Zelda', 'Quintero', 'Secret Lane', '555-0177', '5550177', 'zelda', 'Yann', 'Zinfandel', person.email];
    const profile = (await call('GET', `/v1/customers/${person.id}`, { as: admin })).body;
    expect(profile).toMatchObject({ firstName: 'Erased customer', lastName: `#${person.customerNumber}`, phone: null, birthDate: null, partner: null, addresses: [], cards: [], emails: [] });
    expect(profile.creditBalanceCents).toBe(700);
    expect(profile.memberships).toEqual([expect.objectContaining({ status: 'cancelled', cancelReason: 'erased' })]);

    const reads = await Promise.all(
      ['', '/notes', '/orders', '/credits', '/timeline?limit=100', '/changes?limit=100', '/email-logs', '/reservations'].map((path) =>
        call('GET', `/v1/customers/${person.id}${path}`, { as: admin }),
      ),
    );
    const order2 = await call('GET', `/v1/orders/${order.id}`, { as: admin });
    const exported = await call('GET', `/v1/customers/${person.id}/privacy-export`, { as: admin });
    const csv = await call('GET', '/v1/customers/export?q=erased', { as: admin });
    for (const text of [...reads.map((r) => everything(r.body)), everything(order2.body), everything(exported.body), String(csv.body)]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    // Accounting stays.
    expect(order2.body).toMatchObject({ id: order.id, totalCents: order.totalCents, note: null });
    expect(reads[3]!.body.items.map((c: { amountCents: number }) => c.amountCents)).toEqual([700]);

    // No former name, email or phone finds anything; the number finds the pseudonym.
    for (const q of ['zelda', 'quintero', '7075550177', '0177', person.email]) {
      expect((await call('GET', `/v1/customers?q=${encodeURIComponent(q)}`, { as: admin })).body.items.map((p: { id: string }) => p.id)).not.toContain(person.id);
    }
    const byNumber = (await call('GET', `/v1/customers?q=${person.customerNumber}`, { as: admin })).body.items;
    expect(byNumber).toEqual([expect.objectContaining({ id: person.id, firstName: 'Erased customer' })]);

    // A bounce that arrives after the erase does not write the address back.
    const logId = `01J${person.id.slice(3)}`;
    expect(await applyDeliveryOutcome(tenantId, person.id, logId, { status: 'bounced', messageId: 'm-sent', detail: `Permanent bounce: ${person.email}` })).toBe(false);
    expect(everything((await call('GET', `/v1/customers/${person.id}/email-logs`, { as: admin })).body)).not.toContain(person.email);

    // The email may be used again.
    expect((await call('POST', '/v1/customers', { as: staffer, body: { billingAddress: { firstName: 'New', lastName: 'Person', email: person.email }, sendWelcomeEmail: false } })).status).toBe(201);
    // Sent again, it answers the same and changes nothing.
    const again = await call('POST', `/v1/customers/${person.id}/erase`, { as: admin, body: { reason: 'CCPA deletion request' }, headers: { 'if-match': String(current.version) } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(erased.body);
  });
});
