import { describe, expect, it, jest } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { segmentKeys } from '../../shared/segments/keys';
import type { CountJobItem } from '../../shared/segments/count-jobs';
import { runCountStep } from '../../shared/segments/segment-counting';
import { factsOf, segmentHolds } from '../../shared/segments/segment-rules';
import type { Segment } from '../../shared/segments/segment-schemas';
import type { CustomerItem } from '../../shared/people/customer-items';
import { call, newTenant } from '../support/invoke';
import { changeSettings } from '../support/factories/commerce';
import { createPerson } from '../support/factories/people';
import { allSegments, createSegment, settleSegments } from '../support/factories/segments';
import { deliver } from '../support/streams';

/**
 * Counts are kept, never recounted on read: after people change at the same time as the
 * background count runs, as the consumer applies the same records twice at once, and as a
 * segment's rules change midway, every count equals a recount of the people as they are, and
 * every segment lists exactly those people.
 */
const tenantId = newTenant('seg-race');
const as = { tenantId, role: 'admin' as const };

/** Steps of each running count job, a few people a page, until none is left: interleaved with whatever runs beside. */
async function runCountJobsInSmallSteps(segmentIds: string[]): Promise<void> {
  for (let rounds = 0; rounds < 500; rounds += 1) {
    const jobs = (
      await Promise.all(
        segmentIds.map(async (id) => (await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.countJob(tenantId, id), ConsistentRead: true }))).Item),
      )
    ).filter(Boolean) as CountJobItem[];
    if (jobs.length === 0) return;
    await Promise.all(jobs.map((job) => runCountStep({ eventId: `step-${job.step}`, eventName: 'MODIFY', oldItem: undefined, newItem: job as never }, { pageSize: 3, budgetMs: 0 })));
  }
  throw new Error('count jobs did not finish');
}

/** Who each segment should hold, from each person's profile page read now. */
async function recount(segments: Segment[], ids: string[]): Promise<Map<string, string[]>> {
  const now = new Date();
  const holds = new Map(segments.map((segment) => [segment.id, [] as string[]]));
  for (const id of ids) {
    const profile = (await call('GET', `/v1/customers/${id}`, { as })).body;
    const billing = profile.addresses.find((address: { id: string }) => address.id === profile.defaultBillingAddressId);
    const facts = factsOf({ ...profile, clubIds: profile.memberships.filter((m: { status: string }) => m.status !== 'cancelled').map((m: { clubId: string }) => m.clubId) } as CustomerItem, billing);
    for (const segment of segments) if (segmentHolds(segment, facts, now)) holds.get(segment.id)!.push(id);
  }
  return holds;
}

async function listed(segmentId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = (await call('GET', `/v1/customers?segmentId=${segmentId}&sort=number&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as })).body;
    ids.push(...page.items.map((item: { id: string }) => item.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('Segments under concurrent changes', () => {
  it('keeps every count equal to a recount', async () => {
    await changeSettings(as, (settings) => ({ ...settings, flags: [{ key: 'vip', title: 'VIP' }, { key: 'trade', title: 'Trade' }] }));
    const people = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        createPerson(as, {
          flags: i % 2 === 0 ? ['vip'] : [],
          permissions: { email: i % 3 === 0 },
          billingAddress: { lastName: `Person${String(i).padStart(2, '0')}`, region: i % 4 === 0 ? 'CA' : 'WA', country: 'US' },
        }),
      ),
    );
    const ids = people.map((person) => person.id);
    await settleSegments(as);
    const vip = await createSegment(as, { name: 'VIP', rules: [{ field: 'flag', op: 'has', value: 'vip' }] });
    const mailable = await createSegment(as, { name: 'Mailable', rules: [{ field: 'permissions.email', op: 'is', value: true }] });
    const both = await createSegment(as, { name: 'VIP in CA', rules: [{ field: 'flag', op: 'has', value: 'vip' }, { field: 'region', op: 'in', value: ['CA'] }] });
    // The membership consumer has seen everyone; the three new segments are still to count.
    await deliver('segment-membership', tenantId);

    const flip = (i: number) => ({ flags: i % 2 === 0 ? ['trade'] : ['vip', 'trade'], permissions: { email: i % 3 !== 0 } });
    await Promise.all([
      runCountJobsInSmallSteps([vip.id, mailable.id, both.id]),
      // Every person changed twice, both at once.
      ...ids.flatMap((id, i) => [
        call('PATCH', `/v1/customers/${id}`, { as, body: flip(i) }),
        call('PATCH', `/v1/customers/${id}`, { as, body: { permissions: { sms: true } } }),
      ]),
      // A segment's rules change while it is being counted: a new generation.
      call('PATCH', `/v1/segments/${both.id}`, { as, body: { match: 'any' } }),
      // The consumer takes the records of the moment, twice at once (a redelivery racing the first).
      deliver('segment-membership', tenantId),
      deliver('segment-membership', tenantId),
    ]);
    await Promise.all([deliver('segment-membership', tenantId), deliver('segment-membership', tenantId), runCountJobsInSmallSteps([vip.id, mailable.id, both.id])]);
    await settleSegments(as);

    const segments = (await allSegments(as)) as Segment[];
    const expected = await recount(segments, ids);
    for (const segment of segments) {
      const should = expected.get(segment.id)!;
      expect({ segment: segment.name, count: segment.count }).toEqual({ segment: segment.name, count: should.length });
      expect((await listed(segment.id)).sort()).toEqual([...should].sort());
    }
    // The changes did move people: the recount is not the start again.
    expect(expected.get(vip.id)!.length).toBe(15);
    expect(segments.find((segment) => segment.id === both.id)).toMatchObject({ match: 'any' });
  });

  it('weighs again, after reading everyone, a person who changed between the count reading their facts and writing its decision', async () => {
    const tenant = newTenant('seg-stale');
    const staff = { tenantId: tenant, role: 'admin' as const };
    await changeSettings(staff, (settings) => ({ ...settings, flags: [{ key: 'vip', title: 'VIP' }] }));
    const ada = await createPerson(staff, { flags: ['vip'], billingAddress: { lastName: 'Stale' } });
    await deliver('segment-membership', tenant);
    const vip = await createSegment(staff, { name: 'VIP', rules: [{ field: 'flag', op: 'has', value: 'vip' }] });

    // The count reads Ada's facts (a VIP); before it writes, she loses the flag and the consumer
    // weighs her (in no segment: nothing to write for this one). The count then writes what it read.
    const send = dynamo.send.bind(dynamo);
    let raced = false;
    const spy = jest.spyOn(dynamo, 'send').mockImplementation((async (command: { input?: { ExpressionAttributeValues?: Record<string, unknown> } }) => {
      const result = await send(command as never);
      const shard = String(command.input?.ExpressionAttributeValues?.[':shard'] ?? '');
      if (!raced && shard.includes('#SEGMENT-FACTS#') && ((result as { Items?: unknown[] }).Items ?? []).length > 0) {
        raced = true;
        spy.mockRestore();
        expect((await call('PATCH', `/v1/customers/${ada.id}`, { as: staff, body: { flags: [] } })).status).toBe(200);
        await deliver('segment-membership', tenant);
      }
      return result;
    }) as never);
    try {
      const job = (await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.countJob(tenant, vip.id), ConsistentRead: true }))).Item as CountJobItem;
      await runCountStep({ eventId: 'first-step', eventName: 'INSERT', oldItem: undefined, newItem: job as never });
    } finally {
      spy.mockRestore();
    }
    expect(raced).toBe(true);
    // Only the count's own steps from here (the consumer saw Ada's change already, and is not run again).
    for (let step = 0; step < 20; step += 1) {
      const job = (await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.countJob(tenant, vip.id), ConsistentRead: true }))).Item as CountJobItem | undefined;
      if (!job) break;
      await runCountStep({ eventId: `step-${job.step}`, eventName: 'MODIFY', oldItem: undefined, newItem: job as never });
    }
    expect((await call('GET', `/v1/segments/${vip.id}`, { as: staff })).body).toMatchObject({ count: 0, countedAt: expect.any(String) });
    expect((await call('GET', `/v1/customers?segmentId=${vip.id}`, { as: staff })).body.items).toEqual([]);
  });
});
