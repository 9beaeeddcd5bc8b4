import { describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';
import { newPersonBody } from '../support/factories/people';

/** Members keep their own addresses in the portal: `POST/PATCH/DELETE /portal/me/addresses`. */
const tenantId = newTenant('portal-addr');
const staffer = { tenantId, role: 'staff' as const };
const bearer = (token: string) => ({ as: null, headers: { authorization: `Bearer ${token}` } });
const home = { line1: '12 Analytical Way', city: 'Napa', region: 'CA', postalCode: '94558', country: 'US' };

async function signedInMember() {
  const password = 'a long secret 1';
  const person = (await call('POST', '/v1/customers', { as: staffer, body: newPersonBody({ billingAddress: home }) })).body as { id: string; email: string };
  expect((await call('POST', `/v1/customers/${person.id}/password`, { as: staffer, body: { newPassword: password } })).status).toBe(204);
  const login = await call('POST', `/portal/${tenantId}/login`, { as: null, body: { email: person.email, password } });
  return { ...person, auth: bearer(login.body.token as string) };
}

const addressesOf = async (customerId: string) =>
  (await call('GET', `/v1/customers/${customerId}/addresses`, { as: staffer })).body.items as Array<{ id: string; kind: string; isDefault: boolean; line1: string | null }>;

describe('Portal: a member’s own addresses', () => {
  it('adds a shipping address (201, the first of its kind becomes the default), changes and removes one', async () => {
    const ada = await signedInMember();
    const created = await call('POST', '/portal/me/addresses', { ...ada.auth, body: { kind: 'shipping', firstName: 'Ada', ...home, line1: '1 Vineyard Rd' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'shipping', line1: '1 Vineyard Rd', isDefault: true, version: 1 });

    const second = await call('POST', '/portal/me/addresses', { ...ada.auth, body: { kind: 'shipping', line1: '2 Cellar Ln', city: 'Sonoma', country: 'US' } });
    expect(second.body).toMatchObject({ isDefault: false });
    const changed = await call('PATCH', `/portal/me/addresses/${second.body.id}`, { ...ada.auth, headers: { ...ada.auth.headers, 'if-match': '1' }, body: { line2: 'Gate B', isDefault: true } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ line2: 'Gate B', isDefault: true, version: 2 });
    expect(changed.headers.etag).toBe('"2"');

    const profile = await call('GET', '/portal/me', ada.auth);
    expect(profile.body.defaultShippingAddressId).toBe(second.body.id);
    expect((await call('DELETE', `/portal/me/addresses/${created.body.id}`, ada.auth)).status).toBe(204);
    expect((await addressesOf(ada.id)).map((a) => a.line1).sort()).toEqual(['12 Analytical Way', '2 Cellar Ln']);
  });

  it('honours If-Match: a stale version is a 412 and changes nothing', async () => {
    const ada = await signedInMember();
    const [billing] = await addressesOf(ada.id);
    expect((await call('PATCH', `/portal/me/addresses/${billing!.id}`, { ...ada.auth, body: { city: 'Yountville' } })).status).toBe(200);
    const stale = await call('PATCH', `/portal/me/addresses/${billing!.id}`, { ...ada.auth, headers: { ...ada.auth.headers, 'if-match': '1' }, body: { city: 'St. Helena' } });
    expect(stale.status).toBe(412);
    expect((await addressesOf(ada.id))[0]).toMatchObject({ city: 'Yountville' });
  });

  it('refuses to remove a default address (409), as for staff', async () => {
    const ada = await signedInMember();
    const [billing] = await addressesOf(ada.id);
    const refused = await call('DELETE', `/portal/me/addresses/${billing!.id}`, ada.auth);
    expect(refused.status).toBe(409);
    expect(await addressesOf(ada.id)).toHaveLength(1);
  });

  it('names every bad field (400) and stores nothing', async () => {
    const ada = await signedInMember();
    const bad = await call('POST', '/portal/me/addresses', { ...ada.auth, body: { kind: 'holiday', country: 'USA', creditBalanceCents: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['country', 'creditBalanceCents', 'kind']);
    expect(await addressesOf(ada.id)).toHaveLength(1);
  });

  it('reaches only the member’s own addresses: another member’s address id is a 404 and stays as it was', async () => {
    const ada = await signedInMember();
    const grace = await signedInMember();
    const graces = await call('POST', '/portal/me/addresses', { ...grace.auth, body: { kind: 'shipping', line1: 'Grace’s place', city: 'Arlington', country: 'US' } });
    const [graceBilling] = await addressesOf(grace.id);

    expect((await call('PATCH', `/portal/me/addresses/${graces.body.id}`, { ...ada.auth, body: { line1: 'Mine now' } })).status).toBe(404);
    expect((await call('PATCH', `/portal/me/addresses/${graceBilling!.id}`, { ...ada.auth, body: { isDefault: true } })).status).toBe(404);
    expect((await call('DELETE', `/portal/me/addresses/${graces.body.id}`, ada.auth)).status).toBe(404);
    expect((await addressesOf(grace.id)).map((a) => a.line1).sort()).toEqual(['12 Analytical Way', 'Grace’s place']);
    expect(await addressesOf(ada.id)).toHaveLength(1);
  });

  it('needs a portal token: none, or a staff token, is a 401', async () => {
    expect((await call('POST', '/portal/me/addresses', { as: null, body: { kind: 'billing' } })).status).toBe(401);
    expect((await call('POST', '/portal/me/addresses', { as: staffer, body: { kind: 'billing' } })).status).toBe(401);
  });
});
