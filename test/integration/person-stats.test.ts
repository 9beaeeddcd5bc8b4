import { describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';
import { buyer, placedOrder } from '../support/factories/commerce';
import { createPerson } from '../support/factories/people';
import { consumerRecords, deliver } from '../support/streams';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { customerKeys } from '../../shared/people/keys';

/**
 * What each person is worth: `stats` on the person, moved by each placed order in its own
 * transaction, and by the person-stats consumer for what else moves them (a cancel, a merge).
 */
describe('Person statistics', () => {
  const tenantId = newTenant('stats');
  const as = { tenantId, role: 'admin' as const };
  const bottles = (cents: number) => ({ lines: [{ sku: 'CAB', name: 'Cabernet', quantity: 1, unitPriceCents: cents }] });
  const statsOf = async (id: string) => (await call('GET', `/v1/customers/${id}`, { as })).body.stats;
  const cancel = async (orderId: string) => expect((await call('POST', `/v1/orders/${orderId}/cancel`, { as, body: {} })).status).toBe(200);

  it('shows no orders on a new person', async () => {
    const person = await createPerson(as);
    expect(person.stats).toEqual({ orderCount: 0, lifetimeValueCents: 0, firstOrderAt: null, lastOrderAt: null });
    expect(await statsOf(person.id)).toEqual({ orderCount: 0, lifetimeValueCents: 0, firstOrderAt: null, lastOrderAt: null });
  });

  it('counts placed orders and their totals, takes a cancelled one back, and moves the first and last dates with it', async () => {
    const person = await buyer(as);
    const first = await placedOrder(as, person.id, bottles(1000));
    const second = await placedOrder(as, person.id, bottles(2500));
    const third = await placedOrder(as, person.id, bottles(4000));
    // As soon as the orders answer: each moved them in its own transaction.
    expect(await statsOf(person.id)).toEqual({ orderCount: 3, lifetimeValueCents: 7500, firstOrderAt: first.createdAt, lastOrderAt: third.createdAt });
    // The consumer then finds nothing to do.
    const placedVersion = (await call('GET', `/v1/customers/${person.id}`, { as })).body.version;
    expect((await deliver('person-stats', tenantId, await consumerRecords('person-stats', tenantId, 3))).batchItemFailures).toEqual([]);
    expect((await call('GET', `/v1/customers/${person.id}`, { as })).body).toMatchObject({ version: placedVersion, stats: { orderCount: 3 } });
    // The list shows them too (its items are read from the profiles).
    await deliver('customer-listing', tenantId);
    const listed = (await call('GET', `/v1/customers?q=${encodeURIComponent(person.email)}`, { as })).body.items;
    expect(listed.map((item: { id: string; stats: unknown }) => [item.id, item.stats])).toEqual([[person.id, await statsOf(person.id)]]);

    await cancel(third.id);
    await cancel(first.id);
    const records = await consumerRecords('person-stats', tenantId, 5);
    await deliver('person-stats', tenantId, records);
    expect(await statsOf(person.id)).toEqual({ orderCount: 1, lifetimeValueCents: 2500, firstOrderAt: second.createdAt, lastOrderAt: second.createdAt });

    // Every record delivered again: each was applied once.
    expect((await deliver('person-stats', tenantId, records)).batchItemFailures).toEqual([]);
    expect(await statsOf(person.id)).toEqual({ orderCount: 1, lifetimeValueCents: 2500, firstOrderAt: second.createdAt, lastOrderAt: second.createdAt });

    await cancel(second.id);
    await deliver('person-stats', tenantId);
    expect(await statsOf(person.id)).toEqual({ orderCount: 0, lifetimeValueCents: 0, firstOrderAt: null, lastOrderAt: null });
  });

  it('loses no order of one person when their first orders are placed at once, credit applied or not', async () => {
    const tenant = newTenant('stats-race');
    const staff = { tenantId: tenant, role: 'admin' as const };
    const person = await buyer(staff);
    expect((await call('POST', `/v1/customers/${person.id}/credits`, { as: staff, body: { amountCents: 500, reason: 'Gift' } })).status).toBe(201);
    const orders = await Promise.all(
      Array.from({ length: 8 }, (_, i) => placedOrder(staff, person.id, { ...bottles(100 * (i + 1)), ...(i % 3 === 0 ? { applyCreditCents: 100 } : {}) })),
    );
    const times = orders.map((order) => order.createdAt).sort();
    const expected = { orderCount: 8, lifetimeValueCents: orders.reduce((sum, order) => sum + order.totalCents, 0), firstOrderAt: times[0], lastOrderAt: times[7] };
    const profile = (await call('GET', `/v1/customers/${person.id}`, { as: staff })).body;
    expect(profile).toMatchObject({ stats: expected, creditBalanceCents: 200 });
    // One batch: the consumer applies different orders' records in parallel, all on one profile, and skips each.
    expect((await deliver('person-stats', tenant, await consumerRecords('person-stats', tenant, 8))).batchItemFailures).toEqual([]);
    expect((await call('GET', `/v1/customers/${person.id}`, { as: staff })).body).toMatchObject({ stats: expected, version: profile.version });
  });

  it('counts an order placed before orders moved the statistics themselves (no `statsCounted`) through the consumer', async () => {
    const tenant = newTenant('stats-old');
    const staff = { tenantId: tenant, role: 'admin' as const };
    const person = await buyer(staff);
    const order = await placedOrder(staff, person.id, bottles(1500));
    // As an order placed by the code before: the profile without its statistics, the record without the mark.
    await dynamo.send(new UpdateCommand({ TableName: tableName, Key: customerKeys.profile(tenant, person.id), UpdateExpression: 'REMOVE stats' }));
    const [record] = await consumerRecords('person-stats', tenant, 1);
    delete record!.dynamodb!.NewImage!.statsCounted;
    expect((await deliver('person-stats', tenant, [record!])).batchItemFailures).toEqual([]);
    expect((await call('GET', `/v1/customers/${person.id}`, { as: staff })).body.stats).toEqual({
      orderCount: 1,
      lifetimeValueCents: 1500,
      firstOrderAt: order.createdAt,
      lastOrderAt: order.createdAt,
    });
  });

  it('is read-only: a PATCH that sends stats is a 400 naming it, and the change history does not list it', async () => {
    const person = await buyer(as);
    await placedOrder(as, person.id, bottles(1200));
    await deliver('person-stats', tenantId);
    const patch = await call('PATCH', `/v1/customers/${person.id}`, { as, body: { stats: { orderCount: 99 } } });
    expect(patch.status).toBe(400);
    expect(patch.body.errors).toEqual([{ path: 'stats', message: 'is not a known field' }]);
    await deliver('change-history', tenantId);
    const changes = (await call('GET', `/v1/customers/${person.id}/changes?limit=100`, { as })).body.items as { fields: { field: string }[] }[];
    expect(changes.flatMap((change) => change.fields.map((f) => f.field))).not.toContain('stats');
    expect(await statsOf(person.id)).toMatchObject({ orderCount: 1, lifetimeValueCents: 1200 });
  });
});
