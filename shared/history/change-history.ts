import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import type { Change } from './history-schemas';
import { dynamo, tableName } from '../db/client';
import { listHistory } from './history';
import { CHANGE_KIND, changeKeys } from './keys';
import { changeEntryOf } from './change-entry';
import { needsRedaction, redactChange } from './change-redaction';
import { customerKeys } from '../people/keys';
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
  const key = changeKeys.entry(tenantId, customerId, entry.id);
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key, type: 'change', tenantId, customerId, change: publicEntry },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  await redactIfErased(key, tenantId, customerId, publicEntry);
}

/**
 * Written first, checked after: an erase redacts the history it finds once the profile is
 * erased, so an entry written before that check is redacted by the erase, and one written after
 * it sees the erased profile here. Either way no entry keeps a former name, email or phone.
 */
async function redactIfErased(key: { pk: string; sk: string }, tenantId: string, customerId: string, entry: Change): Promise<void> {
  if (!needsRedaction(entry)) return;
  const profile = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, customerId), ProjectionExpression: 'erasedAt', ConsistentRead: true }),
  );
  if (!profile.Item?.erasedAt) return;
  await dynamo.send(new PutCommand({ TableName: tableName, Item: { ...key, type: 'change', tenantId, customerId, change: redactChange(entry) } }));
}

export function listChanges(tenantId: string, customerId: string, page: { limit: number; cursor?: string }) {
  return listHistory(tenantId, customerId, CHANGE_KIND, page, (item: { change: Change }) => item.change);
}
