import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { now } from '../clock';
import { dynamo, tableName } from '../db/client';
import { getItems, itemAt } from '../db/batch-get';
import { transactWrite, withLostRaceRetry, type NamedWrite } from '../db/transact';
import { NotFoundError } from '../errors';
import type { AddressItem, CustomerItem } from '../people/customer-items';
import { nameSortKey, numberSortKey } from '../people/people-search';
import { readProfilePage, type ProfilePage } from '../people/profile-page';
import type { StreamChange } from '../streams/stream-handler';
import { factShardOf, segmentKeys } from './keys';
import {
  planMemberships,
  samePersonFacts,
  segmentsAfter,
  type LiveSegment,
  type MembershipOp,
  type MembershipPlan,
  type PersonFacts,
  type StoredFacts,
} from './membership-plan';
import { allSegmentItems, toLiveSegment } from './segment-repository';
import { factsOf } from './segment-rules';

/**
 * The `segment-membership` consumer: a person's change is weighed against every segment of the
 * tenant, and only what moved is written (`membership-plan.ts`), in one transaction: the person's
 * facts item (when a fact the rules read changed), and for each segment whose membership changes
 * the person's entry and the segment's count. The transaction is conditioned on the facts item's
 * version (a person's changes, and the background count, never overwrite each other) and on the
 * tenant's set of segments as read (no decision is made on a stale set). Everything is read
 * again from the table, never taken from the record, so a replayed or late record changes nothing.
 */
export const SEGMENT_MEMBERSHIP = 'segment-membership';

export interface FactsItem extends StoredFacts {
  pk: string;
  sk: string;
  type: 'segment-facts';
  tenantId: string;
  customerId: string;
  gsi4pk: string;
  gsi4sk: string;
}

interface SetItem {
  version?: number;
}

/** The person as the rules and a segment's list see them: their profile and default billing address. */
export function personFactsOf(page: Pick<ProfilePage, 'profile' | 'addresses'>): PersonFacts {
  const { profile } = page;
  const billing = page.addresses.find((address) => address.id === profile.defaultBillingAddressId && address.kind === 'billing');
  return { facts: factsOf(profile, billing), nameKey: nameSortKey(profile), numberKey: numberSortKey(profile) };
}

/** Segments of a tenant by set version: read again only when the set moved. Bounded like the settings cache. */
const segmentCache = new Map<string, { version: number; segments: LiveSegment[] }>();
const CACHED_TENANTS = 500;

export async function liveSegments(tenantId: string, setVersion: number): Promise<LiveSegment[]> {
  const cached = segmentCache.get(tenantId);
  if (cached && cached.version === setVersion) return cached.segments;
  const segments = (await allSegmentItems(tenantId)).map(toLiveSegment);
  if (segmentCache.size >= CACHED_TENANTS) segmentCache.delete(segmentCache.keys().next().value!);
  segmentCache.set(tenantId, { version: setVersion, segments });
  return segments;
}

/** The tenant's set of segments is still the one read (version 0: none was ever made). */
function setCheck(tenantId: string, version: number): NamedWrite {
  return {
    name: 'set',
    write: {
      ConditionCheck: {
        TableName: tableName,
        Key: segmentKeys.set(tenantId),
        ConditionExpression: version === 0 ? 'attribute_not_exists(#version)' : '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ...(version === 0 ? {} : { ExpressionAttributeValues: { ':version': version } }),
      },
    },
  };
}

/** The facts item written at `version + 1`, conditioned on the version read (none: not there yet). */
export function factsWrite(tenantId: string, customerId: string, person: PersonFacts, segments: Record<string, number>, read: number | undefined): NamedWrite {
  const item: FactsItem = {
    ...segmentKeys.facts(tenantId, customerId),
    type: 'segment-facts',
    tenantId,
    customerId,
    gsi4pk: segmentKeys.factShard(tenantId, factShardOf(customerId)),
    gsi4sk: customerId,
    ...person,
    segments,
    version: (read ?? 0) + 1,
  };
  return {
    name: 'facts',
    write: {
      Put: {
        TableName: tableName,
        Item: item as unknown as Record<string, unknown>,
        ConditionExpression: read === undefined ? 'attribute_not_exists(pk)' : '#version = :read',
        ExpressionAttributeNames: read === undefined ? undefined : { '#version': 'version' },
        ExpressionAttributeValues: read === undefined ? undefined : { ':read': read },
      },
    },
  };
}

/** The person's entry in a segment put (at the op's generation, with their sort keys) or deleted. */
export function entryWrite(tenantId: string, customerId: string, op: MembershipOp, person: Pick<PersonFacts, 'nameKey' | 'numberKey'>): NamedWrite {
  const key = segmentKeys.member(tenantId, customerId, op.segmentId);
  if (op.entry === 'delete') return { name: `entry:${op.segmentId}`, write: { Delete: { TableName: tableName, Key: key } } };
  const partition = segmentKeys.members(tenantId, op.segmentId);
  return {
    name: `entry:${op.segmentId}`,
    write: {
      Put: {
        TableName: tableName,
        Item: {
          ...key,
          type: 'segment-member',
          tenantId,
          customerId,
          segmentId: op.segmentId,
          generation: op.generation,
          gsi1pk: partition,
          gsi1sk: person.nameKey,
          gsi4pk: partition,
          gsi4sk: person.numberKey,
        },
      },
    },
  };
}

/** The writes of one membership change: the person's entry, and the segment's count when it moves. */
const membershipWrites = (tenantId: string, customerId: string, op: MembershipOp, person: Pick<PersonFacts, 'nameKey' | 'numberKey'>): NamedWrite[] => [
  entryWrite(tenantId, customerId, op, person),
  ...(op.countDelta === 0 ? [] : [countWrite(tenantId, op.segmentId, op.countDelta)]),
];

/** A segment's count moved by `delta` (summed over many people by the background count). */
export function countWrite(tenantId: string, segmentId: string, delta: number, generation?: number): NamedWrite {
  return {
    name: `count:${segmentId}`,
    write: {
      Update: {
        TableName: tableName,
        Key: segmentKeys.segment(tenantId, segmentId),
        UpdateExpression: 'ADD #count :delta',
        ConditionExpression: generation === undefined ? 'attribute_exists(pk)' : 'generation = :generation',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':delta': delta, ...(generation === undefined ? {} : { ':generation': generation }) },
      },
    },
  };
}

/** A transaction holds 100 writes: the set check, the facts item, and two per membership change. */
const OPS_PER_TRANSACTION = 48;

/**
 * Writes a plan. Past one transaction's size (a person moving in or out of more than 48 segments
 * at once) it is written in parts, each with the facts item as it stands after that part: a part
 * that fails leaves the facts true to the entries written, and the retry plans what remains.
 */
async function writePlan(tenantId: string, customerId: string, stored: FactsItem | undefined, person: PersonFacts | null, plan: MembershipPlan, setVersion: number) {
  const parts: MembershipOp[][] = [];
  for (let i = 0; i < plan.ops.length; i += OPS_PER_TRANSACTION) parts.push(plan.ops.slice(i, i + OPS_PER_TRANSACTION));
  if (parts.length === 0) parts.push([]);
  let segments = stored?.segments ?? {};
  let version = stored?.version;
  const sortKeys = person ?? stored!;
  for (const [index, part] of parts.entries()) {
    segments = segmentsAfter(segments, part);
    const gone = person === null && index === parts.length - 1;
    const facts: NamedWrite = gone
      ? {
          name: 'facts',
          write: {
            Delete: {
              TableName: tableName,
              Key: segmentKeys.facts(tenantId, customerId),
              ConditionExpression: '#version = :read',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':read': version },
            },
          },
        }
      : factsWrite(tenantId, customerId, person ?? stored!, segments, version);
    await transactWrite([setCheck(tenantId, setVersion), facts, ...part.flatMap((op) => membershipWrites(tenantId, customerId, op, sortKeys))]);
    version = (version ?? 0) + 1;
  }
}

/**
 * Weighs one person against every segment of their tenant as they are now, and writes what moved.
 * A person who is gone leaves every segment. A lost race (the person's facts or the set of
 * segments moved meanwhile) reads and decides again.
 */
export async function reconcilePerson(tenantId: string, customerId: string, at: Date = now()): Promise<void> {
  await withLostRaceRetry(async () => {
    const [page, items] = await Promise.all([
      readProfilePage(tenantId, customerId).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      }),
      getItems([segmentKeys.facts(tenantId, customerId), segmentKeys.set(tenantId)]),
    ]);
    const stored = itemAt<FactsItem>(items, segmentKeys.facts(tenantId, customerId));
    const setVersion = itemAt<SetItem>(items, segmentKeys.set(tenantId))?.version ?? 0;
    if (!page && !stored) return;
    const person = page ? personFactsOf(page) : null;
    const plan = planMemberships(stored, person, await liveSegments(tenantId, setVersion), at);
    if (!plan.factsChanged && plan.ops.length === 0) return;
    await writePlan(tenantId, customerId, stored, person, plan, setVersion);
    if (person && (person.facts.region !== stored?.facts.region || person.facts.country !== stored?.facts.country)) {
      await rememberValues(tenantId, person);
    }
  });
}

/** The regions and countries the console offers: a set of each, added to, never a read first. */
async function rememberValues(tenantId: string, person: PersonFacts): Promise<void> {
  const adds = [
    ['regions', person.facts.region],
    ['countries', person.facts.country],
  ].filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  if (adds.length === 0) return;
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: segmentKeys.values(tenantId),
      UpdateExpression: `SET #type = :type ADD ${adds.map((_, i) => `#v${i} :v${i}`).join(', ')}`,
      ExpressionAttributeNames: { '#type': 'type', ...Object.fromEntries(adds.map(([name], i) => [`#v${i}`, name])) },
      ExpressionAttributeValues: { ':type': 'segment-values', ...Object.fromEntries(adds.map(([, value], i) => [`:v${i}`, new Set([value])])) },
    }),
  );
}

/** Whether a profile change moved anything the segments read: its facts, its place in a list, or its billing address. */
function profileChangeMatters(before: CustomerItem, after: CustomerItem): boolean {
  if (before.defaultBillingAddressId !== after.defaultBillingAddressId) return true;
  const facts = (item: CustomerItem) => personFactsOf({ profile: item, addresses: [] });
  return !samePersonFacts(facts(before), facts(after));
}

const billingFacts = (item: AddressItem | undefined) => (item?.kind === 'billing' ? `${item.id}|${item.region ?? ''}|${item.country ?? ''}|${item.isDefault}` : '');

/** One stream record of a person or an address: the person it concerns, weighed again when it matters. */
export async function applyPersonChange(change: StreamChange): Promise<void> {
  const item = (change.newItem ?? change.oldItem) as { type?: string; tenantId?: string; id?: string; customerId?: string } | undefined;
  if (!item?.tenantId) return;
  if (item.type === 'customer' && item.id) {
    const before = change.oldItem as CustomerItem | undefined;
    const after = change.newItem as CustomerItem | undefined;
    if (before && after && !profileChangeMatters(before, after)) return;
    await reconcilePerson(item.tenantId, item.id);
    return;
  }
  if (item.type === 'address' && item.customerId) {
    if (billingFacts(change.oldItem as AddressItem | undefined) === billingFacts(change.newItem as AddressItem | undefined)) return;
    await reconcilePerson(item.tenantId, item.customerId);
  }
}
