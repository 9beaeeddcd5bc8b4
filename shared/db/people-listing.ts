import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  SEARCH_FIELD_NAMES,
  listingLabels,
  nameSortKey,
  searchFields,
  searchPlan,
  type ListedPerson,
} from '../domain/people-search';
import type { Customer, ListCustomersQuery } from '../schemas/customer';
import { dynamo, tableName } from './client';
import { openCursor, sealCursor } from './cursor';
import { toCustomer, type CustomerItem } from './customer-items';
import { customerKeys, listingKeys } from './keys';

/**
 * The people listings: entries on index gsi1 (see `domain/people-search.ts`), each carrying the
 * person as the list shows them. Written by the `customer-listing` stream consumer, so a list
 * may lag a write by a moment; read by `GET /v1/customers`, one Query per page.
 */
function listedPerson(item: CustomerItem): ListedPerson {
  return {
    id: item.id,
    customerNumber: item.customerNumber,
    firstName: item.firstName,
    lastName: item.lastName,
    email: item.email,
    phone: item.phone,
    flags: item.flags ?? [],
    customerClassId: item.customerClassId,
    effectiveClassId: item.effectiveClassId,
    clubIds: item.clubIds ?? [],
  };
}

/** Every listing entry of a person: one item per label, each carrying the person as lists show them. */
export function listingEntries(item: CustomerItem): Record<string, unknown>[] {
  const person = listedPerson(item);
  const shared = {
    type: 'listing',
    tenantId: item.tenantId,
    customerId: item.id,
    gsi1sk: nameSortKey(person),
    // Stored as JSON text: it reads back in the API's own field order, and is never filtered on.
    customer: JSON.stringify(toCustomer(item)),
    ...searchFields(person),
    flags: person.flags,
    classIds: [...new Set([person.customerClassId, person.effectiveClassId].filter(Boolean))],
    clubIds: person.clubIds,
    version: item.version,
  };
  return listingLabels(person).map((label) => ({
    ...customerKeys.listingEntry(item.tenantId, item.id, label),
    gsi1pk: listingKeys.partition(item.tenantId, label),
    ...shared,
  }));
}

/** Brings the person's listing entries in line with a profile change (old and/or new image). */
export async function syncListingEntries(
  oldItem: CustomerItem | undefined,
  newItem: CustomerItem | undefined,
): Promise<void> {
  const item = newItem ?? oldItem;
  if (!item) return;
  const entries = newItem ? listingEntries(newItem) : [];
  const keep = new Set(entries.map((entry) => entry.sk));
  const removed = (oldItem ? listingLabels(listedPerson(oldItem)) : [])
    .map((label) => customerKeys.listingEntry(item.tenantId, item.id, label))
    .filter((key) => !keep.has(key.sk));

  await Promise.all([
    ...removed.map((key) => dynamo.send(new DeleteCommand({ TableName: tableName, Key: key }))),
    ...entries.map((entry) =>
      dynamo
        .send(
          new PutCommand({
            TableName: tableName,
            Item: entry,
            // A replayed older image never overwrites a newer entry.
            ConditionExpression: 'attribute_not_exists(pk) OR #version <= :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': entry.version },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }),
    ),
  ]);
}

const MAX_FILTERED_READS = 4;

/** `GET /v1/customers`: one Query on the most selective listing; other filters on the entries. */
export async function listCustomers(
  tenantId: string,
  query: ListCustomersQuery,
): Promise<{ items: Customer[]; nextCursor: string | null }> {
  const filters: string[] = [];
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  let label = 'ALL';

  if (query.q) {
    const plan = searchPlan(query.q);
    label = plan.label;
    plan.terms.forEach((term, index) => {
      values[`:t${index}`] = term;
      filters.push(`(${SEARCH_FIELD_NAMES.map((field) => `begins_with(${field}, :t${index})`).join(' OR ')})`);
    });
  }
  const facets = [
    ['flag', 'FLAG', 'flags'],
    ['classId', 'CLASS', 'classIds'],
    ['clubId', 'CLUB', 'clubIds'],
  ] as const;
  for (const [param, prefix, attribute] of facets) {
    const value = query[param];
    if (!value) continue;
    if (label === 'ALL') {
      label = `${prefix}#${value}`;
    } else {
      values[`:${param}`] = value;
      names[`#${attribute}`] = attribute;
      filters.push(`contains(#${attribute}, :${param})`);
    }
  }

  const listId = `customers\n${label}\n${filters.join(' AND ')}\n${JSON.stringify(values)}`;
  // Without filters a page is one Query. With filters DynamoDB counts `Limit` before filtering,
  // so a page is filled by reading on, at most MAX_FILTERED_READS Queries, and cut at `limit`.
  const entries: Record<string, unknown>[] = [];
  let startKey = await openCursor(tenantId, listId, query.cursor);
  for (let reads = 0; reads < (filters.length > 0 ? MAX_FILTERED_READS : 1); reads += 1) {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :partition',
        ExpressionAttributeValues: { ':partition': listingKeys.partition(tenantId, label), ...values },
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
        Limit: query.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    entries.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
    if (!startKey || entries.length >= query.limit) break;
  }
  if (entries.length > query.limit) {
    entries.length = query.limit;
    const last = entries[query.limit - 1]!;
    startKey = { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk };
  }
  return {
    items: entries.map((entry) => JSON.parse(entry.customer as string) as Customer),
    nextCursor: await sealCursor(tenantId, listId, startKey),
  };
}

