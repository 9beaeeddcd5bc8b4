/**
 * One-off backfill for memberships written before club life (scheduled pauses, gifts, stats):
 *
 *   TABLE_NAME=<table> npx tsx scripts/backfill-club-life.ts [--stats]
 *
 * 1. Due keys. Paused memberships used to wait on gsi2 under one key for every winery
 *    (`DUE#PAUSE`). Each is moved to its date- and shard-bucketed due key (`DUE#<day>#<shard>`,
 *    today's when its day has passed) with its `nextDueOn`: a Query of the old partition, a page
 *    at a time, and an update of the index keys alone (no new version: what the membership is does
 *    not change, so no client's `If-Match` goes stale and the change history records nothing),
 *    conditioned on the item still being on the old key. Run it right after deploying; until it
 *    has run, the old pauses do not resume. Running it again moves whatever is left.
 * 2. With `--stats`: each club's live counts (members by join day and status: the members now,
 *    and the median tenure), recounted from its live memberships (gsi4, a Query per club) and
 *    written as they are now (a join day's count of joins stays; the old `TOTALS` item goes). The `club-stats` consumer keeps them from then on; a change made while this runs
 *    can be off by one until the next run. The clubs are found with a Scan filtered on
 *    `type = club`: an administrator's one-off, never a request path. The 30-day counts (joins,
 *    cancellations, reasons) start from the deployment.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { isoDate } from '../shared/clock';
import { dynamo, tableName } from '../shared/db/client';
import { queryAll, queryPages } from '../shared/db/query-pages';
import { membershipItem, type MembershipItem } from '../shared/clubs/club-items';
import { clubStatsKeys, LEGACY_PAUSE_DUE_PARTITION, membershipKeys } from '../shared/clubs/keys';
import { withIndexKeys } from '../shared/clubs/membership-repository';
import { flag, runAsScript } from './one-off';
import { scanItems } from './table-scan';

export async function moveDueKeys(today: string): Promise<number> {
  let moved = 0;
  const pages = queryPages({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :legacy',
    ExpressionAttributeValues: { ':legacy': LEGACY_PAUSE_DUE_PARTITION },
    Limit: 100,
  });
  for await (const page of pages) {
    for (const stored of page) {
      const item = withIndexKeys(membershipItem(stored), today);
      const keys = item.gsi2pk ? 'SET gsi2pk = :pk, gsi2sk = :sk, nextDueOn = :due' : 'SET nextDueOn = :due REMOVE gsi2pk, gsi2sk';
      try {
        await dynamo.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: keys,
            ConditionExpression: 'gsi2pk = :legacy',
            ExpressionAttributeValues: {
              ':legacy': LEGACY_PAUSE_DUE_PARTITION,
              ':due': item.nextDueOn,
              ...(item.gsi2pk ? { ':pk': item.gsi2pk, ':sk': item.gsi2sk } : {}),
            },
          }),
        );
        moved += 1;
      } catch (error) {
        // Changed meanwhile: its own write gave it the new keys.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
  return moved;
}

export async function recountClubStats(): Promise<number> {
  let clubs = 0;
  await scanItems<{ tenantId: string; id: string }>({ types: ['club'], projection: 'tenantId, id' }, async (found) => {
    for (const club of found) {
      await recountClub(club.tenantId, club.id);
      clubs += 1;
    }
  });
  return clubs;
}

/** One club's live counts, recounted from its live memberships and written by join day and status. */
export async function recountClub(tenantId: string, clubId: string): Promise<void> {
  const zero = () => ({ active: 0, paused: 0 });
  const joined = new Map<string, { active: number; paused: number }>();
  const live = queryPages({
    IndexName: 'gsi4',
    KeyConditionExpression: 'gsi4pk = :live',
    ExpressionAttributeValues: { ':live': membershipKeys.clubLivePartition(tenantId, clubId) },
  });
  for await (const page of live) {
    for (const stored of page) {
      const item: MembershipItem = membershipItem(stored);
      if (item.status !== 'active' && item.status !== 'paused') continue;
      const day = item.joinedAt.slice(0, 10);
      const counts = joined.get(day) ?? zero();
      counts[item.status] += 1;
      joined.set(day, counts);
    }
  }
  // Join days counted before but without live members now go to zero.
  const existing = await queryAll({
    KeyConditionExpression: 'pk = :club AND begins_with(sk, :joined)',
    ExpressionAttributeValues: { ':club': clubStatsKeys.partition(tenantId, clubId), ':joined': 'JOINED#' },
  });
  for (const item of existing) {
    const day = (item.sk as string).slice('JOINED#'.length);
    if (!joined.has(day)) joined.set(day, zero());
  }
  // Each join day's live members by status, as now (its count of joins stays); the totals counted before go.
  for (const [day, { active, paused }] of joined) {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: clubStatsKeys.joined(tenantId, clubId, day),
        UpdateExpression: 'SET #type = :type, active = :active, paused = :paused REMOVE members',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'club-stats', ':active': active, ':paused': paused },
      }),
    );
  }
  await dynamo.send(new DeleteCommand({ TableName: tableName, Key: clubStatsKeys.totals(tenantId, clubId) }));
}

runAsScript(import.meta.url, async () => {
  const moved = `Moved ${await moveDueKeys(isoDate())} paused memberships to their due keys.`;
  return flag('stats') ? `${moved}\nRecounted the stats of ${await recountClubStats()} clubs.` : moved;
});
