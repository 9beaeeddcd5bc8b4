import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newCustomerClassItem } from '../../shared/classes/customer-class-repository';
import { outboundNetwork as providerNetwork } from '../../shared/outbound/public-address';
import { putNew } from '../../shared/db/item-writes';
import { transactWrite } from '../../shared/db/transact';
import { setClock } from '../../shared/clock';
import { call, newTenant } from '../support/invoke';
import { createPerson, newPersonBody } from '../support/factories/people';
import { deliver, tenantRecords } from '../support/streams';

const tenantId = newTenant('profile');
const admin = { tenantId, role: 'admin' as const, sub: 'admin-1', name: 'Alice Admin' };
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-2', name: 'Sam Staff' };
const outsider = { tenantId: newTenant('other'), role: 'admin' as const };
const future = (years: number) => new Date().getUTCFullYear() + years;

describe('Addresses', () => {
  it('keeps one default per kind, and the profile pointing at it', async () => {
    const person = await createPerson(admin);
    const base = `/v1/customers/${person.id}/addresses`;
    const second = await call('POST', base, { as: staffer, body: { kind: 'billing', line1: '2 Cellar Rd', country: 'fr' } });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ kind: 'billing', country: 'FR', isDefault: false });

    const made = await call('PATCH', `${base}/${second.body.id}`, { as: staffer, body: { isDefault: true } });
    expect(made.status).toBe(200);
    const profile = await call('GET', `/v1/customers/${person.id}`, { as: staffer });
    expect(profile.body.defaultBillingAddressId).toBe(second.body.id);
    const defaults = profile.body.addresses.filter((a: { kind: string; isDefault: boolean }) => a.kind === 'billing' && a.isDefault);
    expect(defaults.map((a: { id: string }) => a.id)).toEqual([second.body.id]);

    const first = await call('POST', base, { as: staffer, body: { kind: 'shipping', line1: '3 Barrel Way' } });
    expect(first.body.isDefault).toBe(true);
    const after = await call('GET', `/v1/customers/${person.id}`, { as: staffer });
    expect(after.body.defaultShippingAddressId).toBe(first.body.id);
  });

  it('refuses to delete a default address, deletes another', async () => {
    const person = await createPerson(admin);
    const base = `/v1/customers/${person.id}/addresses`;
    const refused = await call('DELETE', `${base}/${person.defaultBillingAddressId}`, { as: staffer });
    expect(refused.status).toBe(409);
    const extra = await call('POST', base, { as: staffer, body: { kind: 'billing', line1: 'x' } });
    expect((await call('DELETE', `${base}/${extra.body.id}`, { as: staffer })).status).toBe(204);
    const list = await call('GET', base, { as: staffer });
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([person.defaultBillingAddressId]);
  });

  it('refuses a country that is not ISO 3166 alpha-2', async () => {
    const person = await createPerson(admin);
    const result = await call('POST', `/v1/customers/${person.id}/addresses`, { as: staffer, body: { kind: 'billing', country: 'USA' } });
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual([{ path: 'country', message: expect.any(String) }]);
  });
});

describe('Cards on file', () => {
  const card = { processor: 'stripe', token: 'pm_1Nabc', brand: 'visa', last4: '4242', expMonth: 12, expYear: future(5), cardholderName: 'Ada Lovelace' };

  it('stores the token but never returns it, and computes expiry', async () => {
    const person = await createPerson(admin);
    const created = await call('POST', `/v1/customers/${person.id}/cards`, { as: staffer, body: card });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ last4: '4242', expired: false, isDefault: true });
    expect(JSON.stringify(created.body)).not.toContain('pm_1Nabc');
    // A card whose expiry month is this one: valid now, expired once the month has ended.
    const today = new Date();
    const old = await call('POST', `/v1/customers/${person.id}/cards`, {
      as: staffer,
      body: { ...card, token: 'pm_old', expYear: today.getUTCFullYear(), expMonth: today.getUTCMonth() + 1 },
    });
    expect(old.body).toMatchObject({ expired: false, isDefault: false });
    const restore = setClock(() => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)));
    try {
      const listed = await call('GET', `/v1/customers/${person.id}/cards`, { as: staffer });
      expect(listed.body.items.find((c: { id: string }) => c.id === old.body.id)).toMatchObject({ expired: true });
      const renewed = await call('PATCH', `/v1/customers/${person.id}/cards/${old.body.id}`, { as: staffer, body: { expYear: future(6), isDefault: true } });
      expect(renewed.body).toMatchObject({ expired: false, isDefault: true });
    } finally {
      restore();
    }
    const profile = await call('GET', `/v1/customers/${person.id}`, { as: staffer });
    expect(profile.body.cards.filter((c: { isDefault: boolean }) => c.isDefault).map((c: { id: string }) => c.id)).toEqual([old.body.id]);
    expect(JSON.stringify(profile.body)).not.toMatch(/pm_old|pm_1Nabc/);
  });

  it('refuses a card number hidden in any field, spaces and dashes included, and stores nothing', async () => {
    const person = await createPerson(admin);
    for (const body of [
      { ...card, cardholderName: 'Ada 4111 1111 1111 1111' },
      { ...card, token: '4111-1111-1111-1111' },
      { ...card, brand: 5555555555554444 },
    ]) {
      const result = await call('POST', `/v1/customers/${person.id}/cards`, { as: staffer, body });
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.body)).not.toMatch(/4111|5555/);
    }
    const note = await call('POST', `/v1/customers/${person.id}/notes`, { as: staffer, body: { body: 'card is 4242424242424242 exp 12/30' } });
    expect(note.status).toBe(400);
    expect(note.body.errors).toEqual([{ path: 'body', message: expect.stringMatching(/card number/) }]);
    const cards = await call('GET', `/v1/customers/${person.id}/cards`, { as: staffer });
    expect(cards.body.items).toEqual([]);
    // A 16-digit run that fails the Luhn check is not a card number.
    const fine = await call('POST', `/v1/customers/${person.id}/notes`, { as: staffer, body: { body: 'order ref 4111111111111112' } });
    expect(fine.status).toBe(201);
  });
});

describe('Additional emails and notes', () => {
  it('adds and removes additional emails, refusing duplicates', async () => {
    const person = await createPerson(admin);
    const base = `/v1/customers/${person.id}/emails`;
    const added = await call('POST', base, { as: staffer, body: { email: 'partner@example.com', label: 'Partner' } });
    expect(added.status).toBe(201);
    expect((await call('POST', base, { as: staffer, body: { email: 'PARTNER@example.com' } })).status).toBe(409);
    const profile = await call('GET', `/v1/customers/${person.id}`, { as: staffer });
    expect(profile.body.emails).toEqual([expect.objectContaining({ email: 'partner@example.com', label: 'Partner' })]);
    expect((await call('DELETE', `${base}/${added.body.id}`, { as: staffer })).status).toBe(204);
    expect((await call('GET', base, { as: staffer })).body.items).toEqual([]);
  });

  it('lets only the author or an admin delete a note, and shows notes on the timeline newest first', async () => {
    const person = await createPerson(admin);
    const base = `/v1/customers/${person.id}/notes`;
    const first = await call('POST', base, { as: staffer, body: { body: 'Prefers pickup' } });
    const second = await call('POST', base, { as: staffer, body: { body: 'Allergic to sulfites' } });
    expect(first.body.author).toEqual({ kind: 'staff', id: 'staff-2', name: 'Sam Staff' });
    const otherStaff = { tenantId, role: 'staff' as const, sub: 'staff-3' };
    expect((await call('DELETE', `${base}/${first.body.id}`, { as: otherStaff })).status).toBe(403);

    const timeline = await call('GET', `/v1/customers/${person.id}/timeline?limit=1`, { as: staffer });
    expect(timeline.body.items).toEqual([{ at: expect.any(String), type: 'note', summary: 'Allergic to sulfites', refId: second.body.id }]);
    const next = await call('GET', `/v1/customers/${person.id}/timeline?limit=1&cursor=${encodeURIComponent(timeline.body.nextCursor)}`, { as: staffer });
    expect(next.body.items[0].refId).toBe(first.body.id);

    expect((await call('DELETE', `${base}/${first.body.id}`, { as: admin })).status).toBe(204);
    const notes = await call('GET', base, { as: staffer });
    expect(notes.body.items.map((n: { body: string }) => n.body)).toEqual(['Allergic to sulfites']);
  });
});

describe('Customer classes', () => {
  it('creates, changes and deletes a class; refuses to delete one in use', async () => {
    const created = await call('POST', '/v1/customer-classes', { as: admin, body: { name: 'Employees', discountPercent: 30 } });
    expect(created.status).toBe(201);
    const person = await createPerson(admin, { customerClassId: created.body.id });
    expect((await call('DELETE', `/v1/customer-classes/${created.body.id}`, { as: admin })).status).toBe(409);
    const renamed = await call('PATCH', `/v1/customer-classes/${created.body.id}`, { as: admin, body: { discountPercent: 25 } });
    expect(renamed.body).toMatchObject({ name: 'Employees', discountPercent: 25, version: 2 });
    await call('PATCH', `/v1/customers/${person.id}`, { as: admin, body: { customerClassId: null } });
    expect((await call('DELETE', `/v1/customer-classes/${created.body.id}`, { as: admin })).status).toBe(204);
    const list = await call('GET', '/v1/customer-classes', { as: staffer });
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
  });

  it("refuses to change or delete a club's class here, and a class that does not exist", async () => {
    const clubClass = newCustomerClassItem(tenantId, { name: 'Club', discountPercent: 15, clubId: 'club-1' }, admin as never);
    await transactWrite([putNew('class', clubClass)]);
    expect((await call('PATCH', `/v1/customer-classes/${clubClass.id}`, { as: admin, body: { discountPercent: 1 } })).status).toBe(409);
    expect((await call('DELETE', `/v1/customer-classes/${clubClass.id}`, { as: admin })).status).toBe(409);
    const unknown = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ customerClassId: 'nope' }) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'customerClassId', message: expect.any(String) }]);
  });

  it('lets only admins manage classes', async () => {
    expect((await call('POST', '/v1/customer-classes', { as: staffer, body: { name: 'X', discountPercent: 1 } })).status).toBe(403);
  });
});

describe('Age verification', () => {
  let server: Server;
  let local: string;
  const answers: number[] = [];
  /** A public address, so the real address check passes; the network is stood in for below. */
  const endpoint = 'https://93.184.215.14/verify';
  const realPost = providerNetwork.post;
  const connectedTo: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const status = answers.shift() ?? 200;
        const person = JSON.parse(body) as { lastName: string };
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: person.lastName === 'Fails' ? 'failed' : 'verified' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Tests send nothing beyond 127.0.0.1: the checked call is answered by the local server.
    providerNetwork.post = async (target, body) => {
      connectedTo.push(target.address);
      const response = await fetch(`${local}${target.url.pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: response.status, text: await response.text() };
    };
    const settings = await call('GET', '/v1/settings', { as: admin });
    const put = await call('PUT', '/v1/settings', { as: admin, body: { ...settings.body, ageVerification: { minimumAge: 21, provider: 'http', endpoint } } });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    providerNetwork.post = realPost;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('verifies manually at once, with who and when', async () => {
    const person = await createPerson(admin, { birthDate: '1980-05-01' });
    const result = await call('POST', `/v1/customers/${person.id}/age-verification`, { as: staffer, body: { method: 'manual', note: 'ID checked' } });
    expect(result.status).toBe(200);
    expect(result.body.ageVerification).toEqual({
      status: 'verified', method: 'manual', verifiedAt: expect.any(String), verifiedBy: { kind: 'staff', id: 'staff-2', name: 'Sam Staff' },
      note: 'ID checked', checkedAt: result.body.ageVerification.verifiedAt,
    });
    expect(result.body.needsAgeVerification).toBe(false);
  });

  it('refuses someone under age or without a birth date with 409', async () => {
    const young = await createPerson(admin, { birthDate: `${new Date().getUTCFullYear() - 20}-01-01` });
    expect((await call('POST', `/v1/customers/${young.id}/age-verification`, { as: staffer, body: { method: 'manual', note: 'ID checked' } })).status).toBe(409);
    const unknown = await createPerson(admin);
    expect((await call('POST', `/v1/customers/${unknown.id}/age-verification`, { as: staffer, body: { method: 'manual', note: 'ID checked' } })).status).toBe(409);
  });

  it('asks the electronic provider, retrying a 503, and records its answer', async () => {
    const person = await createPerson(admin, { birthDate: '1970-01-01' });
    answers.push(503);
    const verified = await call('POST', `/v1/customers/${person.id}/age-verification`, { as: staffer, body: { method: 'electronic' } });
    expect(verified.body.ageVerification).toMatchObject({ status: 'verified', method: 'electronic' });
    const failing = await createPerson(admin, { birthDate: '1970-01-01' });
    await call('PATCH', `/v1/customers/${failing.id}`, { as: staffer, body: { lastName: 'Fails' } });
    const failed = await call('POST', `/v1/customers/${failing.id}/age-verification`, { as: staffer, body: { method: 'electronic' } });
    expect(failed.body.ageVerification).toMatchObject({ status: 'failed', verifiedAt: null });
    expect(failed.body.needsAgeVerification).toBe(true);
    expect(new Set(connectedTo)).toEqual(new Set(['93.184.215.14']));
  });

  it('says clearly when the provider is down, and changes nothing', async () => {
    const person = await createPerson(admin, { birthDate: '1970-01-01' });
    answers.push(500, 500, 500);
    const result = await call('POST', `/v1/customers/${person.id}/age-verification`, { as: staffer, body: { method: 'electronic' } });
    expect(result.status).toBe(502);
    expect(result.body.detail).toMatch(/provider/);
    const after = await call('GET', `/v1/customers/${person.id}`, { as: staffer });
    expect(after.body.ageVerification.status).toBe('unverified');
  });
});

describe('Change history', () => {
  it('records who changed the phone, old and new; a password change only as redacted; once per record', async () => {
    const person = await createPerson(admin, { phone: '707-555-0100' });
    await call('PATCH', `/v1/customers/${person.id}`, { as: staffer, body: { phone: '707-555-0200', permissions: { email: true } } });
    expect((await call('POST', `/v1/customers/${person.id}/password`, { as: staffer, body: { newPassword: 'correct horse battery' } })).status).toBe(204);
    const records = await tenantRecords(tenantId);
    expect((await deliver('change-history', tenantId, records)).batchItemFailures).toEqual([]);
    expect((await deliver('change-history', tenantId, records)).batchItemFailures).toEqual([]);

    const changes = await call('GET', `/v1/customers/${person.id}/changes`, { as: staffer });
    expect(changes.status).toBe(200);
    const text = JSON.stringify(changes.body);
    expect(text).not.toMatch(/scrypt|correct horse/);
    const [password, phone] = changes.body.items as Array<{ actor: unknown; action: string; fields: unknown[]; entity: string }>;
    expect(password).toMatchObject({ entity: 'customer', action: 'updated', actor: { kind: 'staff', id: 'staff-2', name: 'Sam Staff' }, fields: [{ field: 'password', redacted: true }] });
    expect(phone).toMatchObject({ action: 'updated', actor: { id: 'staff-2' }, fields: [
        { field: 'permissions', old: { email: false, sms: false, phone: false, mail: false }, new: { email: true, sms: false, phone: false, mail: false } },
        { field: 'phone', old: '707-555-0100', new: '707-555-0200' },
      ] });
    const created = changes.body.items.filter((c: { action: string; entity: string }) => c.action === 'created' && c.entity === 'customer');
    expect(created).toHaveLength(1);
    expect(changes.body.items.filter((c: { fields: Array<{ field: string }> }) => c.fields.some((f) => f.field === 'phone' && 'new' in f && (f as { new: string }).new === '707-555-0200'))).toHaveLength(1);
  });

  it('reports a bad record without blocking the rest of the batch', async () => {
    const person = await createPerson(admin);
    await call('PATCH', `/v1/customers/${person.id}`, { as: staffer, body: { partner: 'Grace' } });
    const records = (await tenantRecords(tenantId)).filter((r) => r.dynamodb?.Keys?.pk?.S?.includes(person.id));
    // A record of another item (address `x`) that cannot be read: only it fails.
    const keys = { pk: records[0]!.dynamodb!.Keys!.pk!, sk: { S: 'P#A#x' } };
    const broken = { ...records[0]!, eventName: 'MODIFY' as const, dynamodb: { ...records[0]!.dynamodb, Keys: keys, SequenceNumber: '1', NewImage: { tenantId: { S: tenantId }, type: { S: 'address' }, customerId: { S: person.id }, id: { S: 'x' }, updatedAt: { Q: 'no such attribute type' } } } };
    const result = await deliver('change-history', tenantId, [broken as never, ...records]);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '1' }]);
    const changes = await call('GET', `/v1/customers/${person.id}/changes`, { as: staffer });
    expect(changes.body.items.some((c: { fields: Array<{ field: string }> }) => c.fields.some((f) => f.field === 'partner'))).toBe(true);
  });
});

describe('Password by staff', () => {
  it('without a body, asks for a reset email instead of setting anything', async () => {
    const person = await createPerson(admin);
    const result = await call('POST', `/v1/customers/${person.id}/password`, { as: staffer });
    expect(result.status).toBe(204);
    const records = await tenantRecords(tenantId);
    const request = records.find((r) => r.dynamodb?.NewImage?.type?.S === 'password-reset-request' && r.dynamodb?.NewImage?.customerId?.S === person.id);
    expect(request).toBeDefined();
  });
});

describe('Another tenant', () => {
  it("cannot reach a person's address, card, note, email, changes, timeline or class", async () => {
    const person = await createPerson(admin);
    const card = await call('POST', `/v1/customers/${person.id}/cards`, { as: staffer, body: { processor: 's', token: 't', brand: 'visa', last4: '1111', expMonth: 1, expYear: future(3), cardholderName: 'A' } });
    const note = await call('POST', `/v1/customers/${person.id}/notes`, { as: staffer, body: { body: 'hi' } });
    const cls = await call('POST', '/v1/customer-classes', { as: admin, body: { name: 'Mine', discountPercent: 5 } });
    const base = `/v1/customers/${person.id}`;
    const attempts = await Promise.all([
      call('GET', `${base}/addresses`, { as: outsider }),
      call('PATCH', `${base}/addresses/${person.defaultBillingAddressId}`, { as: outsider, body: { line1: 'x' } }),
      call('PATCH', `${base}/cards/${card.body.id}`, { as: outsider, body: { expYear: future(4) } }),
      call('DELETE', `${base}/cards/${card.body.id}`, { as: outsider }),
      call('DELETE', `${base}/notes/${note.body.id}`, { as: outsider }),
      call('GET', `${base}/notes`, { as: outsider }),
      call('GET', `${base}/changes`, { as: outsider }),
      call('GET', `${base}/timeline`, { as: outsider }),
      call('POST', `${base}/emails`, { as: outsider, body: { email: 'x@example.com' } }),
      call('PATCH', `/v1/customer-classes/${cls.body.id}`, { as: outsider, body: { name: 'Theirs' } }),
      call('DELETE', `/v1/customer-classes/${cls.body.id}`, { as: outsider }),
    ]);
    expect(attempts.map((r) => r.status)).toEqual(Array(attempts.length).fill(404));
  });
});
