import { describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';
import { deliver } from '../support/streams';
import { clubsFactory } from '../support/factories/clubs';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { clubStatsKeys, membershipKeys } from '../../shared/clubs/keys';
import { applyDueSteps } from '../../shared/clubs/membership-due';
import { addDays, isoDate } from '../../shared/clock';
import { recountClub } from '../../scripts/backfill-club-life';

/**
 * `GET /v1/clubs/{clubId}/stats`, kept by the `club-stats` consumer from the records DynamoDB
 * Local's stream really produced (delivered twice: each counts once).
 */
const tenantId = newTenant('club-stats');
const { staffer, admin, club, person, join } = clubsFactory(tenantId);
const act = (customerId: string, membershipId: string, action: string, body?: unknown) =>
  call('POST', `/v1/customers/${customerId}/memberships/${membershipId}/${action}`, { as: staffer, ...(body ? { body } : {}) });
const stats = (clubId: string, as = staffer) => call('GET', `/v1/clubs/${clubId}/stats`, { as });

describe('GET /v1/clubs/{clubId}/stats', () => {
  it('counts members by status, joins, cancellations and holds by reason, saves and the median tenure, once per change', async () => {
    const gold = await club({ name: 'Gold' });
    const silver = await club({ name: 'Silver' });
    const people = await Promise.all([person(), person(), person(), person()]);
    const [a, b, c, d] = await Promise.all(people.map((p) => join(p.id, gold)));
    await act(people[0]!.id, a!.id, 'pause', { until: '2093-01-01', reasonKey: 'travel', saveOffer: true });
    await act(people[1]!.id, b!.id, 'pause', { from: '2093-02-01', until: '2093-03-01', reasonKey: 'budget' });
    await act(people[2]!.id, c!.id, 'cancel', { reasonKey: 'price', note: 'Found cheaper' });
    await act(people[3]!.id, d!.id, 'switch', { clubId: silver.id });

    expect((await deliver('club-stats', tenantId)).batchItemFailures).toEqual([]);
    expect((await deliver('club-stats', tenantId)).batchItemFailures).toEqual([]);

    const got = await stats(gold.id);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      clubId: gold.id,
      active: 1,
      paused: 1,
      joinedLast30Days: 4,
      cancelledLast30Days: 1,
      cancelReasons: [{ key: 'price', title: 'Too expensive', count: 1 }],
      holdReasons: [
        { key: 'budget', title: 'Budget', count: 1 },
        { key: 'travel', title: 'Traveling', count: 1 },
      ],
      savedLast30Days: 1,
      medianTenureDays: 0,
    });
    expect((await stats(silver.id)).body).toMatchObject({ active: 1, paused: 0, joinedLast30Days: 0, cancelledLast30Days: 0, medianTenureDays: 0 });
  });

  it("counts the scheduled job's steps and a merge's moves, once", async () => {
    const amber = await club({ name: 'Amber' });
    const [ida, jo] = await Promise.all([person(), person()]);
    const joined = await join(ida.id, amber);
    await join(jo.id, amber);
    expect((await act(ida.id, joined.id, 'pause', { from: '2091-03-01', until: '2091-04-01' })).status).toBe(200);
    // The job's step on the pause's first day, for this membership alone (a whole run would reach other tests' memberships).
    const stored = (await dynamo.send(new GetCommand({ TableName: tableName, Key: membershipKeys.membership(tenantId, ida.id, joined.id), ConsistentRead: true }))).Item!;
    expect(await applyDueSteps(stored, '2091-03-01', '2091-03-01T00:10:00.000Z')).toBe('done');
    expect((await deliver('club-stats', tenantId)).batchItemFailures).toEqual([]);
    expect((await deliver('club-stats', tenantId)).batchItemFailures).toEqual([]);
    expect((await stats(amber.id)).body).toMatchObject({ active: 1, paused: 1, joinedLast30Days: 2 });

    // Jo alone in another club too; merged into Ida: one membership of Amber stays live, Jo's Onyx moves to Ida.
    const onyx = await club({ name: 'Onyx' });
    await join(jo.id, onyx);
    expect((await call('POST', `/v1/customers/${ida.id}/merge`, { as: staffer, body: { absorbedId: jo.id } })).status).toBe(200);
    expect((await deliver('club-stats', tenantId)).batchItemFailures).toEqual([]);
    expect((await deliver('club-stats', tenantId)).batchItemFailures).toEqual([]);
    const merged = (await stats(amber.id)).body;
    expect(merged.active + merged.paused).toBe(1);
    expect(merged).toMatchObject({ joinedLast30Days: 2, cancelledLast30Days: 0 });
    expect((await stats(onyx.id)).body).toMatchObject({ active: 1, paused: 0, joinedLast30Days: 1, cancelledLast30Days: 0 });
  });

  it('counts a join in one item (its day), and still counts what was kept the old way: totals, members by join day, joins on a day of the last 30', async () => {
    const rose = await club({ name: 'Rose' });
    await join((await person()).id, rose);
    expect((await deliver('club-stats', tenantId)).batchItemFailures).toEqual([]);
    const kept = await dynamo.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': clubStatsKeys.partition(tenantId, rose.id) } }));
    expect(kept.Items).toEqual([expect.objectContaining({ sk: `JOINED#${isoDate()}`, active: 1, joined: 1 })]);

    // Before: the members by status in `TOTALS`, a join day's live members as `members`, and a
    // join counted on its day's item too (`DAY#<date>`, kept 40 days).
    const old = (item: Record<string, unknown>) => dynamo.send(new PutCommand({ TableName: tableName, Item: { type: 'club-stats', ...item } }));
    await old({ ...clubStatsKeys.totals(tenantId, rose.id), active: 2, paused: 1 });
    await old({ ...clubStatsKeys.joined(tenantId, rose.id, '2020-06-01'), members: 3 });
    await old({ ...clubStatsKeys.day(tenantId, rose.id, addDays(isoDate(), -3)), joined: 2 });
    await old({ ...clubStatsKeys.day(tenantId, rose.id, addDays(isoDate(), -35)), joined: 2 });
    const body = (await stats(rose.id)).body;
    expect(body).toMatchObject({ active: 3, paused: 1, joinedLast30Days: 3 });
    // The median member (4: 3 who joined in 2020, 1 today) joined in 2020.
    expect(body.medianTenureDays).toBeGreaterThan(365);
  });

  it('is recounted by the backfill from the live memberships, keeping the joins of each day (scripts/backfill-club-life.ts)', async () => {
    const jade = await club({ name: 'Jade' });
    const people = await Promise.all([person(), person()]);
    const [first] = await Promise.all(people.map((p) => join(p.id, jade)));
    await act(people[0]!.id, first!.id, 'pause', { until: '2093-01-01' });
    expect((await deliver('club-stats', tenantId)).batchItemFailures).toEqual([]);
    // Counts kept the old way and gone wrong (memberships from before the stats, say).
    await dynamo.send(new PutCommand({ TableName: tableName, Item: { ...clubStatsKeys.totals(tenantId, jade.id), type: 'club-stats', active: 5, paused: 2 } }));
    await dynamo.send(new PutCommand({ TableName: tableName, Item: { ...clubStatsKeys.joined(tenantId, jade.id, '2021-03-04'), type: 'club-stats', members: 4 } }));
    expect((await stats(jade.id)).body).toMatchObject({ active: 6, paused: 3 });

    await recountClub(tenantId, jade.id);
    expect((await stats(jade.id)).body).toMatchObject({ active: 1, paused: 1, joinedLast30Days: 2, medianTenureDays: 0 });
  });

  it("shows a reason by the winery's current title", async () => {
    const bronze = await club({ name: 'Bronze' });
    const p = await person();
    const m = await join(p.id, bronze);
    await act(p.id, m.id, 'cancel', { reason: 'Moving to the moon' });
    const settings = (await call('GET', '/v1/settings', { as: admin })).body;
    const renamed = { ...settings, clubReasons: { ...settings.clubReasons, cancel: [...settings.clubReasons.cancel.filter((r: { key: string }) => r.key !== 'other'), { key: 'other', title: 'Something else' }] } };
    expect((await call('PUT', '/v1/settings', { as: admin, body: renamed })).status).toBe(200);
    await deliver('club-stats', tenantId);
    expect((await stats(bronze.id)).body.cancelReasons).toEqual([{ key: 'other', title: 'Something else', count: 1 }]);
  });

  it("is a 404 for another winery's club and for no club at all; a club nobody joined has zeros", async () => {
    const quiet = await club({ name: 'Quiet' });
    expect((await stats(quiet.id)).body).toMatchObject({ active: 0, paused: 0, joinedLast30Days: 0, cancelReasons: [], medianTenureDays: null });
    expect((await stats(quiet.id, { tenantId: newTenant('other'), role: 'admin' })).status).toBe(404);
    expect((await stats('NOSUCHCLUB')).status).toBe(404);
  });
});
