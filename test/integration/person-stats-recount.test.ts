import { describe, expect, it } from '@jest/globals';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { customerKeys } from '../../shared/people/keys';
import { recountPersonStats } from '../../scripts/recount-person-stats';
import { call, newTenant } from '../support/invoke';
import { buyer, placedOrder } from '../support/factories/commerce';

/**
 * While the deploy that made orders move their person's statistics rolls out, the previous
 * `person-stats` function may count a new order twice; `scripts/recount-person-stats.ts` counts
 * the people who ordered since then again from their placed orders.
 */
describe('scripts/recount-person-stats.ts', () => {
  const bottles = (cents: number) => ({ lines: [{ sku: 'CAB', name: 'Cabernet', quantity: 1, unitPriceCents: cents }] });

  it('puts right the statistics of the people who ordered since a time, and only theirs', async () => {
    const tenantId = newTenant('stats-recount');
    const as = { tenantId, role: 'admin' as const };
    const [before, after] = [await buyer(as), await buyer(as)];
    const early = await placedOrder(as, before.id, bottles(1000));
    const since = new Date(Date.parse(early.createdAt) + 1).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const orders = [await placedOrder(as, after.id, bottles(2000)), await placedOrder(as, after.id, bottles(3000))];
    expect((await call('POST', `/v1/orders/${early.id}/cancel`, { as, body: {} })).status).toBe(200);
    // Both counted twice, as the previous consumer would have done it (the early person's cancel not applied yet).
    const doubled = { orderCount: 4, lifetimeValueCents: 10_000, firstOrderAt: orders[0]!.createdAt, lastOrderAt: orders[1]!.createdAt };
    for (const person of [before, after]) {
      await dynamo.send(new UpdateCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, person.id), UpdateExpression: 'SET stats = :stats', ExpressionAttributeValues: { ':stats': doubled } }));
    }
    const statsOf = async (id: string) => (await call('GET', `/v1/customers/${id}`, { as })).body.stats;

    expect(await recountPersonStats({ tenantId, since, segments: 2, dryRun: true })).toEqual({ people: 1, corrected: 1 });
    expect(await statsOf(after.id)).toEqual(doubled);
    expect(await recountPersonStats({ tenantId, since, segments: 2 })).toEqual({ people: 1, corrected: 1 });
    expect(await statsOf(after.id)).toEqual({ orderCount: 2, lifetimeValueCents: 5000, firstOrderAt: orders[0]!.createdAt, lastOrderAt: orders[1]!.createdAt });
    // Who ordered only before `since` is left as it is; without `since` everyone who ordered is recounted.
    expect(await statsOf(before.id)).toEqual(doubled);
    expect(await recountPersonStats({ tenantId, segments: 2 })).toEqual({ people: 2, corrected: 1 });
    expect(await statsOf(before.id)).toEqual({ orderCount: 0, lifetimeValueCents: 0, firstOrderAt: null, lastOrderAt: null });
    // Run again: nothing to correct.
    expect(await recountPersonStats({ tenantId, segments: 2 })).toEqual({ people: 2, corrected: 0 });
  });
});
