import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { normalizeText } from '../people/people-search';
import type { Actor } from '../schemas/common';
import { ValidationError } from '../errors';
import type { StaffMember } from './staff-schemas';
import type { StreamChange } from '../streams/stream-handler';
import { dynamo, tableName } from '../db/client';
import { queryPage, type PageRequest } from '../db/cursor';
import { staffKeys } from './keys';

/**
 * The staff directory: the staff members seen writing a person's records, per tenant, recorded
 * by the `change-history` consumer from the `updatedBy` of each stream image (the identity
 * provider stays the source of truth; this is who has worked here, with their latest name).
 * An item `STAFF#<id>` under the tenant, listed by name on gsi4.
 *
 * A staff member writes often: the put is conditioned to happen only for someone new, a new
 * name, or a day after the last record, and the container remembers what it wrote, so most
 * records cost no request at all.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const MEMO_LIMIT = 1000;
const written = new Map<string, { name: string; lastSeenAt: string }>();

interface StaffItem {
  pk: string;
  sk: string;
  type: 'staff';
  tenantId: string;
  id: string;
  name: string;
  lastSeenAt: string;
  gsi4pk: string;
  gsi4sk: string;
}

const toStaffMember = (item: StaffItem): StaffMember => ({ id: item.id, name: item.name, lastSeenAt: item.lastSeenAt });

/** Records the staff member behind a change of a person's item (nothing for customers and the system). */
export async function recordStaffSeen(change: StreamChange): Promise<void> {
  const item = change.newItem ?? change.oldItem;
  const actor = item?.updatedBy as Actor | undefined;
  const tenantId = item?.tenantId as string | undefined;
  const at = item?.updatedAt as string | undefined;
  if (!tenantId || !at || actor?.kind !== 'staff') return;
  const name = actor.name ?? actor.id;
  const memoKey = `${tenantId}\n${actor.id}`;
  const seen = written.get(memoKey);
  if (seen && seen.name === name && Date.parse(at) - Date.parse(seen.lastSeenAt) < DAY_MS) return;

  const staffItem: StaffItem = {
    ...staffKeys.member(tenantId, actor.id),
    type: 'staff',
    tenantId,
    id: actor.id,
    name,
    lastSeenAt: at,
    gsi4pk: staffKeys.partition(tenantId),
    gsi4sk: `${normalizeText(name)}\u0001${actor.id}`,
  };
  let stored: { name: string; lastSeenAt: string } = staffItem;
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: staffItem,
        // Never back in time (a replayed record), and only when it tells something new.
        ConditionExpression: 'attribute_not_exists(pk) OR (lastSeenAt < :at AND (#name <> :name OR lastSeenAt < :dayBefore))',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':at': at, ':name': name, ':dayBefore': new Date(Date.parse(at) - DAY_MS).toISOString() },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Another container recorded them already: remember what is stored.
    stored = unmarshall(error.Item ?? {}) as StaffItem;
  }
  if (written.size >= MEMO_LIMIT) written.clear();
  written.set(memoKey, { name: stored.name, lastSeenAt: stored.lastSeenAt });
}

/** `GET /v1/staff`: the tenant's staff directory by name, one Query per page. */
export async function listStaff(
  tenantId: string,
  page: PageRequest,
): Promise<{ items: StaffMember[]; nextCursor: string | null }> {
  const result = await queryPage<StaffItem>(
    tenantId,
    'staff',
    {
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :partition',
      ExpressionAttributeValues: { ':partition': staffKeys.partition(tenantId) },
    },
    page,
  );
  return { items: result.items.map(toStaffMember), nextCursor: result.nextCursor };
}

/**
 * A membership's owner is a staff member of the winery: the caller, or one the directory lists
 * (`GET /v1/staff`). Anything else (a made-up id, another winery's staff member) is a 400 naming
 * `ownerId`. The directory only grows (entries are never removed), so a read before the write
 * cannot be overtaken.
 */
export async function assertStaffMember(tenantId: string, ownerId: string | null | undefined, caller: Actor): Promise<void> {
  if (ownerId === undefined || ownerId === null || (caller.kind === 'staff' && ownerId === caller.id)) return;
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: staffKeys.member(tenantId, ownerId), ProjectionExpression: 'pk' }));
  if (!result.Item) throw new ValidationError([{ path: 'ownerId', message: 'is not a staff member of this winery (the caller or one GET /v1/staff lists)' }]);
}
