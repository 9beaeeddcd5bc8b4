import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../db/client';
import { ConditionsFailedError, type NamedWrite } from '../db/transact';
import { NotFoundError } from '../errors';
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
 * An empty first page of a person's list may mean "no such person" (or another tenant's id):
 * only then is the profile read (its key alone), so a list that has items stays one request.
 */
export async function assertCustomerExists(tenantId: string, customerId: string): Promise<void> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, customerId), ProjectionExpression: 'pk' }),
  );
  if (!result.Item) throw new NotFoundError('customer');
}
