import { describe, expect, it } from '@jest/globals';
import { call, newTenant, uniqueLetters } from '../support/invoke';
import { newPersonBody } from '../support/factories/people';

describe('People: create, read, update', () => {
  const tenantId = newTenant();
  const admin = { tenantId, role: 'admin' as const };

  it('creates a person named by the billing address, with a customer number from 1000', async () => {
    const body = newPersonBody({ phone: '+1 707 555 0100', shippingAddress: { firstName: 'Ada', lastName: 'Lovelace', line1: '1 Vine St', country: 'us' } });
    const created = await call('POST', '/v1/customers', { as: admin, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: body.billingAddress.email,
      customerNumber: 1000,
      permissions: { email: false, sms: false, phone: false, mail: false },
      creditBalanceCents: 0,
      version: 1,
      isClubMember: false,
      needsAgeVerification: true,
    });
    expect(created.headers.etag).toBe('"1"');
    expect(JSON.stringify(created.body)).not.toMatch(/password|scrypt|hash/i);

    const profile = await call('GET', `/v1/customers/${created.body.id}`, { as: admin });
    expect(profile.status).toBe(200);
    expect(profile.body.addresses).toHaveLength(2);
    const shipping = profile.body.addresses.find((a: { kind: string }) => a.kind === 'shipping');
    expect(shipping).toMatchObject({ line1: '1 Vine St', country: 'US', isDefault: true });
    expect(profile.body.defaultShippingAddressId).toBe(shipping.id);
    expect(JSON.stringify(profile.body)).not.toMatch(/password|scrypt|hash/i);
  });

  it('gives 20 concurrent creates 20 distinct numbers', async () => {
    const tenant = newTenant();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call('POST', '/v1/customers', { as: { tenantId: tenant }, body: newPersonBody() })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = new Set(results.map((r) => r.body.customerNumber));
    expect(numbers.size).toBe(20);
  });

  it('lets exactly one of 8 concurrent creates with one email through', async () => {
    const tenant = newTenant();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call('POST', '/v1/customers', {
          as: { tenantId: tenant },
          body: newPersonBody({ billingAddress: { email: i % 2 ? 'Same@Example.com' : 'same@example.COM' } }),
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const conflict = results.find((r) => r.status === 409)!;
    expect(conflict.headers['content-type']).toBe('application/problem+json');
  });

  it('lets one email exist in two tenants', async () => {
    const email = 'shared@example.com';
    const a = await call('POST', '/v1/customers', { as: { tenantId: newTenant() }, body: newPersonBody({ billingAddress: { email } }) });
    const b = await call('POST', '/v1/customers', { as: { tenantId: newTenant() }, body: newPersonBody({ billingAddress: { email } }) });
    expect([a.status, b.status]).toEqual([201, 201]);
  });

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    const created = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    const id = created.body.id;
    const first = await call('PATCH', `/v1/customers/${id}`, { as: admin, body: { phone: '707-555-0101' }, headers: { 'if-match': '"1"' } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await call('PATCH', `/v1/customers/${id}`, { as: admin, body: { phone: '707-555-9999' }, headers: { 'if-match': '1' } });
    expect(stale.status).toBe(412);
    const now = await call('GET', `/v1/customers/${id}`, { as: admin });
    expect(now.body).toMatchObject({ phone: '707-555-0101', version: 2 });
  });

  it('moves the email guard when the email changes', async () => {
    const a = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    const b = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    const oldEmail = a.body.email;
    const moved = await call('PATCH', `/v1/customers/${a.body.id}`, { as: admin, body: { email: 'Moved.Here@example.com' } });
    expect(moved.status).toBe(200);
    // The old email is free again, the new one is taken.
    const taken = await call('PATCH', `/v1/customers/${b.body.id}`, { as: admin, body: { email: 'moved.here@EXAMPLE.com' } });
    expect(taken.status).toBe(409);
    const freed = await call('PATCH', `/v1/customers/${b.body.id}`, { as: admin, body: { email: oldEmail } });
    expect(freed.status).toBe(200);
  });

  it('answers 404 for another tenant’s person on every route', async () => {
    const created = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    const other = { tenantId: newTenant('other') };
    expect((await call('GET', `/v1/customers/${created.body.id}`, { as: other })).status).toBe(404);
    expect((await call('PATCH', `/v1/customers/${created.body.id}`, { as: other, body: { phone: '123456' } })).status).toBe(404);
  });

  it('does not let a viewer write', async () => {
    const result = await call('POST', '/v1/customers', { as: { tenantId, role: 'viewer' }, body: newPersonBody() });
    expect(result.status).toBe(403);
  });

  it('rejects unknown fields, naming each, and stores nothing', async () => {
    const result = await call('POST', '/v1/customers', {
      as: admin,
      body: { ...newPersonBody(), isAdmin: true, billingAddress: { firstName: '', lastName: 'X', email: 'nope', extra: 1 } },
    });
    expect(result.status).toBe(400);
    expect(result.headers['content-type']).toBe('application/problem+json');
    const paths = result.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['billingAddress.email', 'billingAddress.extra', 'billingAddress.firstName', 'isAdmin']);
  });

  it('rejects read-only fields in a PATCH', async () => {
    const created = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    const result = await call('PATCH', `/v1/customers/${created.body.id}`, { as: admin, body: { customerNumber: 1, creditBalanceCents: 100 } });
    expect(result.status).toBe(400);
    expect(result.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['creditBalanceCents', 'customerNumber']);
  });

  it('rejects malformed JSON and a body over 64 KiB with problem+json', async () => {
    const malformed = await call('POST', '/v1/customers', { as: admin, rawBody: '{"billingAddress":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toMatch(/malformed/);
    const big = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ partner: 'x'.repeat(70 * 1024) }) });
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toBe('application/problem+json');
  });

  it('answers 401 without credentials', async () => {
    const result = await call('GET', '/v1/customers', { as: null });
    expect(result.status).toBe(401);
  });

  it('replays a create retried with the same Idempotency-Key, and refuses the key with another body', async () => {
    const body = newPersonBody();
    const headers = { 'idempotency-key': `key-${uniqueLetters()}` };
    const first = await call('POST', '/v1/customers', { as: admin, body, headers });
    const retry = await call('POST', '/v1/customers', { as: admin, body, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const other = await call('POST', '/v1/customers', { as: admin, body: newPersonBody(), headers });
    expect(other.status).toBe(409);
  });
});

describe('Settings', () => {
  it('serves defaults, then enforces required fields and flags on create', async () => {
    const tenantId = newTenant();
    const admin = { tenantId, role: 'admin' as const };
    const defaults = await call('GET', '/v1/settings', { as: admin });
    expect(defaults.body).toMatchObject({ requiredFields: [], currency: 'USD', ageVerification: { minimumAge: 21 } });

    const saved = await call('PUT', '/v1/settings', {
      as: admin,
      body: { ...defaults.body, requiredFields: ['phone', 'billingAddress.line1'], flags: [{ key: 'vip', title: 'VIP' }] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);

    const missing = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ flags: ['vip', 'nope'] }) });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['billingAddress.line1', 'flags[1]', 'phone']);

    const ok = await call('POST', '/v1/customers', {
      as: admin,
      body: newPersonBody({ phone: '555-0100', flags: ['vip'], billingAddress: { line1: '1 Main' } }),
    });
    expect(ok.status).toBe(201);
  });

  it('lets only an admin change settings', async () => {
    const tenantId = newTenant();
    const defaults = await call('GET', '/v1/settings', { as: { tenantId, role: 'staff' } });
    const result = await call('PUT', '/v1/settings', { as: { tenantId, role: 'staff' }, body: defaults.body });
    expect(result.status).toBe(403);
  });

  it('refuses a stale If-Match on settings', async () => {
    const tenantId = newTenant();
    const admin = { tenantId, role: 'admin' as const };
    const defaults = await call('GET', '/v1/settings', { as: admin });
    await call('PUT', '/v1/settings', { as: admin, body: defaults.body });
    const stale = await call('PUT', '/v1/settings', { as: admin, body: defaults.body, headers: { 'if-match': '0' } });
    expect(stale.status).toBe(412);
  });
});
