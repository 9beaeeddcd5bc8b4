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
import { Customer, type ListCustomersQuery } from '../schemas/customer';
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

/** Brings the person's listing entries in line with a profile change (old and/or new image). */
export async function syncListingEntries(
  oldItem: CustomerItem | undefined,
  newItem: CustomerItem | undefined,
): Promise<void> {
  const item = newItem ?? oldItem;
  if (!item) return;
  const tenantId = item.tenantId;
  const newLabels = newItem ? listingLabels(listedPerson(newItem)) : [];
  const oldLabels = oldItem ? listingLabels(listedPerson(oldItem)) : [];
  const keep = new Set(newLabels);
  const removed = oldLabels.filter((label) => !keep.has(label));

  const writes: Promise<unknown>[] = removed.map((label) =>
    dynamo.send(new DeleteCommand({ TableName: tableName, Key: customerKeys.listingEntry(tenantId, item.id, label) })),
  );
  if (newItem) {
    const person = listedPerson(newItem);
    const entry = {
      type: 'listing',
      tenantId,
      customerId: newItem.id,
      gsi1sk: nameSortKey(person),
      customer: toCustomer(newItem),
      ...searchFields(person),
      flags: person.flags,
      classIds: [...new Set([person.customerClassId, person.effectiveClassId].filter(Boolean))],
      clubIds: person.clubIds,
      version: newItem.version,
    };
    for (const label of newLabels) {
      writes.push(
        dynamo
          .send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...customerKeys.listingEntry(tenantId, newItem.id, label),
                gsi1pk: listingKeys.partition(tenantId, label),
                ...entry,
              },
              // A replayed older image never overwrites a newer entry.
              ConditionExpression: 'attribute_not_exists(pk) OR #version <= :version',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':version': newItem.version },
            }),
          )
          .catch((error: unknown) => {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          }),
      );
    }
  }
  await Promise.all(writes);
}

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
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :partition',
      ExpressionAttributeValues: { ':partition': listingKeys.partition(tenantId, label), ...values },
      ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
      ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
      Limit: query.limit,
      ExclusiveStartKey: await openCursor(tenantId, listId, query.cursor),
    }),
  );
  return {
    items: (result.Items ?? []).map((entry) => inFieldOrder(entry.customer as Customer)),
    nextCursor: await sealCursor(tenantId, listId, result.LastEvaluatedKey),
  };
}

const CUSTOMER_FIELDS = Object.keys(Customer.shape) as (keyof Customer)[];

/** A stored map comes back in any key order; lists show people in the same order as everywhere else. */
function inFieldOrder(customer: Customer): Customer {
  return Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, customer[field]])) as Customer;
}
