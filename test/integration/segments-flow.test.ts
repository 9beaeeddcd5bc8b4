import { describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';
import { createPerson } from '../support/factories/people';
import { createSegment, settleSegments } from '../support/factories/segments';
import { consumerRecords, deliver } from '../support/streams';
import { operationsDuring } from '../support/dynamo-operations';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { segmentKeys } from '../../shared/segments/keys';

describe('Segments: the flow', () => {
  const tenantId = newTenant('seg-flow');
  const as = { tenantId, role: 'admin' as const };

  it('counts a new segment in the background, then follows changes', async () => {
    await call('PUT', '/v1/settings', { as, body: { ...(await call('GET', '/v1/settings', { as })).body, flags: [{ key: 'vip', title: 'VIP' }] } });
    const ada = await createPerson(as, { flags: ['vip'], billingAddress: { lastName: 'Lovelace', region: 'CA', country: 'US' } });
    await createPerson(as, { billingAddress: { lastName: 'Babbage' } });
    await settleSegments(as);
    const segment = await createSegment(as, { rules: [{ field: 'flag', op: 'has', value: 'vip' }] });
    expect((await call('GET', `/v1/segments/${segment.id}`, { as })).body).toMatchObject({ count: null, countedAt: null });
    await settleSegments(as);
    expect((await call('GET', `/v1/segments/${segment.id}`, { as })).body).toMatchObject({ count: 1, countedAt: expect.any(String) });
    expect((await call('GET', `/v1/customers?segmentId=${segment.id}`, { as })).body.items.map((p: { id: string }) => p.id)).toEqual([ada.id]);

    await call('PATCH', `/v1/customers/${ada.id}`, { as, body: { flags: [] } });
    await settleSegments(as);
    expect((await call('GET', `/v1/segments/${segment.id}`, { as })).body).toMatchObject({ count: 0 });
    expect((await call('GET', '/v1/segments/values', { as })).body).toEqual({ regions: ['CA'], countries: ['US'] });
  });

  it('weighs a new person once for their profile and billing address records together', async () => {
    const other = { tenantId: newTenant('seg-once'), role: 'admin' as const };
    await createPerson(other, { billingAddress: { lastName: 'Once', region: 'OR', country: 'US' } });
    const records = await consumerRecords('segment-membership', other.tenantId, 2);
    expect(records.map((record) => record.dynamodb?.NewImage?.type?.S).sort()).toEqual(['address', 'customer']);
    const operations = await operationsDuring(() => deliver('segment-membership', other.tenantId, records));
    // One weighing: the profile page and the person's segments read together once (and the
    // winery's segments, a first time), the facts written once.
    expect(operations.filter((name) => name === 'QueryCommand')).toHaveLength(2);
    expect(operations.filter((name) => name === 'TransactWriteItemsCommand')).toHaveLength(1);
    expect((await call('GET', '/v1/segments/values', { as: other })).body).toEqual({ regions: ['OR'], countries: ['US'] });
  });

  it('changes a person\'s facts in place on the index (one index write, not a delete and a put)', async () => {
    const other = { tenantId: newTenant('seg-inplace'), role: 'admin' as const };
    await call('PUT', '/v1/settings', { as: other, body: { ...(await call('GET', '/v1/settings', { as: other })).body, flags: [{ key: 'vip', title: 'VIP' }] } });
    const bo = await createPerson(other, { billingAddress: { lastName: 'Inplace', region: 'OR', country: 'US' } });
    await settleSegments(other);
    const facts = async () =>
      (await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.facts(other.tenantId, bo.id), ConsistentRead: true }))).Item!;
    const before = await facts();
    await call('PATCH', `/v1/customers/${bo.id}`, { as: other, body: { flags: ['vip'] } });
    await settleSegments(other);
    const after = await facts();
    expect(after).toMatchObject({ version: before.version + 1, facts: { flags: ['vip'] } });
    expect(after.updatedAt > before.updatedAt).toBe(true);
    // The index keys stay: DynamoDB updates the entry where it is.
    expect({ pk: after.gsi4pk, sk: after.gsi4sk }).toEqual({ pk: before.gsi4pk, sk: before.gsi4sk });
    // A segment counted afterwards still finds the person by the changed fact.
    const vip = await createSegment(other, { rules: [{ field: 'flag', op: 'has', value: 'vip' }] });
    await settleSegments(other);
    expect((await call('GET', `/v1/customers?segmentId=${vip.id}`, { as: other })).body.items.map((p: { id: string }) => p.id)).toEqual([bo.id]);
  });

  it('writes the facts of a batch of new people in one transaction, each as their own', async () => {
    const many = { tenantId: newTenant('seg-batch'), role: 'admin' as const };
    const people = [];
    for (const [lastName, region] of [['Ames', 'OR'], ['Bell', 'WA'], ['Cole', 'OR'], ['Dunn', 'ID']] as const) {
      people.push(await createPerson(many, { billingAddress: { lastName, region, country: 'US' } }));
    }
    const records = await consumerRecords('segment-membership', many.tenantId, 8);
    const operations = await operationsDuring(() => deliver('segment-membership', many.tenantId, records));

    // Four people weighed (a Query each, and the winery's segments once), their facts in one transaction.
    expect(operations.filter((name) => name === 'QueryCommand')).toHaveLength(5);
    expect(operations.filter((name) => name === 'TransactWriteItemsCommand')).toHaveLength(1);
    const segment = await createSegment(many, { rules: [{ field: 'region', op: 'in', value: ['OR'] }] });
    await settleSegments(many);
    expect((await call('GET', `/v1/segments/${segment.id}`, { as: many })).body).toMatchObject({ count: 2 });
    const members = (await call('GET', `/v1/customers?segmentId=${segment.id}`, { as: many })).body.items.map((p: { id: string }) => p.id);
    expect(members.sort()).toEqual([people[0]!.id, people[2]!.id].sort());
    expect((await call('GET', '/v1/segments/values', { as: many })).body).toEqual({ regions: ['ID', 'OR', 'WA'], countries: ['US'] });
  });
});
