import { customerPk } from '../db/keys';
import { queryPage, type PageRequest } from '../db/cursor';
import { assertCustomerExists } from '../history/history';

/**
 * One page of one of the person's commerce lists (orders, reservations, cellar): a Query on
 * the list's sort-key prefix in their partition. An empty first page may mean "no such person"
 * (or another tenant's id): only then is the profile read, so a list with items is one request.
 * `listId` names the list for its cursor, which opens nowhere else.
 */
export async function queryPersonList<Item, T>(
  tenantId: string,
  customerId: string,
  list: { listId: string; prefix: string; newestFirst: boolean },
  page: PageRequest,
  toApi: (item: Item) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const result = await queryPage<Item>(
    tenantId,
    `${list.listId}\n${customerId}`,
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': customerPk(tenantId, customerId), ':prefix': list.prefix },
      ScanIndexForward: !list.newestFirst,
    },
    page,
  );
  if (result.items.length === 0 && !page.cursor) await assertCustomerExists(tenantId, customerId);
  return { items: result.items.map(toApi), nextCursor: result.nextCursor };
}

/**
 * One page of a tenant's list of a day (orders placed, reservations starting): the sparse gsi4
 * partition of that kind and day, in time order. `listId` names the list for its cursor.
 */
export async function queryDayList<Item, T>(
  tenantId: string,
  list: { listId: string; partition: string; newestFirst: boolean },
  page: PageRequest & { date: string },
  toApi: (item: Item) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const result = await queryPage<Item>(
    tenantId,
    `${list.listId}\n${page.date}`,
    {
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :day',
      ExpressionAttributeValues: { ':day': list.partition },
      ScanIndexForward: !list.newestFirst,
    },
    page,
  );
  return { items: result.items.map(toApi), nextCursor: result.nextCursor };
}
