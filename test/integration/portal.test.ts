import { describe, expect, it } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { customerKeys } from '../../shared/people/keys';
import { issuePasswordToken } from '../../shared/portal/password-tokens';
import { call, newTenant } from '../support/invoke';
import { deliver, tenantRecords } from '../support/streams';
import { newPersonBody } from '../support/factories/people';

const tenantId = newTenant('portal');
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-7', name: 'Pat Staff' };
const bearer = (token: string) => ({ as: null, headers: { authorization: `Bearer ${token}` } });

async function personWithPassword(password = 'a long secret 1') {
  const person = (await call('POST', '/v1/customers', { as: staffer, body: newPersonBody() })).body as { id: string; email: string };
  expect((await call('POST', `/v1/customers/${person.id}/password`, { as: staffer, body: { newPassword: password } })).status).toBe(204);
  return { ...person, password };
}

const login = (email: string, password: string, tenant = tenantId) =>
  call('POST', `/portal/${tenant}/login`, { as: null, body: { email, password } });

describe('Portal login', () => {
  it('refuses every password for a new person, who has none until they set one', async () => {
    const person = (await call('POST', '/v1/customers', { as: staffer, body: newPersonBody() })).body as { id: string; email: string };
    const stored = await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, person.id), ConsistentRead: true }));
    expect(stored.Item).toBeDefined();
    expect(stored.Item!.passwordHash).toBeUndefined();
    expect((await login(person.email, '')).status).toBe(400);
    expect((await login(person.email, 'undefined')).status).toBe(401);
    expect((await login(person.email, 'null')).status).toBe(401);
  });

  it('logs in with email and password, any case, and the token reaches only that person', async () => {
    const ada = await personWithPassword();
    const other = await personWithPassword();
    const result = await login(ada.email.toUpperCase(), ada.password);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    const me = await call('GET', '/portal/me', bearer(result.body.token));
    expect(me.body).toMatchObject({ id: ada.id, email: ada.email });
    expect(JSON.stringify(me.body)).not.toContain(other.id);
    expect(JSON.stringify(me.body)).not.toMatch(/scrypt|password/i);
  });

  it('answers 401 without saying which part was wrong', async () => {
    const ada = await personWithPassword();
    const wrongPassword = await login(ada.email, 'not it at all');
    const unknownEmail = await login('nobody@example.com', ada.password);
    const otherTenant = await login(ada.email, ada.password, newTenant());
    expect([wrongPassword.status, unknownEmail.status, otherTenant.status]).toEqual([401, 401, 401]);
    expect(wrongPassword.body.detail).toBe(unknownEmail.body.detail);
  });

  it('locks an email out after 5 failures within 15 minutes, even with the right password', async () => {
    const ada = await personWithPassword();
    for (let i = 0; i < 5; i += 1) expect((await login(ada.email, `wrong ${i}`)).status).toBe(401);
    expect((await login(ada.email, ada.password)).status).toBe(429);
    const someoneElse = await personWithPassword();
    expect((await login(someoneElse.email, someoneElse.password)).status).toBe(200);
  });
});

describe('Portal tokens', () => {
  it('are never accepted on /v1, and staff tokens never on /portal/me', async () => {
    const ada = await personWithPassword();
    const { token } = (await login(ada.email, ada.password)).body;
    expect((await call('GET', `/v1/customers/${ada.id}`, bearer(token))).status).toBe(401);
    expect((await call('GET', '/portal/me', { as: null })).status).toBe(401);
    expect((await call('GET', '/portal/me', bearer('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'))).status).toBe(401);
    expect((await call('GET', '/portal/me', { as: staffer })).status).toBe(401);
  });

  it('let a person change their phone and permissions, but nothing else', async () => {
    const ada = await personWithPassword();
    const { token } = (await login(ada.email, ada.password)).body;
    const changed = await call('PATCH', '/portal/me', { ...bearer(token), body: { phone: '707-555-0000', permissions: { email: true } } });
    expect(changed.body).toMatchObject({ phone: '707-555-0000', permissions: { email: true, sms: false } });
    const sneaky = await call('PATCH', '/portal/me', { ...bearer(token), body: { creditBalanceCents: 100000, email: 'x@example.com' } });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['creditBalanceCents', 'email']);
  });

  it('show the person their memberships and certificates only', async () => {
    const ada = await personWithPassword();
    await call('POST', `/v1/customers/${ada.id}/certificates`, { as: staffer, body: { title: 'Tour' } });
    const { token } = (await login(ada.email, ada.password)).body;
    const certificates = await call('GET', '/portal/me/certificates', bearer(token));
    expect(certificates.body.items.map((c: { title: string }) => c.title)).toEqual(['Tour']);
    const memberships = await call('GET', '/portal/me/memberships', bearer(token));
    expect(memberships.body).toEqual({ items: [], nextCursor: null });
  });

  it('show the person their own orders, and the cellar only when the winery uses it', async () => {
    const ada = await personWithPassword();
    const other = await personWithPassword();
    const line = { sku: 'PINOT-21', name: 'Pinot Noir 2021', quantity: 2, unitPriceCents: 3200 };
    for (const customerId of [ada.id, other.id]) {
      // Orders need a verified adult (`settings.ageVerification.requiredForOrders`, on by default).
      expect((await call('PATCH', `/v1/customers/${customerId}`, { as: staffer, body: { birthDate: '1980-05-01' } })).status).toBe(200);
      expect((await call('POST', `/v1/customers/${customerId}/age-verification`, { as: staffer, body: { method: 'manual', note: 'ID checked' } })).status).toBe(200);
      expect((await call('POST', '/v1/orders', { as: staffer, body: { customerId, lines: [line], fulfillment: 'pickup' } })).status).toBe(201);
    }
    const { token } = (await login(ada.email, ada.password)).body;
    const orders = await call('GET', '/portal/me/orders', bearer(token));
    expect(orders.body.items).toHaveLength(1);
    expect(orders.body.items[0]).toMatchObject({ customerId: ada.id, totalCents: 6400 });
    const cellar = await call('GET', '/portal/me/cellar', bearer(token));
    expect(cellar.status).toBe(403);
    expect(cellar.body.type).toMatch(/feature-disabled$/);
  });
});

describe('Portal passwords', () => {
  it('accepts a reset request for any email with 202, and a reset token only once', async () => {
    const ada = await personWithPassword();
    expect((await call('POST', `/portal/${tenantId}/password-reset`, { as: null, body: { email: 'ghost@example.com' } })).status).toBe(202);
    expect((await call('POST', `/portal/${tenantId}/password-reset`, { as: null, body: { email: ada.email } })).status).toBe(202);
    const token = await issuePasswordToken(tenantId, ada.id, 'reset');
    const confirm = () => call('POST', `/portal/${tenantId}/password-reset/confirm`, { as: null, body: { token, newPassword: 'a brand new secret' } });
    expect((await confirm()).status).toBe(204);
    const again = await confirm();
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([{ path: 'token', message: expect.stringMatching(/already been used/) }]);
    expect((await login(ada.email, 'a brand new secret')).status).toBe(200);
    expect((await login(ada.email, ada.password)).status).toBe(401);
  });

  it('changes one’s own password only with the current one', async () => {
    const ada = await personWithPassword();
    const { token } = (await login(ada.email, ada.password)).body;
    const wrong = await call('POST', '/portal/me/password', { ...bearer(token), body: { currentPassword: 'nope', newPassword: 'another long one' } });
    expect(wrong.status).toBe(400);
    expect((await call('POST', '/portal/me/password', { ...bearer(token), body: { currentPassword: ada.password, newPassword: 'another long one' } })).status).toBe(204);
    expect((await login(ada.email, 'another long one')).status).toBe(200);
  });
});

describe('Staff portal session', () => {
  it('issues a token of at most 15 minutes for that person, recorded in the change history', async () => {
    const ada = await personWithPassword();
    const session = await call('POST', `/v1/customers/${ada.id}/portal-session`, { as: staffer });
    expect(session.status).toBe(201);
    expect(Date.parse(session.body.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    expect((await call('GET', '/portal/me', bearer(session.body.token))).body.id).toBe(ada.id);
    await deliver('change-history', tenantId, await tenantRecords(tenantId));
    const changes = await call('GET', `/v1/customers/${ada.id}/changes`, { as: staffer });
    expect(changes.body.items).toContainEqual(
      expect.objectContaining({ entity: 'portal-session', action: 'created', actor: { kind: 'staff', id: 'staff-7', name: 'Pat Staff' } }),
    );
    expect((await call('POST', `/v1/customers/${ada.id}/portal-session`, { as: { tenantId: newTenant(), role: 'admin' } })).status).toBe(404);
    expect((await call('POST', `/v1/customers/${ada.id}/portal-session`, { as: { tenantId, role: 'viewer' } })).status).toBe(403);
  });
});
