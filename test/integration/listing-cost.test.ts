import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { dynamo, tableName } from '../../shared/db/client';
import { listingEntries } from '../../shared/people/people-listing';
import type { CustomerItem } from '../../shared/people/customer-items';
import { customerKeys } from '../../shared/people/keys';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { call, newTenant } from '../support/invoke';
import { deliver, tenantRecords } from '../support/streams';
import { newPersonBody } from '../support/factories/people';

/**
 * What the `customer-listing` consumer writes per profile change: nothing when neither a label
 * nor a search word changed (what a list shows comes from the profile), the entries that change
 * when one did.
 */
const tenantId = newTenant('listing-cost');
const as = { tenantId, role: 'staff' as const };
const delivered = new Set<string>();

/** The records written since the last call, fed to the consumer while its writes are counted. */
async function deliverNew(): Promise<{ puts: number; deletes: number; records: DynamoDBRecord[] }> {
  const records = (await tenantRecords(tenantId)).filter((record) => !delivered.has(record.eventID!));
  for (const record of records) delivered.add(record.eventID!);
  const send = jest.spyOn(dynamo, 'send');
  try {
    expect((await deliver('customer-listing', tenantId, records)).batchItemFailures).toEqual([]);
    const writes = send.mock.calls
      .filter(([command]) => command.constructor.name === 'BatchWriteCommand')
      .flatMap(([command]) => Object.values((command.input as { RequestItems: Record<string, { PutRequest?: unknown }[]> }).RequestItems).flat());
    return { puts: writes.filter((w) => w.PutRequest).length, deletes: writes.filter((w) => !w.PutRequest).length, records };
  } finally {
    send.mockRestore();
  }
}

/** The person's entries as they stand in the table, found where their current profile says they are. */
async function entriesOf(customerId: string): Promise<Record<string, unknown>[]> {
  const profile = (await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, customerId) }))).Item as CustomerItem;
  const found = await Promise.all(
    listingEntries(profile).map(async (entry) => {
      const result = await dynamo.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': entry.pk, ':sk': entry.sk } }),
      );
      return result.Items ?? [];
    }),
  );
  return found.flat();
}

const search = async (q: string) =>
  ((await call('GET', `/v1/customers?q=${encodeURIComponent(q)}`, { as })).body.items as { id: string; phone: string | null }[]).map((p) => p.id);

describe('customer-listing consumer cost', () => {
  let id: string;
  let entryCount: number;

  beforeAll(async () => {
    const created = await call('POST', '/v1/customers', {
      as,
      body: newPersonBody({ phone: '+1 (707) 555-0101', billingAddress: { firstName: 'Jennifer', lastName: 'Martinez', email: 'jennifer.martinez@example.com' } }),
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    const first = await deliverNew();
    entryCount = (await entriesOf(id)).length;
    expect(first.puts).toBe(entryCount);
  });

  it('keeps a person in a few entries: everyone, and one per search word', () => {
    // ALL; martinez, jennifer, the email, the phone three ways, the customer number.
    expect(entryCount).toBe(8);
  });

  it('writes nothing for a credit, a password, special instructions or an age check, which no list reads from an entry', async () => {
    expect((await call('POST', `/v1/customers/${id}/credits`, { as, body: { amountCents: 2500, reason: 'Refund' } })).status).toBe(201);
    expect((await call('POST', `/v1/customers/${id}/password`, { as, body: { newPassword: 'a long and new passphrase 42' } })).status).toBe(204);
    expect((await call('PATCH', `/v1/customers/${id}`, { as, body: { specialInstructions: 'Leave at the side door.', birthDate: '1980-02-03' } })).status).toBe(200);
    expect((await call('POST', `/v1/customers/${id}/age-verification`, { as, body: { method: 'manual', note: 'Driving licence seen' } })).status).toBe(200);
    const { puts, deletes, records } = await deliverNew();
    expect(records.length).toBeGreaterThanOrEqual(4);
    expect({ puts, deletes }).toEqual({ puts: 0, deletes: 0 });
    expect(await search('jennifer')).toEqual([id]);
    // The list shows the change all the same: it reads the profile.
    const listed = (await call('GET', '/v1/customers?q=jennifer', { as })).body.items;
    expect(listed).toEqual([expect.objectContaining({ id, needsAgeVerification: false })]);
  });

  it('adds a flag with its one entry', async () => {
    await call('PUT', '/v1/settings', { as: { tenantId, role: 'admin' }, body: { ...(await call('GET', '/v1/settings', { as })).body, flags: [{ key: 'vip', title: 'VIP' }] } });
    expect((await call('PATCH', `/v1/customers/${id}`, { as, body: { flags: ['vip'] } })).status).toBe(200);
    expect(await deliverNew()).toEqual(expect.objectContaining({ puts: 1, deletes: 0 }));
    expect((await call('GET', '/v1/customers?flag=vip', { as })).body.items).toEqual([expect.objectContaining({ id, flags: ['vip'] })]);
  });

  it('replaces the words of a new phone, and rewrites the others, which hold the words', async () => {
    const before = new Set((await entriesOf(id)).map((entry) => `${entry.pk} ${entry.sk}`));
    expect((await call('PATCH', `/v1/customers/${id}`, { as, body: { phone: '707-555-0199' } })).status).toBe(200);
    const { puts, deletes } = await deliverNew();
    const after = new Set((await entriesOf(id)).map((entry) => `${entry.pk} ${entry.sk}`));
    expect(puts).toBe(after.size);
    expect(deletes).toBe([...before].filter((key) => !after.has(key)).length);
    // 7075550101, 5550101 and 0101 are gone.
    expect(deletes).toBe(3);
    expect(await search('0101')).toEqual([]);
    expect(await search('0199')).toEqual([id]);
    const listed = (await call('GET', '/v1/customers?q=jennifer', { as })).body.items;
    expect(listed).toEqual([expect.objectContaining({ id, phone: '707-555-0199' })]);
  });

  it('lets no replayed older record bring back an old phone', async () => {
    const all = await tenantRecords(tenantId);
    expect((await deliver('customer-listing', tenantId, all)).batchItemFailures).toEqual([]);
    const listed = (await call('GET', '/v1/customers?q=jennifer', { as })).body.items;
    expect(listed).toEqual([expect.objectContaining({ id, phone: '707-555-0199' })]);
    expect(await search('0101')).toEqual([]);
  });
});
