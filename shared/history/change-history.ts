import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import type { Change } from './history-schemas';
import { dynamo, tableName } from '../db/client';
import { listHistory } from './history';
import { CHANGE_KIND, changeKeys } from './keys';
import { changeEntryOf } from './change-entry';
import type { StreamChange } from '../streams/stream-handler';

/**
 * The audit log of a person, written from the table's stream: one entry per insert, update or
 * delete of the person's items (see `change-entry.ts`), with the actor read from the item's
 * `updatedBy`. Written with `attribute_not_exists` under an id derived from the stream record,
 * so a redelivered record writes nothing twice.
 */
export async function recordChange(change: StreamChange): Promise<void> {
  const entry = changeEntryOf(change, nowIso());
  if (!entry) return;
  const { tenantId, customerId, ...publicEntry } = entry;
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...changeKeys.entry(tenantId, customerId, entry.id), type: 'change', tenantId, customerId, change: publicEntry },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export function listChanges(tenantId: string, customerId: string, page: { limit: number; cursor?: string }) {
  return listHistory(tenantId, customerId, CHANGE_KIND, page, (item: { change: Change }) => item.change);
}
