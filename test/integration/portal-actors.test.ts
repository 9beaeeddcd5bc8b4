import { describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { issuePasswordToken } from '../../shared/portal/password-tokens';
import { call, newTenant } from '../support/invoke';
import { deliver, tenantRecords } from '../support/streams';
import { newPersonBody } from '../support/factories/people';

/**
 * Who the change history names for what happens in the portal: the member by name for their own
 * changes, the staff member for changes made through a staff "Login" session.
 */
const tenantId = newTenant('portal-actor');
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-7', name: 'Pat Staff' };
const bearer = (token: string) => ({ as: null, headers: { authorization: `Bearer ${token}` } });

async function member(firstName: string, lastName: string) {
  const person = (await call('POST', '/v1/customers', { as: staffer, body: newPersonBody({ billingAddress: { firstName, lastName } }) })).body as { id: string; email: string };
  expect((await call('POST', `/v1/customers/${person.id}/password`, { as: staffer, body: { newPassword: 'a long secret 1' } })).status).toBe(204);
  return person;
}

async function changes(customerId: string) {
  await deliver('change-history', tenantId, await tenantRecords(tenantId));
  return (await call('GET', `/v1/customers/${customerId}/changes?limit=100`, { as: staffer })).body.items as Array<{
    entity: string;
    action: string;
    actor: { kind: string; id: string; name: string | null };
    fields: Array<{ field: string; new?: unknown; redacted?: boolean }>;
  }>;
}
const changing = (field: string) => (change: { fields: Array<{ field: string }> }) => change.fields.some((f) => f.field === field);

describe('Staff "Login" sessions', () => {
  it('carry the staff member as an RFC 8693 actor claim', async () => {
    const ada = await member('Ada', 'Lovelace');
    const session = await call('POST', `/v1/customers/${ada.id}/portal-session`, { as: staffer });
    expect(decodeJwt(session.body.token)).toMatchObject({ sub: ada.id, via: 'staff', act: { sub: 'staff-7', name: 'Pat Staff' } });
  });

  it('record every change made through them as the staff member’s, not the member’s', async () => {
    const ada = await member('Ada', 'Lovelace');
    const { token } = (await call('POST', `/v1/customers/${ada.id}/portal-session`, { as: staffer })).body;
    expect((await call('PATCH', '/portal/me', { ...bearer(token), body: { phone: '707-555-0142' } })).status).toBe(200);
    const added = await call('POST', '/portal/me/addresses', { ...bearer(token), body: { kind: 'shipping', line1: '1 Vineyard Rd', country: 'US' } });
    expect(added.status).toBe(201);

    const history = await changes(ada.id);
    const staffMember = { kind: 'staff', id: 'staff-7', name: 'Pat Staff' };
    expect(history.find(changing('phone'))?.actor).toEqual(staffMember);
    expect(history.find((c) => c.entity === 'address' && c.action === 'created' && changing('line1')(c))?.actor).toEqual(staffMember);
  });
});

describe('A member’s own changes', () => {
  it('are recorded as the member, by name', async () => {
    const grace = await member('Grace', 'Hopper');
    const login = await call('POST', `/portal/${tenantId}/login`, { as: null, body: { email: grace.email, password: 'a long secret 1' } });
    expect((await call('PATCH', '/portal/me', { ...bearer(login.body.token), body: { permissions: { email: true } } })).status).toBe(200);

    const history = await changes(grace.id);
    expect(history.find(changing('permissions'))?.actor).toEqual({ kind: 'customer', id: grace.id, name: 'Grace Hopper' });
  });

  it('include a password reset confirmed with the emailed link', async () => {
    const katherine = await member('Katherine', 'Johnson');
    const token = await issuePasswordToken(tenantId, katherine.id, 'reset');
    const confirmed = await call('POST', `/portal/${tenantId}/password-reset/confirm`, { as: null, body: { token, newPassword: 'a brand new secret' } });
    expect(confirmed.status).toBe(204);

    const history = await changes(katherine.id);
    const passwordChanges = history.filter(changing('password'));
    // The staff member set the first password; the member set the second.
    expect(passwordChanges.map((c) => c.actor)).toContainEqual({ kind: 'customer', id: katherine.id, name: 'Katherine Johnson' });
    expect(passwordChanges.every((c) => c.actor.name !== null)).toBe(true);
  });
});
