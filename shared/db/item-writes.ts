import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../http/errors';
import type { Actor } from '../schemas/common';
import { tableName } from './client';
import { dynamo } from './client';
import { nextStamp, type Stamped } from './item-stamp';
import { customerKeys } from './keys';
import { ConditionsFailedError, type NamedWrite } from './transact';

/** Writes shared by every repository: versioned puts, and deletes that record who deleted. */
type Key = { pk: string; sk: string };

export const putNew = (name: string, item: object): NamedWrite => ({
  name,
  write: { Put: { TableName: tableName, Item: item as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(pk)' } },
});

/** Replaces an item only if it is still at the version that was read. */
export const putIfVersion = (name: string, item: object, version: number): NamedWrite => ({
  name,
  write: {
    Put: {
      TableName: tableName,
      Item: item as Record<string, unknown>,
      ConditionExpression: '#version = :v',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':v': version },
    },
  },
});

/** The writes that leave exactly `defaultId` marked default among `siblings`. */
export function defaultSwitchWrites<T extends Stamped & { id: string; isDefault: boolean }>(
  siblings: readonly T[],
  defaultId: string,
  actor: Actor,
  at: string,
): NamedWrite[] {
  return siblings
    .filter((item) => item.isDefault !== (item.id === defaultId))
    .map((item) =>
      putIfVersion(`sibling:${item.id}`, { ...item, isDefault: item.id === defaultId, ...nextStamp(item, actor, at) }, item.version),
    );
}

/**
 * Deletes an item so that the change history can name who deleted it: first the deleter is
 * stamped on the item (conditioned on the version read, or on `ifMatch`), then the item is
 * deleted if nobody wrote in between. `extraCondition` guards rules such as "not the default".
 */
export async function deleteWithActor(
  key: Key,
  current: Stamped,
  actor: Actor,
  at: string,
  ifMatch: number | undefined,
  extraCondition?: { expression: string; values: Record<string, unknown>; conflict: ConflictError },
): Promise<void> {
  if (ifMatch !== undefined && ifMatch !== current.version) throw new PreconditionFailedError();
  const next = nextStamp(current, actor, at);
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET #version = :next, updatedAt = :at, updatedBy = :by',
        ConditionExpression: `#version = :v${extraCondition ? ` AND ${extraCondition.expression}` : ''}`,
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: {
          ':v': current.version,
          ':next': next.version,
          ':at': at,
          ':by': actor,
          ...extraCondition?.values,
        },
      }),
    );
    await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: key,
        ConditionExpression: '#version = :next',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':next': next.version },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (extraCondition) throw extraCondition.conflict;
    throw new PreconditionFailedError();
  }
}

const CUSTOMER_CHECK = 'customer';

/** After a failed transaction that had `customerExists`: a missing person is a 404. */
export function throwIfNoCustomer(error: unknown): void {
  if (error instanceof ConditionsFailedError && error.failed.has(CUSTOMER_CHECK)) throw new NotFoundError('customer');
}

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
