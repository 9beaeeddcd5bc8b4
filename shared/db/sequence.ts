import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { tenantKeys } from './keys';

/** Customer and order numbers start here. */
export const FIRST_NUMBER = 1000;

/**
 * The next number of a per-tenant sequence: one atomic counter update. A number taken by a
 * request that then fails is never handed out again, so numbers are unique and increasing,
 * not necessarily gapless. With `count`, takes that many numbers at once and answers the last
 * (the batch holds `last - count + 1` to `last`).
 */
export async function nextNumber(tenantId: string, sequence: 'customer' | 'order', count = 1): Promise<number> {
  const result = await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: tenantKeys.counter(tenantId, sequence),
      UpdateExpression: 'SET #value = if_not_exists(#value, :before) + :one, #type = :type',
      ExpressionAttributeNames: { '#value': 'value', '#type': 'type' },
      ExpressionAttributeValues: { ':before': FIRST_NUMBER - 1, ':one': count, ':type': 'counter' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.value);
}
