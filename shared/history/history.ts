import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors';
import { dynamo, tableName } from '../db/client';
import { queryPage, type PageRequest } from '../db/cursor';
import { customerPk } from '../db/keys';
import { customerKeys } from '../people/keys';
import { historyKeys } from './keys';

/**
 * A person's history lists (notes, changes, email logs, credits, orders, reservations) are
 * items `H#<kind>#<id>` in their partition (see `./keys`): each list is one Query on its own
 * prefix, newest first, however long the other lists grow.
 */
export async function listHistory<Item, T>(
  tenantId: string,
  customerId: string,
  kind: string,
  page: PageRequest,
  toApi: (item: Item) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const result = await queryPage<Item>(
    tenantId,
    `history\n${customerId}\n${kind}`,
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': customerPk(tenantId, customerId), ':prefix': historyKeys.prefix(kind) },
      ScanIndexForward: false,
    },
    page,
  );
  if (result.items.length === 0 && !page.cursor) await assertCustomerExists(tenantId, customerId);
  return { items: result.items.map(toApi), nextCursor: result.nextCursor };
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
