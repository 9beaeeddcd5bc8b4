import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { outboundNetwork as providerNetwork } from '../../shared/outbound/public-address';
import { createPerson, newPersonBody } from '../support/factories/people';
import { call, newTenant, type Caller } from '../support/invoke';
import { deliver } from '../support/streams';

/** Issue 12: what staff ran into with people, each written as what they did. */

const adminOf = (tenantId: string): Caller => ({ tenantId, role: 'admin', sub: 'admin-1', name: 'Alice Admin' });

async function putSettings(as: Caller, change: Record<string, unknown>) {
  const current = await call('GET', '/v1/settings', { as });
  const saved = await call('PUT', '/v1/settings', { as, body: { ...current.body, ...change } });
  expect(saved.status).toBe(200);
}

async function changesOf(tenantId: string, customerId: string) {
  expect((await deliver('change-history', tenantId)).batchItemFailures).toEqual([]);
  const changes = await call('GET', `/v1/customers/${customerId}/changes`, { as: adminOf(tenantId) });
  expect(changes.status).toBe(200);
  return changes.body.items as Array<{ entity: string; action: string; fields: Array<Record<string, unknown>> }>;
}

describe('Age verification and the birth date', () => {
  const tenantId = newTenant('people-age');
  const admin = adminOf(tenantId);

  it('resets a manual verification when the birth date changes, and says so in the change history', async () => {
    const person = await createPerson(admin, { birthDate: '1980-05-01' });
    const verified = await call('POST', `/v1/customers/${person.id}/age-verification`, { as: admin, body: { method: 'manual', note: 'ID checked' } });
    expect(verified.body.ageVerification.status).toBe('verified');

    const changed = await call('PATCH', `/v1/customers/${person.id}`, { as: admin, body: { birthDate: '2012-01-01' } });
    expect(changed.status).toBe(200);
    expect(changed.body.ageVerification).toMatchObject({ status: 'unverified', method: null, verifiedAt: null, verifiedBy: null });
    expect(changed.body.needsAgeVerification).toBe(true);
    const read = await call('GET', `/v1/customers/${person.id}`, { as: admin });
    expect(read.body.ageVerification.status).toBe('unverified');

    const reset = (await changesOf(tenantId, person.id)).find((c) => c.fields.some((f) => f.field === 'birthDate'));
    expect(reset?.fields).toEqual(
      expect.arrayContaining([
        { field: 'birthDate', old: '1980-05-01', new: '2012-01-01' },
        expect.objectContaining({ field: 'ageVerification', old: expect.objectContaining({ status: 'verified' }), new: expect.objectContaining({ status: 'unverified' }) }),
      ]),
    );
  });

  it('keeps the verification when the same birth date is sent again', async () => {
    const person = await createPerson(admin, { birthDate: '1980-05-01' });
    await call('POST', `/v1/customers/${person.id}/age-verification`, { as: admin, body: { method: 'manual', note: 'ID checked' } });
    const same = await call('PATCH', `/v1/customers/${person.id}`, { as: admin, body: { birthDate: '1980-05-01', partner: 'Sam' } });
    expect(same.status).toBe(200);
    expect(same.body.ageVerification.status).toBe('verified');
    expect(same.body.needsAgeVerification).toBe(false);
  });

  it('keeps the note staff give with a manual check', async () => {
    const person = await createPerson(admin, { birthDate: '1975-02-03' });
    const verified = await call('POST', `/v1/customers/${person.id}/age-verification`, {
      as: admin,
      body: { method: 'manual', note: 'CA DL checked' },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.ageVerification).toMatchObject({ status: 'verified', method: 'manual', note: 'CA DL checked' });
    const read = await call('GET', `/v1/customers/${person.id}`, { as: admin });
    expect(read.body.ageVerification.note).toBe('CA DL checked');
  });
});

describe('An electronic check that answers pending', () => {
  const tenantId = newTenant('people-pending');
  const admin = adminOf(tenantId);
  const realPost = providerNetwork.post;
  const answers: string[] = [];
  let asked = 0;

  beforeAll(async () => {
    // The real address check runs on this public literal; the network itself is stood in for.
    providerNetwork.post = async () => {
      asked += 1;
      return { status: 200, text: JSON.stringify({ status: answers.shift() ?? 'verified' }) };
    };
    await putSettings(admin, { ageVerification: { minimumAge: 21, provider: 'http', endpoint: 'https://93.184.215.14/verify' } });
  });
  afterAll(() => {
    providerNetwork.post = realPost;
  });

  it('shows pending with when the provider was asked, and asks again when staff re-run it', async () => {
    const person = await createPerson(admin, { birthDate: '1970-01-01' });
    answers.push('pending');
    const pending = await call('POST', `/v1/customers/${person.id}/age-verification`, { as: admin, body: { method: 'electronic' } });
    expect(pending.status).toBe(200);
    expect(pending.body.ageVerification).toMatchObject({ status: 'pending', method: 'electronic', verifiedAt: null, checkedAt: expect.any(String) });
    expect(pending.body.needsAgeVerification).toBe(true);

    const before = asked;
    answers.push('verified');
    const again = await call('POST', `/v1/customers/${person.id}/age-verification`, { as: admin, body: { method: 'electronic' } });
    expect(asked).toBe(before + 1);
    expect(again.body.ageVerification).toMatchObject({ status: 'verified', method: 'electronic', verifiedAt: expect.any(String) });
    expect(again.body.ageVerification.checkedAt >= pending.body.ageVerification.checkedAt).toBe(true);
    expect(again.body.needsAgeVerification).toBe(false);
  });
});

describe("A club's class", () => {
  const tenantId = newTenant('people-club-class');
  const admin = adminOf(tenantId);

  it('cannot be given to a person as their own class, on a change or at creation', async () => {
    const club = await call('POST', '/v1/clubs', { as: admin, body: { name: 'Reserve Club', discountPercent: 20 } });
    expect(club.status).toBe(201);
    const person = await createPerson(admin);

    const patched = await call('PATCH', `/v1/customers/${person.id}`, { as: admin, body: { customerClassId: club.body.classId } });
    expect(patched.status).toBe(400);
    expect(patched.body.errors).toEqual([{ path: 'customerClassId', message: expect.stringContaining("a club's class comes with the membership") }]);
    const read = await call('GET', `/v1/customers/${person.id}`, { as: admin });
    expect(read.body).toMatchObject({ customerClassId: null, effectiveClassId: null, version: person.version });

    const created = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ customerClassId: club.body.classId }) });
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual([{ path: 'customerClassId', message: expect.stringContaining("a club's class comes with the membership") }]);
  });

  it('still lets staff give a plain class, which becomes the effective class of a person without clubs', async () => {
    const own = await call('POST', '/v1/customer-classes', { as: admin, body: { name: 'Trade', discountPercent: 10 } });
    const person = await createPerson(admin);
    const patched = await call('PATCH', `/v1/customers/${person.id}`, { as: admin, body: { customerClassId: own.body.id } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ customerClassId: own.body.id, effectiveClassId: own.body.id });
    const created = await createPerson(admin, { customerClassId: own.body.id });
    expect(created).toMatchObject({ customerClassId: own.body.id, effectiveClassId: own.body.id });
  });
});

describe('A flag retired from settings', () => {
  const tenantId = newTenant('people-flags');
  const admin = adminOf(tenantId);

  it('stays valid on the people who hold it until removed, and cannot be given to anyone new', async () => {
    await putSettings(admin, { flags: [{ key: 'vip', title: 'VIP' }, { key: 'trade', title: 'Trade' }] });
    const holder = await createPerson(admin, { flags: ['vip', 'trade'] });
    const other = await createPerson(admin, { flags: ['vip'] });
    await putSettings(admin, { flags: [{ key: 'vip', title: 'VIP' }] });

    const kept = await call('PATCH', `/v1/customers/${holder.id}`, { as: admin, body: { flags: ['vip', 'trade'], partner: 'Sam' } });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ flags: ['vip', 'trade'], partner: 'Sam' });

    expect((await deliver('customer-listing', tenantId)).batchItemFailures).toEqual([]);
    const listed = await call('GET', '/v1/customers?flag=trade', { as: admin });
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([holder.id]);

    const added = await call('PATCH', `/v1/customers/${other.id}`, { as: admin, body: { flags: ['vip', 'trade'] } });
    expect(added.status).toBe(400);
    expect(added.body.errors).toEqual([{ path: 'flags[1]', message: 'is not a flag defined in settings' }]);
    expect((await call('GET', `/v1/customers/${other.id}`, { as: admin })).body.flags).toEqual(['vip']);

    const unknownToo = await call('PATCH', `/v1/customers/${holder.id}`, { as: admin, body: { flags: ['trade', 'nope'] } });
    expect(unknownToo.status).toBe(400);
    expect(unknownToo.body.errors).toEqual([{ path: 'flags[1]', message: 'is not a flag defined in settings' }]);

    const removed = await call('PATCH', `/v1/customers/${holder.id}`, { as: admin, body: { flags: ['vip'] } });
    expect(removed.body.flags).toEqual(['vip']);
    const back = await call('PATCH', `/v1/customers/${holder.id}`, { as: admin, body: { flags: ['vip', 'trade'] } });
    expect(back.status).toBe(400);
    expect(back.body.errors).toEqual([{ path: 'flags[1]', message: 'is not a flag defined in settings' }]);
  });
});

describe('A renewed card', () => {
  const tenantId = newTenant('people-card');
  const admin = adminOf(tenantId);

  it('takes its new token with the new expiry; the token is never returned and shows redacted in the history', async () => {
    const person = await createPerson(admin);
    // Expiries to come, whenever this runs (an expiry in the past is refused).
    const [oldYear, newYear] = [new Date().getUTCFullYear() + 1, new Date().getUTCFullYear() + 5];
    const card = await call('POST', `/v1/customers/${person.id}/cards`, {
      as: admin,
      body: { processor: 'stripe', token: 'tok_old_4242', brand: 'visa', last4: '4242', expMonth: 1, expYear: oldYear, cardholderName: 'Ada Lovelace' },
    });
    expect(card.status).toBe(201);

    const renewed = await call('PATCH', `/v1/customers/${person.id}/cards/${card.body.id}`, {
      as: admin,
      body: { token: 'tok_new_4242', expMonth: 1, expYear: newYear },
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ expMonth: 1, expYear: newYear, expired: false, version: 2 });
    expect(JSON.stringify(renewed.body)).not.toMatch(/tok_/);
    const cards = await call('GET', `/v1/customers/${person.id}/cards`, { as: admin });
    expect(JSON.stringify(cards.body)).not.toMatch(/tok_/);

    const changes = await changesOf(tenantId, person.id);
    expect(JSON.stringify(changes)).not.toMatch(/tok_/);
    const update = changes.find((c) => c.entity === 'card' && c.action === 'updated');
    expect(update?.fields).toEqual([{ field: 'expYear', old: oldYear, new: newYear }, { field: 'token', redacted: true }]);
  });
});

describe('Fields the settings require', () => {
  const tenantId = newTenant('people-required');
  const admin = adminOf(tenantId);

  it('cannot be cleared by a change', async () => {
    const person = await createPerson(admin, { phone: '707-555-0100' });
    await putSettings(admin, { requiredFields: ['phone'] });
    const cleared = await call('PATCH', `/v1/customers/${person.id}`, { as: admin, body: { phone: null, partner: 'Sam' } });
    expect(cleared.status).toBe(400);
    expect(cleared.body.errors).toEqual([{ path: 'phone', message: expect.stringContaining('required') }]);
    const read = await call('GET', `/v1/customers/${person.id}`, { as: admin });
    expect(read.body).toMatchObject({ phone: '707-555-0100', partner: null, version: person.version });

    const changed = await call('PATCH', `/v1/customers/${person.id}`, { as: admin, body: { phone: '707-555-0199' } });
    expect(changed.status).toBe(200);
  });

  // Red until shared/http/api-handler.ts runs the route's body check beside its schema (see
  // `newCustomerErrors`): today the schema's 400 answers before the settings are looked at.
  it('are listed in the same 400 as the schema errors', async () => {
    await putSettings(admin, { requiredFields: ['phone'] });
    const refused = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ billingAddress: { email: 'not-an-email' } }) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['billingAddress.email', 'phone']);
  });
});

describe('Customer numbers', () => {
  it('are not used up by creates that are refused', async () => {
    const tenantId = newTenant('people-numbers');
    const admin = adminOf(tenantId);
    const club = await call('POST', '/v1/clubs', { as: admin, body: { name: 'Club', discountPercent: 5 } });
    const first = await createPerson(admin, { billingAddress: { email: 'first@example.com' } });
    expect(first.customerNumber).toBe(1000);

    const duplicate = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ billingAddress: { email: 'FIRST@example.com' } }) });
    expect(duplicate.status).toBe(409);
    const unknownClass = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ customerClassId: 'no-such-class' }) });
    expect(unknownClass.status).toBe(400);
    const clubClass = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ customerClassId: club.body.classId }) });
    expect(clubClass.status).toBe(400);

    const body = newPersonBody();
    const second = await call('POST', '/v1/customers', { as: admin, body, headers: { 'idempotency-key': 'create-second' } });
    expect(second.body.customerNumber).toBe(1001);
    const replay = await call('POST', '/v1/customers', { as: admin, body, headers: { 'idempotency-key': 'create-second' } });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(second.body);
    const reused = await call('POST', '/v1/customers', { as: admin, body: newPersonBody(), headers: { 'idempotency-key': 'create-second' } });
    expect(reused.status).toBe(409);

    expect((await createPerson(admin)).customerNumber).toBe(1002);
  });
});
