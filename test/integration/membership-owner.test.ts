import { describe, expect, it } from '@jest/globals';
import { call, newTenant, uniqueLetters } from '../support/invoke';
import { deliver } from '../support/streams';
import { clubsFactory } from '../support/factories/clubs';

/**
 * A membership's `ownerId` is a staff member of the winery: the caller, or one `GET /v1/staff`
 * lists. Attacked with another winery's staff id (a real staff member, of the wrong winery) and
 * a made-up one: a 400 naming `ownerId`, and nothing written.
 */
const tenantId = newTenant('owner');
const { staffer, club, person, join } = clubsFactory(tenantId);
const otherWinery = newTenant('owner-other');
const rival = { tenantId: otherWinery, role: 'staff' as const, sub: 'rival-staff-9', name: 'Rita Rival' };
const colleague = { tenantId, role: 'staff' as const, sub: 'staff-colleague', name: 'Cole League' };

/** Makes `caller` a staff member the directory lists, as the stream does after their first change. */
async function seenWorking(caller: typeof rival) {
  const created = await call('POST', '/v1/customers', { as: caller, body: { billingAddress: { firstName: 'Walk', lastName: 'In', email: `walk.${caller.sub}.${uniqueLetters()}@example.com` } } });
  expect(created.status).toBe(201);
  await deliver('change-history', caller.tenantId);
  const listed = await call('GET', '/v1/staff', { as: caller });
  expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(caller.sub);
}

describe('A membership’s owner', () => {
  it("refuses another winery's staff member and a made-up id as ownerId, on join and on change, and writes nothing", async () => {
    await seenWorking(rival);
    const gold = await club({ name: 'Gold' });
    const ada = await person();
    for (const ownerId of [rival.sub, 'someone-made-up']) {
      const joined = await call('POST', `/v1/customers/${ada.id}/memberships`, { as: staffer, body: { clubId: gold.id, shippingPreference: 'ship', ownerId } });
      expect(joined.status).toBe(400);
      expect(joined.body.errors).toEqual([{ path: 'ownerId', message: expect.any(String) }]);
    }
    expect((await call('GET', `/v1/customers/${ada.id}/memberships`, { as: staffer })).body.items).toEqual([]);

    const m = await join(ada.id, gold);
    const changed = await call('PATCH', `/v1/customers/${ada.id}/memberships/${m.id}`, { as: staffer, body: { ownerId: rival.sub } });
    expect(changed.status).toBe(400);
    expect(changed.body.errors).toEqual([{ path: 'ownerId', message: expect.any(String) }]);
    expect((await call('GET', `/v1/customers/${ada.id}/memberships`, { as: staffer })).body.items[0]).toMatchObject({ ownerId: staffer.sub, version: m.version });
  });

  it('takes the caller, a listed colleague, or no owner at all', async () => {
    await seenWorking(colleague);
    const silver = await club({ name: 'Silver' });
    const bob = await person();
    const joined = await call('POST', `/v1/customers/${bob.id}/memberships`, { as: staffer, body: { clubId: silver.id, shippingPreference: 'ship', ownerId: staffer.sub } });
    expect(joined.body.ownerId).toBe(staffer.sub);
    const path = `/v1/customers/${bob.id}/memberships/${joined.body.id}`;
    expect((await call('PATCH', path, { as: staffer, body: { ownerId: colleague.sub } })).body.ownerId).toBe(colleague.sub);
    expect((await call('PATCH', path, { as: staffer, body: { ownerId: null } })).body.ownerId).toBeNull();
  });
});
