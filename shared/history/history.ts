import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors';
import { dynamo, tableName } from '../db/client';
import { prefixCondition, queryPage, type PageRequest } from '../db/cursor';
import { customerPk } from '../db/keys';
import { customerKeys } from '../people/keys';
import { historyKeys } from './keys';

/**
 * One page of one of a person's lists (notes, changes, email logs: `H#<kind>#…`; orders,
 * reservations, cellar): one Query on the list's sort-key prefix in their partition, however
 * long the other lists grow. An empty first page may mean "no such person" (or another tenant's
 * id): only then is the profile read, so a list with items is one request. `listId` names the
 * list for its cursor, which opens nowhere else.
 */
export async function listOfPerson<Item, T>(
  tenantId: string,
  customerId: string,
  list: { listId: string; prefix: string; newestFirst: boolean },
  page: PageRequest,
  toApi: (item: Item) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const result = await queryPage<Item>(
    tenantId,
    `${list.listId}\n${customerId}`,
    { ...prefixCondition(customerPk(tenantId, customerId), list.prefix), ScanIndexForward: !list.newestFirst },
    page,
  );
  if (result.items.length === 0 && !page.cursor) await assertCustomerExists(tenantId, customerId);
  return { items: result.items.map(toApi), nextCursor: result.nextCursor };
}

/** A person's history list of one kind (`H#<kind>#…`), newest first. */
export function listHistory<Item, T>(tenantId: string, customerId: string, kind: string, page: PageRequest, toApi: (item: Item) => T) {
  return listOfPerson(tenantId, customerId, { listId: `history\n${kind}`, prefix: historyKeys.prefix(kind), newestFirst: true }, page, toApi);
}

/**
 * An empty first page may mean "no such person" (or another tenant's id): only then is the
 * profile read, so a list that has items stays one request.
 */
export async function assertCustomerExists(tenantId: string, customerId: string): Promise<void> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, customerId), ProjectionExpression: 'pk' }),
  );
  if (!result.Item) throw new NotFoundError('customer');
}
