import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { dynamo, tableName } from '../db/client';
import { prefixCondition } from '../db/cursor';
import { systemActor } from '../db/item-stamp';
import { fieldUpdateWrite, versionIs } from '../db/item-writes';
import { recordMarker } from '../db/record-once';
import { ConditionsFailedError, transactWrite, withLostRaceRetry } from '../db/transact';
import type { PersonStats } from '../people/customer-schemas';
import { customerKeys } from '../people/keys';
import { NO_ORDERS, sameContribution, statsAfterOrderChange, type OrderContribution } from '../people/person-stats';
import type { StreamChange } from '../streams/stream-handler';
import { orderKeys } from './keys';
import type { OrderItem } from './order-repository';

/**
 * The `person-stats` consumer: each order's stream records move its person's statistics
 * (`stats` on the profile: placed orders, lifetime value, first and last order). A record is
 * applied once (a marker in the same transaction as the profile's update), and the update is
 * conditioned on the profile's version as read, so orders of one person applied at once never
 * lose each other's counts. A cancelled order is taken back; when it held the first or the last
 * date, those are read again from the person's placed orders. An order a merge moves (or its
 * undo moves back) leaves one person's statistics, as a stub takes its place, and joins the other's.
 */
export const PERSON_STATS = 'person-stats';
const actor = systemActor(PERSON_STATS);

function contribution(item: Partial<OrderItem> | undefined): OrderContribution | null {
  return item?.type === 'order' && item.status === 'placed' && item.createdAt
    ? { totalCents: item.totalCents ?? 0, placedAt: item.createdAt }
    : null;
}

export async function applyOrderToStats(change: StreamChange): Promise<void> {
  const images = [change.newItem, change.oldItem] as (Partial<OrderItem> | undefined)[];
  const before = contribution(change.oldItem as Partial<OrderItem> | undefined);
  const after = contribution(change.newItem as Partial<OrderItem> | undefined);
  // A merge's move leaves a stub (`moved`) where the order was: the person is the order image's.
  const order = images.find((image) => image?.type === 'order');
  const tenantId = order?.tenantId;
  const customerId = order?.customerId;
  if (!tenantId || !customerId || sameContribution(before, after)) return;
  const key = customerKeys.profile(tenantId, customerId);

  await withLostRaceRetry(async () => {
    const { Item: profile } = await dynamo.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true, ProjectionExpression: 'version, stats' }),
    );
    if (!profile) return; // The person is gone: nothing to keep.
    const next = statsAfterOrderChange({ ...NO_ORDERS, ...(profile.stats as PersonStats | undefined) }, before, after);
    const stats = next.datesFromOrders ? { ...next.stats, ...(await placedOrderDates(tenantId, customerId)) } : next.stats;
    try {
      await transactWrite([
        recordMarker(tenantId, PERSON_STATS, change.eventId),
        fieldUpdateWrite('profile', key, { stats }, actor, nowIso(), { condition: versionIs(profile.version as number) }),
      ]);
    } catch (error) {
      if (error instanceof ConditionsFailedError && error.failed.has('marker')) return; // Applied before.
      throw error;
    }
  });
}

/** The first and the last placed order's dates: the oldest and the newest order read until a placed one shows. */
async function placedOrderDates(tenantId: string, customerId: string): Promise<Pick<PersonStats, 'firstOrderAt' | 'lastOrderAt'>> {
  const [firstOrderAt, lastOrderAt] = await Promise.all([firstPlacedAt(tenantId, customerId, true), firstPlacedAt(tenantId, customerId, false)]);
  return { firstOrderAt, lastOrderAt };
}

async function firstPlacedAt(tenantId: string, customerId: string, oldestFirst: boolean): Promise<string | null> {
  const range = prefixCondition(customerKeys.profile(tenantId, customerId).pk, orderKeys.prefix);
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: range.KeyConditionExpression,
        ConsistentRead: true,
        ScanIndexForward: oldestFirst,
        FilterExpression: '#status = :placed',
        ProjectionExpression: 'createdAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...range.ExpressionAttributeValues, ':placed': 'placed' },
        Limit: 50,
        ExclusiveStartKey: startKey,
      }),
    );
    const found = result.Items?.[0]?.createdAt as string | undefined;
    if (found) return found;
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return null;
}
