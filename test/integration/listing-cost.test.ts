import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { dynamo, tableName } from '../../shared/db/client';
import { customerPk } from '../../shared/db/keys';
import { MAX_SEARCH_LABELS } from '../../shared/people/people-search';
import { call, newTenant } from '../support/invoke';
import { deliver, tenantRecords } from '../support/streams';
import { newPersonBody } from '../support/factories/people';

/**
 * What the `customer-listing` consumer writes per profile change: nothing when no listed field
 * changed, the person's entries when one did.
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
    const names = send.mock.calls.map(([command]) => command.constructor.name);
    return { puts: names.filter((n) => n === 'PutCommand').length, deletes: names.filter((n) => n === 'DeleteCommand').length, records };
  } finally {
    send.mockRestore();
  }
}

async function entriesOf(customerId: string): Promise<Record<string, unknown>[]> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :l)',
      ExpressionAttributeValues: { ':pk': customerPk(tenantId, customerId), ':l': 'L#' },
    }),
  );
  return result.Items ?? [];
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

  it('keeps a person in a bounded number of entries', () => {
    // ALL, at most MAX_SEARCH_LABELS search terms; this common name needs far fewer.
    expect(entryCount).toBeLessThanOrEqual(1 + MAX_SEARCH_LABELS);
    expect(entryCount).toBeLessThanOrEqual(26);
  });

  it('writes nothing for a credit, a password or special instructions', async () => {
    expect((await call('POST', `/v1/customers/${id}/credits`, { as, body: { amountCents: 2500, reason: 'Refund' } })).status).toBe(201);
    expect((await call('POST', `/v1/customers/${id}/password`, { as, body: { newPassword: 'a long and new passphrase 42' } })).status).toBe(204);
    expect((await call('PATCH', `/v1/customers/${id}`, { as, body: { specialInstructions: 'Leave at the side door.' } })).status).toBe(200);
    const { puts, deletes, records } = await deliverNew();
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect({ puts, deletes }).toEqual({ puts: 0, deletes: 0 });
    expect(await search('jennifer')).toEqual([id]);
  });

  it('rewrites the entries when a listed field changes, deleting only the labels it dropped', async () => {
    const before = new Set((await entriesOf(id)).map((entry) => entry.sk));
    expect((await call('PATCH', `/v1/customers/${id}`, { as, body: { phone: '707-555-0199' } })).status).toBe(200);
    const { puts, deletes } = await deliverNew();
    const after = new Set((await entriesOf(id)).map((entry) => entry.sk));
    expect(puts).toBe(after.size);
    expect(deletes).toBe([...before].filter((sk) => !after.has(sk)).length);
    // The 8-digit prefix is the same; the local number 5550101 and the last four 0101 are gone.
    expect(deletes).toBe(2);
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
