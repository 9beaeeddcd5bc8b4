import { describe, expect, it } from '@jest/globals';
import { call, eventually, newTenant } from '../support/invoke';
import { consumerRecords } from '../support/streams';
import { clubsFactory } from '../support/factories/clubs';

const tenantId = newTenant('club-pause');
const { staffer, club, person, join } = clubsFactory(tenantId);

const pause = (customerId: string, membershipId: string, until: string) =>
  call('POST', `/v1/customers/${customerId}/memberships/${membershipId}/pause`, { as: staffer, body: { until } });
const membershipsOf = async (customerId: string) => (await call('GET', `/v1/customers/${customerId}/memberships`, { as: staffer })).body.items;

describe('POST …/memberships/{membershipId}/pause', () => {
  it('refuses a pause date in the past or today as a 400 naming until, and changes nothing', async () => {
    const gold = await club({ name: 'Gold' });
    const ada = await person();
    const m = await join(ada.id, gold);
    const today = new Date().toISOString().slice(0, 10);
    for (const until of ['2000-01-01', today]) {
      const refused = await pause(ada.id, m.id, until);
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toBe('application/problem+json');
      expect(refused.body.errors).toEqual([{ path: 'until', message: expect.any(String) }]);
    }
    expect(await membershipsOf(ada.id)).toEqual([expect.objectContaining({ status: 'active', pausedUntil: null, version: m.version })]);
  });

  it('moves the date of a paused membership, a change the notifications consumer sees (old and new pausedUntil)', async () => {
    const silver = await club({ name: 'Silver' });
    const bob = await person();
    const m = await join(bob.id, silver);
    expect((await pause(bob.id, m.id, '2099-01-01')).body).toMatchObject({ status: 'paused', pausedUntil: '2099-01-01' });
    const moved = await pause(bob.id, m.id, '2099-02-01');
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'paused', pausedUntil: '2099-02-01' });
    const record = await eventually(async () =>
      (await consumerRecords('notifications', tenantId)).find(
        (r) => r.eventName === 'MODIFY' && r.dynamodb?.OldImage?.pausedUntil?.S === '2099-01-01' && r.dynamodb?.NewImage?.pausedUntil?.S === '2099-02-01',
      ),
    );
    expect(record.dynamodb?.OldImage?.status?.S).toBe('paused');
    expect(record.dynamodb?.NewImage?.status?.S).toBe('paused');
  });
});
