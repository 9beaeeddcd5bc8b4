import { customerPk, shardOf, tenantPk } from '../db/keys';

/**
 * Every key of the segments aggregate, declared once.
 *
 * Under the tenant (`T#<tenant>`):
 *   SEGMENT#<id>          a segment: its rules, their generation, its live count
 *   SEGMENTS              the tenant's set of segments: a version that moves with every create, rule change and delete
 *   SEGMENT-COUNT#<id>    the background job that counts a segment (a cursor per shard)
 *   SEGMENT-VALUES        the regions and countries seen on people (the console's pickers)
 *
 * In the person's collection (`T#<tenant>#C#<id>`), read together (`begins_with(sk, 'SEGMENT')`):
 *   SEGMENTS              the person's facts as the rules read them; on gsi4 in one of the tenant's
 *                         fact shards (`T#<tenant>#SEGMENT-FACTS#<n>`, sorted by when they were written:
 *                         `<updatedAt>#<customer>`), which the background count reads
 *   SEGMENT#<segment>     the person's entry in a segment (the one record that they are in it, and
 *                         under which generation of its rules): on gsi1 (by name) and gsi4 (by
 *                         number) in the segment's partition `T#<tenant>#SEGMENT#<segment>`
 *
 * gsi2 `DUE#SEGMENT#<day>#<shard>`, sort `<tenant>#<segment>`: a segment whose rules count days
 * (`createdAt`, `lastOrderAt`) waits under the day it is weighed again, on the service's one
 * due-work mechanism (`db/due-work.ts`), like a membership's scheduled steps.
 */
const REFRESH_SHARDS = 4;
export const FACT_SHARDS = 8;

export const segmentKeys = {
  segment: (tenantId: string, segmentId: string) => ({ pk: tenantPk(tenantId), sk: `SEGMENT#${segmentId}` }),
  /** Every segment of the tenant: `begins_with(sk, prefix)`. */
  all: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: 'SEGMENT#' }),
  set: (tenantId: string) => ({ pk: tenantPk(tenantId), sk: 'SEGMENTS' }),
  countJob: (tenantId: string, segmentId: string) => ({ pk: tenantPk(tenantId), sk: `SEGMENT-COUNT#${segmentId}` }),
  values: (tenantId: string) => ({ pk: tenantPk(tenantId), sk: 'SEGMENT-VALUES' }),
  facts: (tenantId: string, customerId: string) => ({ pk: customerPk(tenantId, customerId), sk: 'SEGMENTS' }),
  /** The person's facts and entries: `begins_with(sk, prefix)`. */
  ofPerson: (tenantId: string, customerId: string) => ({ pk: customerPk(tenantId, customerId), skPrefix: 'SEGMENT' }),
  /** The gsi4 partition of one shard of the tenant's facts. */
  factShard: (tenantId: string, shard: number) => `${tenantPk(tenantId)}#SEGMENT-FACTS#${shard}`,
  member: (tenantId: string, customerId: string, segmentId: string) => ({ pk: customerPk(tenantId, customerId), sk: `SEGMENT#${segmentId}` }),
  /** The gsi1 (by name) and gsi4 (by number) partition of a segment's people. */
  members: (tenantId: string, segmentId: string) => `${tenantPk(tenantId)}#SEGMENT#${segmentId}`,
  /** gsi2: where a segment whose rules count days waits for the day it is weighed again. */
  refreshDue: (tenantId: string, segmentId: string, day: string) => ({
    gsi2pk: `DUE#SEGMENT#${day}#${shardOf(segmentId, REFRESH_SHARDS)}`,
    gsi2sk: `${tenantId}#${segmentId}`,
  }),
  /** The gsi2 partitions of the segments due on `day`. */
  refreshPartitionsOf: (day: string) => Array.from({ length: REFRESH_SHARDS }, (_, shard) => `DUE#SEGMENT#${day}#${shard}`),
};

/** A person's segment facts or entries (never moved by a merge: they are weighed again). */
export const isPersonSegmentItem = (sk: string): boolean => sk.startsWith('SEGMENT');

/** The shard of a person's facts: spread by their id, so no one partition takes a tenant's writes. */
export function factShardOf(customerId: string): number {
  return shardOf(customerId, FACT_SHARDS);
}
