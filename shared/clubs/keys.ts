import { customerPk, stableHash, tenantPk } from '../db/keys';

/**
 * Every key of the clubs aggregate, declared once.
 *
 * Under the person (`T#<tenant>#C#<id>`):
 *   P#M#<id>          a membership (part of the profile page)
 *   P#CERT#<id>       a certificate (part of the profile page)
 *   MCLUB#<clubId>    guard: one live (active or paused) membership per club, written with
 *                     `attribute_not_exists` in the transaction that joins or switches
 *
 * Under the tenant (`T#<tenant>`):
 *   CLUB#<id>         a club (its customer class is the classes aggregate's, `classes/keys.ts`)
 *
 * A club's stats (`T#<tenant>#CLUBSTATS#<clubId>`, kept by the `club-stats` consumer):
 *   DAY#<date>        what happened that day (cancelled and why, holds and why, saves)
 *   JOINED#<date>     live members who joined that day by status (their sum: the members now;
 *                     per day: the median tenure), and the joins that day
 *   TOTALS            live members by status, as counted before join days held them (read, not written)
 *
 * Indexes:
 *   gsi2 `DUE#<day>#<shard>` (`DUE_KEY_PATTERN`): memberships with something due on `day`: a
 *     scheduled pause that starts, a pause that ends, a gift's reminder or end. A membership is
 *     there under its *next* due day only (`nextDueOn`), in one of `DUE_SHARDS` shards picked
 *     by a hash of its id; its sort key starts with the same hash, so each shard holds every
 *     winery's memberships interleaved. These are the only keys that are not a tenant's: the
 *     scheduled job is the system working across all tenants, and it reads only the day's
 *     shards (a few parallel Queries, `shared/db/due-work.ts`). No key takes a winery's or a
 *     day's whole load: on a day when 5 000 wineries each have 500 pauses ending, each shard
 *     holds ~1/16 of the day, and the job writes to each at a bounded rate.
 *   gsi4 `T#<tenant>#CLUB#<clubId>#LIVE`, sort `<customer>#<membership>`: a club's live
 *     memberships, so a club or variant rename reaches the names stored on them.
 */
export const DUE_SHARDS = 16;
/** The partition key pattern of the due index (for the bench's partition heat table). */
export const DUE_KEY_PATTERN = 'DUE#<day>#<shard>';
/** Before the due keys were date- and shard-bucketed, every paused membership was under this one key (see the backfill script). */
export const LEGACY_PAUSE_DUE_PARTITION = 'DUE#PAUSE';

const MEMBERSHIP_PREFIX = 'P#M#';
const CLUB_PREFIX = 'CLUB#';

export const dueKeys = {
  /** The gsi2 partition of the memberships due on `day` in shard `shard`. */
  partition: (day: string, shard: number) => `DUE#${day}#${shard}`,
  /** Every shard's partition of one day: what the job queries for that day. */
  partitionsOf: (day: string) => Array.from({ length: DUE_SHARDS }, (_, shard) => dueKeys.partition(day, shard)),
  /** Where a membership waits for `day`. */
  membership: (tenantId: string, customerId: string, membershipId: string, day: string) => {
    const hash = stableHash(`${tenantId}#${membershipId}`);
    return {
      gsi2pk: dueKeys.partition(day, hash % DUE_SHARDS),
      gsi2sk: `${hash.toString(16).padStart(8, '0')}#${tenantId}#${customerId}#${membershipId}`,
    };
  },
};

export const membershipKeys = {
  membership: (tenantId: string, customerId: string, membershipId: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `${MEMBERSHIP_PREFIX}${membershipId}`,
  }),
  clubGuard: (tenantId: string, customerId: string, clubId: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `MCLUB#${clubId}`,
  }),
  /** gsi4: a live membership listed under its club. */
  clubLive: (tenantId: string, clubId: string, customerId: string, membershipId: string) => ({
    gsi4pk: membershipKeys.clubLivePartition(tenantId, clubId),
    gsi4sk: `${customerId}#${membershipId}`,
  }),
  clubLivePartition: (tenantId: string, clubId: string) => `${tenantPk(tenantId)}#CLUB#${clubId}#LIVE`,
};

export const certificateKeys = {
  certificate: (tenantId: string, customerId: string, certificateId: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `P#CERT#${certificateId}`,
  }),
};

export const clubKeys = {
  club: (tenantId: string, clubId: string) => ({ pk: tenantPk(tenantId), sk: `${CLUB_PREFIX}${clubId}` }),
  /** All of a tenant's clubs: `begins_with(sk, prefix)` under the tenant. */
  all: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: CLUB_PREFIX }),
};

export const clubStatsKeys = {
  partition: (tenantId: string, clubId: string) => `${tenantPk(tenantId)}#CLUBSTATS#${clubId}`,
  totals: (tenantId: string, clubId: string) => ({ pk: clubStatsKeys.partition(tenantId, clubId), sk: 'TOTALS' }),
  day: (tenantId: string, clubId: string, day: string) => ({ pk: clubStatsKeys.partition(tenantId, clubId), sk: `DAY#${day}` }),
  joined: (tenantId: string, clubId: string, day: string) => ({ pk: clubStatsKeys.partition(tenantId, clubId), sk: `JOINED#${day}` }),
};
