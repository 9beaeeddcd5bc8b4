import { beforeAll, describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { sealCursor } from '../../shared/db/cursor';
import { batchWrite } from '../../shared/db/batch-write';
import { customerPk } from '../../shared/db/keys';
import { nameSortKey, numberSortKey } from '../../shared/people/people-search';
import { backfillListings } from '../../scripts/backfill-listings';
import { call, newTenant } from '../support/invoke';

/**
 * Data written before the listings took their present shape: people whose entries are still the
 * old ones (in their own item collection, on gsi1 and gsi4), and cursors handed out for those
 * lists. The backfill script lists them anew, and the old cursors go on.
 */
describe('scripts/backfill-listings.ts', () => {
  const tenantId = newTenant('backfill');
  const as = { tenantId };
  const names = [
    ['Ada', 'Adams'],
    ['Bea', 'Baker'],
    ['Cy', 'Carter'],
    ['Di', 'Dunn'],
  ] as const;
  const people: { id: string; customerNumber: number; firstName: string; lastName: string }[] = [];
  const listed = async (path: string) => (await call('GET', path, { as })).body as { items: { lastName: string }[]; nextCursor: string | null };

  beforeAll(async () => {
    for (const [firstName, lastName] of names) {
      const created = await call('POST', '/v1/customers', { as, body: { billingAddress: { firstName, lastName, email: `${firstName}@example.com`.toLowerCase() }, sendWelcomeEmail: false } });
      expect(created.status).toBe(201);
      people.push(created.body);
    }
    // What the old customer-listing consumer had written for them (no consumer runs in this test).
    await batchWrite(
      people.flatMap((person) =>
        ['ALL', `Q#${person.lastName.slice(0, 3).toLowerCase()}`].map((label) => ({
          PutRequest: {
            Item: {
              pk: customerPk(tenantId, person.id),
              sk: `L#${label}`,
              type: 'listing',
              gsi1pk: `T#${tenantId}#L#${label}`,
              gsi1sk: nameSortKey(person),
              gsi4pk: `T#${tenantId}#L#${label}`,
              gsi4sk: numberSortKey(person),
              customer: JSON.stringify({ id: person.id }),
            },
          },
        })),
      ),
    );
  });

  it('lists everyone anew and removes the old entries, and the cursors handed out before go on', async () => {
    expect((await listed('/v1/customers')).items).toEqual([]);
    // A page of two had been read before the change, by name and by number.
    const [ada, bea, cy] = people;
    const byName = await sealCursor(tenantId, 'customers\nname\nALL\n\n{}', {
      pk: customerPk(tenantId, bea!.id),
      sk: 'L#ALL',
      gsi1pk: `T#${tenantId}#L#ALL`,
      gsi1sk: nameSortKey(bea!),
    });
    const byNumber = await sealCursor(tenantId, 'customers\nnumber\nALL\n\n{}', {
      pk: customerPk(tenantId, cy!.id),
      sk: 'L#ALL',
      gsi4pk: `T#${tenantId}#L#ALL`,
      gsi4sk: numberSortKey(cy!),
    });

    const result = await backfillListings({ tenantId, segments: 2 });
    expect(result).toEqual({ people: 4, entriesWritten: expect.any(Number), oldEntriesDeleted: 8 });

    expect((await listed('/v1/customers')).items.map((p) => p.lastName)).toEqual(['Adams', 'Baker', 'Carter', 'Dunn']);
    expect((await listed('/v1/customers?q=car')).items.map((p) => p.lastName)).toEqual(['Carter']);
    const old = await dynamo.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :l)', ExpressionAttributeValues: { ':pk': customerPk(tenantId, ada!.id), ':l': 'L#' } }),
    );
    expect(old.Items).toEqual([]);

    expect((await listed(`/v1/customers?limit=2&cursor=${encodeURIComponent(byName!)}`)).items.map((p) => p.lastName)).toEqual(['Carter', 'Dunn']);
    expect((await listed(`/v1/customers?sort=number&limit=2&cursor=${encodeURIComponent(byNumber!)}`)).items.map((p) => p.lastName)).toEqual(['Baker', 'Adams']);
  });

  it('changes nothing when it runs again', async () => {
    expect(await backfillListings({ tenantId })).toEqual({ people: 4, entriesWritten: expect.any(Number), oldEntriesDeleted: 0 });
    expect((await listed('/v1/customers')).items).toHaveLength(4);
  });
});
