import { queryPage, type PageRequest } from '../db/cursor';

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
