import { describe, expect, it } from '@jest/globals';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { segmentKeys } from '../../shared/segments/keys';
import { backfillSegmentFacts } from '../../scripts/backfill-segment-facts';
import { call, newTenant } from '../support/invoke';
import { createPerson } from '../support/factories/people';
import { allSegments, createSegment, settleSegments } from '../support/factories/segments';
import { deliver } from '../support/streams';

/**
 * People written before segments have no facts item, so a new segment's background count does
 * not find them; `scripts/backfill-segment-facts.ts` weighs each of them once.
 */
describe('scripts/backfill-segment-facts.ts', () => {
  it('gives people written before segments their facts, so segments count them', async () => {
    const tenantId = newTenant('seg-backfill');
    const as = { tenantId, role: 'admin' as const };
    const people = [await createPerson(as), await createPerson(as)];
    await settleSegments(as);
    // As they were before segments: no facts item.
    for (const person of people) await dynamo.send(new DeleteCommand({ TableName: tableName, Key: segmentKeys.facts(tenantId, person.id) }));

    const noOrders = await createSegment(as, { name: 'No orders yet', rules: [{ field: 'orderCount', op: 'lte', value: 0 }] });
    // Only the count runs (the test's stream replays every record of the tenant, and the
    // membership consumer would weigh the people again from their old records).
    for (let step = 0; step < 12 && (await allSegments(as))[0]!.countedAt === null; step += 1) await deliver('segment-counting', tenantId);
    const countOf = async () => (await call('GET', `/v1/segments/${noOrders.id}`, { as })).body.count;
    expect(await countOf()).toBe(0);

    expect(await backfillSegmentFacts({ tenantId, segments: 2 })).toEqual({ people: 2 });
    expect(await countOf()).toBe(2);
    // Run again: nothing moves.
    await backfillSegmentFacts({ tenantId, segments: 2 });
    expect(await countOf()).toBe(2);
  });
});
