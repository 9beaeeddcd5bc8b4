import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { openCursor, sealCursor } from './cursor';
import { customerPk } from './keys';

/**
 * A person's history lists (notes, changes, email logs, credits, orders, reservations) are
 * items `H#<kind>#<ulid>` in their partition: each list is one Query on its own prefix,
 * newest first, however long the other lists grow.
 */
export const historyKeys = {
  item: (tenantId: string, customerId: string, kind: string, id: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `H#${kind}#${id}`,
  }),
};

export async function listHistory<T>(
  tenantId: string,
  customerId: string,
  kind: string,
  page: { limit: number; cursor?: string },
  toApi: (item: Record<string, unknown>) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const listId = `history\n${customerId}\n${kind}`;
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': customerPk(tenantId, customerId), ':prefix': `H#${kind}#` },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: await openCursor(tenantId, listId, page.cursor),
    }),
  );
  return {
    items: (result.Items ?? []).map(toApi),
    nextCursor: await sealCursor(tenantId, listId, result.LastEvaluatedKey),
  };
}
