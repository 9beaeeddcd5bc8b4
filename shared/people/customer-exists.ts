import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../db/client';
import { ConditionsFailedError, type NamedWrite } from '../db/transact';
import { MergedPersonError, NotFoundError } from '../errors';
import { customerKeys } from './keys';

/**
 * "Does this person exist in the tenant", asked in one place, two ways: as a condition of a
 * write (`customerExists`, in the write's own transaction, so nothing is stored for an unknown
 * or foreign id) and as a read (`assertCustomerExists`, for a list whose first page is empty).
 * Either way a missing person is a 404 `customer`.
 */
const CUSTOMER_CHECK = 'customer';

/**
 * The check that makes a write about a person fail (as `customer`) when there is no such
 * person in the tenant, so a write for an unknown or foreign id is a 404 and stores nothing.
 */
export function customerExists(tenantId: string, customerId: string): NamedWrite {
  return {
    name: CUSTOMER_CHECK,
    write: { ConditionCheck: { TableName: tableName, Key: customerKeys.profile(tenantId, customerId), ConditionExpression: 'attribute_exists(pk)' } },
  };
}

/** After a failed transaction that had `customerExists`: a missing person is a 404. */
export function throwIfNoCustomer(error: unknown): void {
  if (error instanceof ConditionsFailedError && error.failed.has(CUSTOMER_CHECK)) throw new NotFoundError('customer');
}

/**
 * An empty first page of a person's list may mean "no such person" (or another tenant's id, or
 * someone merged into another: a 410 naming them): only then are the profile and the word of a
 * merge read, by one Query of the two keys' range (`P#MERGED` … `P#PROFILE`), so a list that has
 * items stays one request.
 */
export async function assertCustomerExists(tenantId: string, customerId: string): Promise<void> {
  const profile = customerKeys.profile(tenantId, customerId);
  const merged = customerKeys.mergedInto(tenantId, customerId);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :merged AND :profile',
      ExpressionAttributeValues: { ':pk': profile.pk, ':merged': merged.sk, ':profile': profile.sk },
      ProjectionExpression: 'sk, mergedInto',
      ConsistentRead: true,
    }),
  );
  const items = result.Items ?? [];
  if (items.some((item) => item.sk === profile.sk)) return;
  const word = items.find((item) => item.sk === merged.sk);
  throw word ? new MergedPersonError(word.mergedInto as string) : new NotFoundError('customer');
}
