import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { dynamo, tableName } from '../db/client';
import { queryPages } from '../db/query-pages';
import { prefixCondition } from '../db/cursor';
import { systemActor } from '../db/item-stamp';
import { fieldUpdateWrite, versionIs, type UpdateParts } from '../db/item-writes';
import { recordMarker } from '../db/record-once';
import { ConditionsFailedError, transactWrite, withLostRaceRetry } from '../db/transact';
import type { PersonStats } from '../people/customer-schemas';
import { customerKeys } from '../people/keys';
import { NO_ORDERS, sameContribution, statsAfterOrderChange, statsOfOrders, type OrderContribution } from '../people/person-stats';
import type { StreamChange } from '../streams/stream-handler';
import { orderKeys } from './keys';
import type { OrderItem } from './order-items';

/**
 * A person's order statistics (`stats` on the profile: placed orders, lifetime value, first and
 * last order).
 *
 * A placed order moves them in its own transaction (`placementStatsUpdate`), so the profile says
 * it as soon as the order answers; the order carries `statsCounted` to say so. Everything else
 * reaches them through the `person-stats` consumer, from the orders' stream records: a cancelled
 * order is taken back (when it held the first or the last date, those are read again from the
 * person's placed orders), and an order a merge moves (or its undo moves back) leaves one
 * person's statistics, as a stub takes its place, and joins the other's. A record is applied once
 * (a marker in the same transaction as the profile's update), and the update is conditioned on
 * the profile's version as read, so records of one person applied at once never lose each
 * other's counts.
 */
export const PERSON_STATS = 'person-stats';
const actor = systemActor(PERSON_STATS);

function contribution(item: Partial<OrderItem> | undefined): OrderContribution | null {
  return item?.type === 'order' && item.status === 'placed' && item.createdAt
    ? { totalCents: item.totalCents ?? 0, placedAt: item.createdAt }
    : null;
}

/**
 * What placing an order moves on its person's profile, for the order's transaction: the counts
 * added (`ADD`, so orders placed at once never collide), the last date set unless a later order
 * got there first, the first date when there is none yet; the whole `stats` on a first order.
 * Each part is conditioned on what it was decided from: a condition that fails is a lost race,
 * decided again from the profile read again.
 */
export function placementStatsUpdate(stats: PersonStats | undefined, placed: OrderContribution): UpdateParts {
  if (!stats) {
    return { fields: { stats: statsOfOrders([placed]) }, condition: { expression: 'attribute_not_exists(#stats)', names: { '#stats': 'stats' } } };
  }
  const names: Record<string, string> = { '#stats': 'stats' };
  const values: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  const conditions = ['attribute_exists(#stats)'];
  // A date is set only while it is none or `compare` holds against it (another order may have moved it since the read).
  const dateMayBecome = (field: 'firstOrderAt' | 'lastOrderAt', tag: string, compare: '<' | '>') => {
    fields[`stats.${field}`] = placed.placedAt;
    names[tag] = field;
    values[':placedAt'] = placed.placedAt;
    values[':noDate'] = 'NULL';
    conditions.push(`(attribute_not_exists(#stats.${tag}) OR attribute_type(#stats.${tag}, :noDate) OR #stats.${tag} ${compare} :placedAt)`);
  };
  const { firstOrderAt = null, lastOrderAt = null } = stats;
  if (lastOrderAt === null || placed.placedAt > lastOrderAt) dateMayBecome('lastOrderAt', '#last', '<');
  if (firstOrderAt === null || placed.placedAt < firstOrderAt) dateMayBecome('firstOrderAt', '#first', '>');
  return {
    fields,
    add: { 'stats.orderCount': 1, 'stats.lifetimeValueCents': placed.totalCents },
    condition: { expression: conditions.join(' AND '), names, values },
  };
}

export async function applyOrderToStats(change: StreamChange): Promise<void> {
  // Placed with its statistics moved in its own transaction (a merge's copy is not: it moves them here).
  if (change.eventName === 'INSERT' && change.newItem?.statsCounted === true && change.newItem.movedBy === undefined) return;
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

/**
 * The person's placed orders (when and for how much), a page at a time, oldest or newest first:
 * one consistent Query of their order prefix, the other orders filtered out.
 */
async function* placedOrderPages(tenantId: string, customerId: string, options: { oldestFirst: boolean; limit?: number }): AsyncGenerator<OrderContribution[]> {
  const range = prefixCondition(customerKeys.profile(tenantId, customerId).pk, orderKeys.prefix);
  const pages = queryPages<{ createdAt: string; totalCents?: number }>({
    KeyConditionExpression: range.KeyConditionExpression,
    ConsistentRead: true,
    ScanIndexForward: options.oldestFirst,
    FilterExpression: '#status = :placed',
    ProjectionExpression: 'createdAt, totalCents',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ...range.ExpressionAttributeValues, ':placed': 'placed' },
    Limit: options.limit,
  });
  for await (const page of pages) yield page.map((item) => ({ placedAt: item.createdAt, totalCents: item.totalCents ?? 0 }));
}

/** The oldest (or newest) placed order's date: orders read 50 at a time until a placed one shows. */
async function firstPlacedAt(tenantId: string, customerId: string, oldestFirst: boolean): Promise<string | null> {
  for await (const page of placedOrderPages(tenantId, customerId, { oldestFirst, limit: 50 })) if (page[0]) return page[0].placedAt;
  return null;
}

/** All the person's placed orders, as their statistics count them. */
async function placedContributions(tenantId: string, customerId: string): Promise<OrderContribution[]> {
  const placed: OrderContribution[] = [];
  for await (const page of placedOrderPages(tenantId, customerId, { oldestFirst: true })) placed.push(...page);
  return placed;
}

/**
 * A person's statistics counted again from all their placed orders, and written when the stored
 * ones differ, conditioned on the profile's version (an order meanwhile: counted again). For the
 * operator's `scripts/recount-person-stats.ts`; run it when the stream is quiet, since a cancel
 * the consumer has not applied yet would be taken back twice. @returns whether they differed.
 */
export async function recountStats(tenantId: string, customerId: string, options: { dryRun?: boolean } = {}): Promise<boolean> {
  const key = customerKeys.profile(tenantId, customerId);
  return withLostRaceRetry(async () => {
    const { Item: profile } = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true, ProjectionExpression: 'version, stats' }));
    if (!profile) return false;
    const counted = statsOfOrders(await placedContributions(tenantId, customerId));
    const stored = { ...NO_ORDERS, ...(profile.stats as PersonStats | undefined) };
    if ((Object.keys(NO_ORDERS) as (keyof PersonStats)[]).every((field) => stored[field] === counted[field])) return false;
    if (!options.dryRun) {
      await transactWrite([fieldUpdateWrite('profile', key, { stats: counted }, actor, nowIso(), { condition: versionIs(profile.version as number) })]);
    }
    return true;
  });
}
