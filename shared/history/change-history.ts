import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { nowIso } from '../clock';
import { diffFields } from './change-diff';
import type { Actor } from '../schemas/common';
import type { Change } from '../people/profile-schemas';
import { dynamo, tableName } from '../db/client';
import { historyKeys, listHistory } from './history';
import type { StreamChange } from '../streams/stream-handler';

/**
 * The audit log of a person, written from the table's stream: one entry per insert, update or
 * delete of the person's items, with the actor read from the item's `updatedBy`. The entry's
 * key is derived from the stream record (time of the change + a hash of the record id) and
 * written with `attribute_not_exists`, so a redelivered record writes nothing twice.
 */
const ACTIONS = { INSERT: 'created', MODIFY: 'updated', REMOVE: 'deleted' } as const;
const SYSTEM: Actor = { kind: 'system', id: 'system', name: null };

export function changeEntryOf(change: StreamChange): (Change & { tenantId: string; customerId: string }) | undefined {
  const item = change.newItem ?? change.oldItem;
  if (!item) return undefined;
  const tenantId = item.tenantId as string | undefined;
  const customerId = (item.type === 'customer' ? item.id : item.customerId) as string | undefined;
  if (!tenantId || !customerId) return undefined;
  const fields = diffFields(change.oldItem, change.newItem);
  // A stamp-only update (e.g. recording who is about to delete) is not a change of its own.
  if (change.eventName === 'MODIFY' && fields.length === 0) return undefined;
  const at = ((change.newItem ?? change.oldItem)?.updatedAt as string | undefined) ?? nowIso();
  return {
    id: `${at}~${createHash('sha256').update(change.eventId).digest('base64url').slice(0, 16)}`,
    at,
    actor: (item.updatedBy as Actor | undefined) ?? SYSTEM,
    entity: item.type as string,
    entityId: item.id as string,
    action: ACTIONS[change.eventName],
    fields,
    tenantId,
    customerId,
  };
}

export async function recordChange(change: StreamChange): Promise<void> {
  const entry = changeEntryOf(change);
  if (!entry) return;
  const { tenantId, customerId, ...publicEntry } = entry;
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...historyKeys.item(tenantId, customerId, 'CHANGE', entry.id), type: 'change', tenantId, customerId, change: publicEntry },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export function listChanges(tenantId: string, customerId: string, page: { limit: number; cursor?: string }) {
  return listHistory(tenantId, customerId, 'CHANGE', page, (item) => item.change as Change);
}
