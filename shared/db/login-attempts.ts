import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { now } from '../clock';
import { dynamo, tableName } from './client';

/**
 * Failed portal logins per email: after MAX_FAILURES within WINDOW_MS the email is locked out
 * (429) until the window that started with its first failure ends. One item per email, which
 * expires by itself.
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

const attemptKey = (tenantId: string, email: string) => ({ pk: `T#${tenantId}#LOGIN#${email.toLowerCase()}`, sk: 'FAILURES' });

export async function isLockedOut(tenantId: string, email: string): Promise<boolean> {
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: attemptKey(tenantId, email), ConsistentRead: true }));
  const item = result.Item;
  return !!item && item.windowStart > now().getTime() - WINDOW_MS && item.failures >= MAX_FAILURES;
}

export async function recordFailure(tenantId: string, email: string): Promise<void> {
  const at = now().getTime();
  const key = attemptKey(tenantId, email);
  try {
    // Count into the open window…
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'ADD failures :one',
        ConditionExpression: 'windowStart > :cutoff',
        ExpressionAttributeValues: { ':one': 1, ':cutoff': at - WINDOW_MS },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // …or open a new one. Two first failures at once: one opens it, the other counts into it.
    try {
      await dynamo.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key, type: 'login-failures', failures: 1, windowStart: at, expiresAt: Math.ceil((at + WINDOW_MS) / 1000) + 60 },
          ConditionExpression: 'attribute_not_exists(pk) OR windowStart <= :cutoff',
          ExpressionAttributeValues: { ':cutoff': at - WINDOW_MS },
        }),
      );
    } catch (raced) {
      if (!(raced instanceof ConditionalCheckFailedException)) throw raced;
      await recordFailure(tenantId, email);
    }
  }
}

export async function clearFailures(tenantId: string, email: string): Promise<void> {
  await dynamo.send(new DeleteCommand({ TableName: tableName, Key: attemptKey(tenantId, email) }));
}
