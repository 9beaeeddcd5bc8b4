import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  SEARCH_FIELD_NAMES,
  listingLabels,
  nameSortKey,
  numberSortKey,
  searchFields,
  searchPlan,
  type ListedPerson,
} from './people-search';
import type { CustomerListItem, ListCustomersQuery } from './customer-schemas';
import { dynamo, tableName } from '../db/client';
import { openCursor, sealCursor } from '../db/cursor';
import { isClubMember, needsAgeVerification, type CustomerItem } from './customer-items';
import { customerKeys, listingKeys } from './keys';

/**
 * The people listings: one entry per label of a person (see `people-search.ts`), each on
 * gsi1 (sorted by name) and gsi4 (sorted by customer number), each carrying the person as the
 * list shows them (`CustomerListItem`). Written by the `customer-listing` stream consumer, so a
 * list may lag a write by a moment; read by `GET /v1/customers`, one Query per page.
 *
 * What an entry holds is the person's *listing view*: the list item, the sort keys and the
 * fields searches and filters compare with. A profile change that leaves the view and the labels
 * as they were (a credit, a password, special instructions, a version bump) writes nothing; one
 * that changes the labels only puts the new entries and deletes the old; one that changes the
 * view rewrites every entry, since each carries it.
 */
export function listedPerson(item: CustomerItem): ListedPerson {
  return {
    id: item.id,
    customerNumber: item.customerNumber,
    firstName: item.firstName,
    lastName: item.lastName,
    email: item.email,
    phone: item.phone ?? null,
    flags: item.flags ?? [],
    customerClassId: item.customerClassId ?? null,
    effectiveClassId: item.effectiveClassId ?? null,
    clubIds: item.clubIds ?? [],
    mergedNumbers: item.mergedNumbers ?? [],
  };
}

export function toCustomerListItem(item: CustomerItem): CustomerListItem {
  const { clubIds: _clubIds, mergedNumbers: _mergedNumbers, ...person } = listedPerson(item);
  // Overriding `flags` keeps its place in the field order (a mutable copy for the response type).
  return { ...person, flags: [...person.flags], isClubMember: isClubMember(item), needsAgeVerification: needsAgeVerification(item), createdAt: item.createdAt };
}

/** What every entry of a person carries besides its keys: equal views mean nothing to write. */
function listingView(item: CustomerItem) {
  const person = listedPerson(item);
  return {
    type: 'listing',
    tenantId: item.tenantId,
    customerId: item.id,
    gsi1sk: nameSortKey(person),
    gsi4sk: numberSortKey(person),
    // Stored as JSON text: it reads back in the API's own field order, and is never filtered on.
    customer: JSON.stringify(toCustomerListItem(item)),
    ...searchFields(person),
    flags: person.flags,
    classIds: [...new Set([person.customerClassId, person.effectiveClassId].filter(Boolean))],
    clubIds: person.clubIds,
  };
}

function entry(item: CustomerItem, label: string, view: ReturnType<typeof listingView>): Record<string, unknown> {
  const partition = listingKeys.partition(item.tenantId, label);
  return {
    ...customerKeys.listingEntry(item.tenantId, item.id, label),
    gsi1pk: partition,
    gsi4pk: partition,
    ...view,
    // The profile version the entry was written from: a replayed older image never overwrites it.
    version: item.version,
  };
}

/** Every listing entry of a person: one item per label. */
export function listingEntries(item: CustomerItem): Record<string, unknown>[] {
  const view = listingView(item);
  return listingLabels(listedPerson(item)).map((label) => entry(item, label, view));
}

/** The writes a profile change means for the listings: entries to put, labels to delete. */
export function listingChanges(
  oldItem: CustomerItem | undefined,
  newItem: CustomerItem | undefined,
): { put: Record<string, unknown>[]; remove: string[] } {
  const oldLabels = oldItem ? listingLabels(listedPerson(oldItem)) : [];
  if (!newItem) return { put: [], remove: oldLabels };
  const newLabels = listingLabels(listedPerson(newItem));
  const view = listingView(newItem);
  const viewChanged = !oldItem || JSON.stringify(listingView(oldItem)) !== JSON.stringify(view);
  const had = new Set(oldLabels);
  const has = new Set(newLabels);
  return {
    put: newLabels.filter((label) => viewChanged || !had.has(label)).map((label) => entry(newItem, label, view)),
    remove: oldLabels.filter((label) => !has.has(label)),
  };
}

/** Brings the person's listing entries in line with a profile change (old and/or new image). */
export async function syncListingEntries(
  oldItem: CustomerItem | undefined,
  newItem: CustomerItem | undefined,
): Promise<void> {
  const item = newItem ?? oldItem;
  if (!item) return;
  const { put, remove } = listingChanges(oldItem, newItem);
  await Promise.all([
    ...remove.map((label) =>
      dynamo.send(new DeleteCommand({ TableName: tableName, Key: customerKeys.listingEntry(item.tenantId, item.id, label) })),
    ),
    ...put.map((listing) =>
      dynamo
        .send(
          new PutCommand({
            TableName: tableName,
            Item: listing,
            // A replayed older image never overwrites a newer entry.
            ConditionExpression: 'attribute_not_exists(pk) OR #version <= :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': listing.version },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }),
    ),
  ]);
}

const MAX_FILTERED_READS = 4;

/** Each sort is one index, read its own way unless `order` says otherwise; its name (and a reversal) is in the cursor's list id, so cursors do not cross sorts. */
const SORTS = {
  name: { index: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk', forward: true },
  number: { index: 'gsi4', pk: 'gsi4pk', sk: 'gsi4sk', forward: false },
  newest: { index: 'gsi4', pk: 'gsi4pk', sk: 'gsi4sk', forward: false },
} as const;

/** `GET /v1/customers`: one Query on the most selective listing, in the order asked; other filters on the entries. */
export async function listCustomers(
  tenantId: string,
  query: ListCustomersQuery,
): Promise<{ items: CustomerListItem[]; nextCursor: string | null }> {
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

  const sort = SORTS[query.sort];
  // `order` reads the sort's partition the other way; a reversed list is a list of its own for cursors.
  const forward = query.order ? query.order === 'asc' : sort.forward;
  const direction = forward === sort.forward ? '' : ' reversed';
  const listId = `customers\n${query.sort}${direction}\n${label}\n${filters.join(' AND ')}\n${JSON.stringify(values)}`;
  // Without filters a page is one Query. With filters DynamoDB counts `Limit` before filtering,
  // so a page is filled by reading on, at most MAX_FILTERED_READS Queries, and cut at `limit`.
  const entries: Record<string, unknown>[] = [];
  let startKey = await openCursor(tenantId, listId, query.cursor);
  for (let reads = 0; reads < (filters.length > 0 ? MAX_FILTERED_READS : 1); reads += 1) {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: sort.index,
        KeyConditionExpression: `${sort.pk} = :partition`,
        ExpressionAttributeValues: { ':partition': listingKeys.partition(tenantId, label), ...values },
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
        ScanIndexForward: forward,
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
    startKey = { pk: last.pk, sk: last.sk, [sort.pk]: last[sort.pk], [sort.sk]: last[sort.sk] };
  }
  return {
    items: entries.map((listing) => JSON.parse(listing.customer as string) as CustomerListItem),
    nextCursor: await sealCursor(tenantId, listId, startKey),
  };
}
