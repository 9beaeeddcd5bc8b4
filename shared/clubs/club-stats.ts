import { addDays, isoDate } from '../clock';
import { tableName } from '../db/client';
import { queryAll } from '../db/query-pages';
import { writeOncePerRecord } from '../db/record-once';
import type { NamedWrite } from '../db/transact';
import type { StreamChange } from '../streams/stream-handler';
import { cachedSettings } from '../settings/settings-repository';
import type { ClubStats } from './club-schemas';
import { getClubItem } from './club-repository';
import { membershipItem, type MembershipItem } from './club-items';
import { daysBetween, isLive } from './membership';
import { FREE_TEXT_REASON_KEY, MERGED_REASON_KEY, reasonTitle } from './membership-rules';
import { clubStatsKeys } from './keys';

/**
 * Each club's stats, kept by the `club-stats` consumer from the memberships' stream records
 * (never counted on read, no Scan): counters under `T#<tenant>#CLUBSTATS#<clubId>`, each record
 * applied once (a marker in the same transaction).
 *
 *   DAY#<date>      cancelled, `cancel:<reason>`, holds, `hold:<reason>`, saved: what happened
 *                   that UTC day (kept 40 days: the stats look back 30)
 *   JOINED#<date>   active, paused: the live members who joined that day, by status (their sum
 *                   over the days is the club's members now; per day, the median tenure);
 *                   joined: the joins that day. A join moves this one item.
 *
 * Written before, and still read (every counter is a sum, so what was counted the old way and
 * what is counted now add up): `TOTALS` (active, paused: the members then), a join day's
 * `members` (its live members then), a `DAY#` item's `joined` (read for the 40 days it lives).
 *
 * `GET /v1/clubs/{clubId}/stats` is one Query of the club's partition from 30 days ago on.
 */
export const CLUB_STATS = 'club-stats';
const WINDOW_DAYS = 30;
const DAY_ITEM_TTL_DAYS = 40;

type Counters = Record<string, number>;
/** The counters of one stats item a record moves. */
export interface StatsDelta {
  clubId: string;
  /** The item's sort key: `DAY#<date>` or `JOINED#<date>`. */
  sk: string;
  add: Counters;
}

const dayOf = (instant: string) => instant.slice(0, 10);

/**
 * How one membership change moves its club's counters (pure): a live membership counts under its
 * join day, by status; the record's day (`updatedAt`) counts a join
 * (a new live membership), a cancellation and its reason (live → cancelled), and a new hold,
 * its reason and whether it was the save offer taken (`pauseBookedAt` changed).
 */
export function statsDelta(before: MembershipItem | undefined, after: MembershipItem | undefined): StatsDelta[] {
  const deltas = new Map<string, StatsDelta>();
  const add = (clubId: string, sk: string, counter: string, by: number) => {
    const key = `${clubId}\n${sk}`;
    const delta = deltas.get(key) ?? { clubId, sk, add: {} };
    delta.add[counter] = (delta.add[counter] ?? 0) + by;
    deltas.set(key, delta);
  };
  for (const [item, sign] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (!item || !isLive(item.status)) continue;
    add(item.clubId, `JOINED#${dayOf(item.joinedAt)}`, item.status, sign);
  }
  const changed = after ?? before;
  if (changed?.updatedAt) {
    const day = `DAY#${dayOf(changed.updatedAt)}`;
    // A membership a merge (or its undo) moved to another person did not join anew.
    if (!before && after && isLive(after.status) && !movedByMerge(after)) add(after.clubId, `JOINED#${dayOf(changed.updatedAt)}`, 'joined', 1);
    // A merge's cancel keeps the person in the club (their other membership there stays).
    if (before && isLive(before.status) && after?.status === 'cancelled' && after.cancelReasonKey !== MERGED_REASON_KEY) {
      add(before.clubId, day, 'cancelled', 1);
      add(before.clubId, day, `cancel:${after.cancelReasonKey ?? FREE_TEXT_REASON_KEY}`, 1);
    }
    if (after?.pauseBookedAt && after.pauseBookedAt !== before?.pauseBookedAt && isLive(after.status)) {
      add(after.clubId, day, 'holds', 1);
      if (after.pauseReasonKey) add(after.clubId, day, `hold:${after.pauseReasonKey}`, 1);
      if (after.pauseSaved) add(after.clubId, day, 'saved', 1);
    }
  }
  return [...deltas.values()]
    .map((delta) => ({ ...delta, add: Object.fromEntries(Object.entries(delta.add).filter(([, by]) => by !== 0)) }))
    .filter((delta) => Object.keys(delta.add).length > 0);
}

function counterWrite(tenantId: string, delta: StatsDelta, index: number): NamedWrite {
  const names: Record<string, string> = { '#type': 'type' };
  const values: Record<string, unknown> = { ':type': 'club-stats' };
  const adds = Object.entries(delta.add).map(([counter, by], i) => {
    names[`#c${i}`] = counter;
    values[`:c${i}`] = by;
    return `#c${i} :c${i}`;
  });
  const sets = ['#type = :type'];
  if (delta.sk.startsWith('DAY#')) {
    // A day's counters are read for 30 days; DynamoDB deletes them after that.
    names['#expiresAt'] = 'expiresAt';
    values[':expiresAt'] = Math.floor(Date.parse(`${addDays(delta.sk.slice(4), DAY_ITEM_TTL_DAYS)}T00:00:00Z`) / 1000);
    sets.push('#expiresAt = :expiresAt');
  }
  return {
    name: `stats ${index}`,
    write: {
      Update: {
        TableName: tableName,
        Key: { pk: clubStatsKeys.partition(tenantId, delta.clubId), sk: delta.sk },
        UpdateExpression: `ADD ${adds.join(', ')} SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  };
}

const movedByMerge = (item: MembershipItem) => (item as { movedBy?: unknown }).movedBy !== undefined;
/** A membership image, or nothing (no image, or an item that is no longer a membership: a merge's stub). */
const membershipImage = (image: Record<string, unknown> | undefined) => (image?.type === 'membership' ? membershipItem(image) : undefined);

/** Applies one stream record of a membership to its club's (or clubs') stats, once. */
export async function applyStatsChange(change: StreamChange): Promise<void> {
  const before = membershipImage(change.oldItem);
  const after = membershipImage(change.newItem);
  const tenantId = (after ?? before)?.tenantId;
  if (!tenantId) return;
  const deltas = statsDelta(before, after);
  if (deltas.length === 0) return;
  await writeOncePerRecord(tenantId, CLUB_STATS, change.eventId, deltas.map((delta, i) => counterWrite(tenantId, delta, i)));
}

/** `GET /v1/clubs/{clubId}/stats`: one Query of the club's counters (a club read only when it has none, for the 404). */
export async function readClubStats(tenantId: string, clubId: string, today: string = isoDate()): Promise<ClubStats> {
  const from = addDays(today, -(WINDOW_DAYS - 1));
  const items = await queryAll({
    // `DAY#…` < `JOINED#…` < `TOTALS`: the window's days, then every join day (and the totals written before).
    KeyConditionExpression: 'pk = :club AND sk >= :from',
    ExpressionAttributeValues: { ':club': clubStatsKeys.partition(tenantId, clubId), ':from': `DAY#${from}` },
  });
  if (items.length === 0) await getClubItem(tenantId, clubId); // 404 for no such club; else a club nobody joined yet.

  const reasons = (await cachedSettings(tenantId)).clubReasons;
  const num = (value: unknown) => (typeof value === 'number' ? value : 0);
  const inWindow = (prefix: 'DAY#' | 'JOINED#') => (item: Record<string, unknown>) =>
    typeof item.sk === 'string' && item.sk.startsWith(prefix) && item.sk.slice(prefix.length) >= from && item.sk.slice(prefix.length) <= today;
  const days = items.filter(inWindow('DAY#'));
  const sum = (counter: string, among = days) => among.reduce((total, item) => total + num(item[counter]), 0);
  const byReason = (prefix: 'cancel:' | 'hold:', defined: readonly { key: string; title: string }[]) => {
    const counts = new Map<string, number>();
    for (const item of days) {
      for (const [attribute, value] of Object.entries(item)) {
        if (attribute.startsWith(prefix) && num(value) > 0) counts.set(attribute.slice(prefix.length), (counts.get(attribute.slice(prefix.length)) ?? 0) + num(value));
      }
    }
    return [...counts]
      .map(([key, count]) => ({ key, title: reasonTitle(defined, key), count }))
      .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
  };
  const joinItems = items.filter((item) => typeof item.sk === 'string' && item.sk.startsWith('JOINED#'));
  const joinDays = joinItems
    .map((item) => ({ day: (item.sk as string).slice(7), members: num(item.members) + num(item.active) + num(item.paused) }))
    .filter((entry) => entry.members > 0);
  // The members counted before by status (`TOTALS`), and since under their join days.
  const counted = [...joinItems, ...items.filter((item) => item.sk === 'TOTALS')];
  return {
    clubId,
    active: sum('active', counted),
    paused: sum('paused', counted),
    // Joins are counted on their join day's item; on the day's item before (those expire in 40 days).
    joinedLast30Days: sum('joined', items.filter(inWindow('JOINED#'))) + sum('joined'),
    cancelledLast30Days: sum('cancelled'),
    cancelReasons: byReason('cancel:', reasons.cancel),
    holdReasons: byReason('hold:', reasons.hold),
    savedLast30Days: sum('saved'),
    medianTenureDays: medianTenureDays(joinDays, today),
  };
}

/** The median member's days since joining, from how many live members joined each day (null without members). */
export function medianTenureDays(joinDays: readonly { day: string; members: number }[], today: string): number | null {
  const sorted = [...joinDays].sort((a, b) => a.day.localeCompare(b.day));
  const total = sorted.reduce((sum, entry) => sum + entry.members, 0);
  if (total === 0) return null;
  // The lower median for an even count: the member at position ceil(total / 2).
  let seen = 0;
  for (const entry of sorted) {
    seen += entry.members;
    if (seen >= Math.ceil(total / 2)) return Math.max(0, daysBetween(entry.day, today));
  }
  return null;
}
