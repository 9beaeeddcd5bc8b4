import { tableName } from '../db/client';
import { ConditionsFailedError, type NamedWrite } from '../db/transact';
import { NotFoundError } from '../errors';
import { customerKeys } from './keys';

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
