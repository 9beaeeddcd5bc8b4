import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { now, nowIso } from '../clock';
import { dynamo, tableName } from '../db/client';
import { queryAll } from '../db/query-pages';
import { spanCondition } from '../db/cursor';
import { isLostRace, transactWrite, withLostRaceRetry, type NamedWrite } from '../db/transact';
import { MergedPersonError, NotFoundError } from '../errors';
import { chunks, mapLimited } from '../concurrency';
import type { AddressItem, CustomerItem } from '../people/customer-items';
import { nameSortKey, numberSortKey } from '../people/people-search';
import { PROFILE_PAGE_PREFIX } from '../people/keys';
import { profilePageOf, type ProfilePage } from '../people/profile-page';
import type { StreamChange } from '../streams/stream-handler';
import { factShardOf, isPersonSegmentItem, segmentKeys } from './keys';
import {
  planMemberships,
  samePersonFacts,
  type HeldEntries,
  type LiveSegment,
  type MembershipOp,
  type PersonFacts,
  type StoredFacts,
} from './membership-plan';
import { allSegmentItems, toLiveSegment } from './segment-repository';
import { factsOf } from './segment-rules';

/**
 * The `segment-membership` consumer: a person's change is weighed against every segment of the
 * tenant, and only what moved is written (`membership-plan.ts`), in one transaction: the person's
 * facts item (when a fact the rules read changed), and for each segment whose membership changes
 * the person's entry and the segment's count. Every write is conditioned on what it was decided
 * from: the facts item's version (a person's changes never overwrite each other, nor the
 * background count's decisions), each entry's generation (a membership moves once, so its count
 * moves once), and the tenant's set of segments (no membership is decided on a stale set).
 * Everything is read again from the table, never taken from the record, so a replayed or late
 * record changes nothing.
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
  /** When the facts were last written: a background count weighs again whoever changed while it read. */
  updatedAt: string;
}

interface EntryItem {
  type: 'segment-member';
  segmentId: string;
  generation: number;
}

/** The person as the rules and a segment's list see them: their profile and default billing address. */
export function personFactsOf(page: Pick<ProfilePage, 'profile' | 'addresses'>): PersonFacts {
  const { profile } = page;
  const billing = page.addresses.find((address) => address.id === profile.defaultBillingAddressId && address.kind === 'billing');
  return { facts: factsOf(profile, billing), nameKey: nameSortKey(profile), numberKey: numberSortKey(profile) };
}

/**
 * The person's profile page (null: gone, merged into another or never there) with their facts
 * item and entries, in one consistent Query: in the person's collection the page's `P#…` items
 * and the segments' `SEGMENT…` items sort next to each other, so one range holds both (anything
 * else that ever sorts between them is left aside).
 */
async function readPersonAndSegments(tenantId: string, customerId: string): Promise<{ page: ProfilePage | null; stored: FactsItem | undefined; held: HeldEntries }> {
  const { pk, skPrefix } = segmentKeys.ofPerson(tenantId, customerId);
  const items = await queryAll({ ...spanCondition(pk, PROFILE_PAGE_PREFIX, skPrefix), ConsistentRead: true });
  const stored = items.find((item) => item.type === 'segment-facts' && isPersonSegmentItem(item.sk as string)) as FactsItem | undefined;
  const entries = items.filter((item) => item.type === 'segment-member' && isPersonSegmentItem(item.sk as string)) as unknown as EntryItem[];
  let page: ProfilePage | null;
  try {
    page = profilePageOf(items.filter((item) => (item.sk as string).startsWith(PROFILE_PAGE_PREFIX)));
  } catch (error) {
    if (!(error instanceof NotFoundError || error instanceof MergedPersonError)) throw error;
    page = null;
  }
  return { page, stored, held: Object.fromEntries(entries.map((entry) => [entry.segmentId, entry.generation])) };
}

/**
 * The tenant's segments, cached for a few seconds (a container serves many people of a tenant).
 * A stale copy is safe: a decision is written only with a check that the set is still at the
 * version it came from, and a failed check reads it again; nothing written means the person's
 * facts did not change, and the background count of a new segment weighs those facts itself.
 */
const SET_CACHE_MS = 5_000;
const CACHED_TENANTS = 500;
const setCache = new Map<string, { version: number; segments: LiveSegment[]; readAt: number }>();

/** Reads of a tenant's set under way: people weighed at once share one. */
const setReads = new Map<string, Promise<{ version: number; segments: LiveSegment[] }>>();

export async function segmentSet(tenantId: string, fresh = false): Promise<{ version: number; segments: LiveSegment[] }> {
  const cached = setCache.get(tenantId);
  if (!fresh && cached && Date.now() - cached.readAt < SET_CACHE_MS) return cached;
  const reading = setReads.get(tenantId);
  if (!fresh && reading) return reading;
  const read = readSegmentSet(tenantId, cached).finally(() => setReads.delete(tenantId));
  setReads.set(tenantId, read);
  return read;
}

async function readSegmentSet(tenantId: string, cached: { version: number; segments: LiveSegment[] } | undefined) {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.set(tenantId), ConsistentRead: true }));
  const version = (Item?.version as number | undefined) ?? 0;
  // The set is read before its segments: segments newer than `version` make the write's check fail, never pass.
  const segments = cached && cached.version === version ? cached.segments : (await allSegmentItems(tenantId)).map(toLiveSegment);
  if (!setCache.has(tenantId) && setCache.size >= CACHED_TENANTS) setCache.delete(setCache.keys().next().value!);
  const entry = { version, segments, readAt: Date.now() };
  setCache.set(tenantId, entry);
  return entry;
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

const atVersion = (read: number | undefined) =>
  read === undefined
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: '#version = :read', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':read': read } };

/** The facts item written at `read + 1`, conditioned on the version read (none: not there yet). */
function factsWrite(tenantId: string, customerId: string, person: PersonFacts, read: number | undefined): NamedWrite {
  const updatedAt = nowIso();
  const item: FactsItem = {
    ...segmentKeys.facts(tenantId, customerId),
    type: 'segment-facts',
    tenantId,
    customerId,
    // In its shard at a place no later write moves: a change updates the index entry in place (one
    // index write; a moved entry is two). A count's catch-up finds what changed by `updatedAt`.
    gsi4pk: segmentKeys.factShard(tenantId, factShardOf(customerId)),
    gsi4sk: customerId,
    ...person,
    version: (read ?? 0) + 1,
    updatedAt,
  };
  return { name: `facts:${customerId}`, write: { Put: { TableName: tableName, Item: item as unknown as Record<string, unknown>, ...atVersion(read) } } };
}

/** The facts a decision was made from are still the stored ones. */
export function factsCheck(tenantId: string, customerId: string, read: number): NamedWrite {
  return { name: `facts:${customerId}`, write: { ConditionCheck: { TableName: tableName, Key: segmentKeys.facts(tenantId, customerId), ...atVersion(read) } } };
}

function factsDelete(tenantId: string, customerId: string, read: number): NamedWrite {
  return { name: `facts:${customerId}`, write: { Delete: { TableName: tableName, Key: segmentKeys.facts(tenantId, customerId), ...atVersion(read) } } };
}

/**
 * The person's entry in a segment put (at the op's generation, with their sort keys) or deleted,
 * conditioned on the entry the decision saw: so of two writers deciding the same move, one moves
 * it and counts it, the other fails and decides again.
 */
export function entryWrite(tenantId: string, customerId: string, op: MembershipOp, person: Pick<PersonFacts, 'nameKey' | 'numberKey'>): NamedWrite {
  const key = segmentKeys.member(tenantId, customerId, op.segmentId);
  const condition =
    op.held === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'generation = :held', ExpressionAttributeValues: { ':held': op.held } };
  const name = `entry:${customerId}:${op.segmentId}`;
  if (op.entry === 'delete') return { name, write: { Delete: { TableName: tableName, Key: key, ...condition } } };
  const partition = segmentKeys.members(tenantId, op.segmentId);
  return {
    name,
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
        ...condition,
      },
    },
  };
}

/** A segment's count moved by `delta` (summed over many people by the background count), only while at `generation` when given. */
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
 * Writes a plan: the facts (or a check that they are the ones decided from) and the moves. Past
 * one transaction (a person moving in or out of more than 48 segments at once) in parts, the
 * facts written by the first and checked by the others; each move is conditioned on its own
 * entry, so a part that fails leaves nothing half done and the retry plans what remains.
 */
async function writePlan(tenantId: string, customerId: string, stored: FactsItem | undefined, person: PersonFacts | null, ops: MembershipOp[], factsChanged: boolean, setVersion: number) {
  const parts = chunks(ops, OPS_PER_TRANSACTION);
  if (parts.length === 0) parts.push([]);
  const sortKeys = person ?? stored!;
  let version = stored?.version;
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    let facts: NamedWrite;
    if (person === null) facts = last ? factsDelete(tenantId, customerId, version!) : factsCheck(tenantId, customerId, version!);
    else if (factsChanged && index === 0) facts = factsWrite(tenantId, customerId, person, version);
    else facts = factsCheck(tenantId, customerId, version!);
    const moves = part.flatMap((op) => [
      entryWrite(tenantId, customerId, op, sortKeys),
      ...(op.countDelta === 0 ? [] : [countWrite(tenantId, op.segmentId, op.countDelta)]),
    ]);
    await transactWrite([setCheck(tenantId, setVersion), facts, ...moves]);
    if (person !== null && factsChanged && index === 0) version = (version ?? 0) + 1;
  }
}

/** A person weighed: what is stored, what they are now (null: gone), and the plan, decided on the set at `setVersion`. */
interface Weighed {
  tenantId: string;
  customerId: string;
  stored: FactsItem | undefined;
  person: PersonFacts | null;
  ops: MembershipOp[];
  factsChanged: boolean;
  setVersion: number;
}

/**
 * Weighs one person against every segment of their tenant as they are now. Undefined when nothing
 * moved. A person who is gone (deleted, merged into another, erased) leaves every segment.
 */
async function weighPerson(tenantId: string, customerId: string, at: Date, freshSet: boolean): Promise<Weighed | undefined> {
  const [{ page, stored, held }, set] = await Promise.all([readPersonAndSegments(tenantId, customerId), segmentSet(tenantId, freshSet)]);
  if (!page && !stored && Object.keys(held).length === 0) return undefined;
  // Someone merged into another, or erased, is in no segment (the survivor is weighed on their own change).
  const person = page && !page.profile.erasedAt ? personFactsOf(page) : null;
  const { ops, factsChanged } = planMemberships(stored, held, person, set.segments, at);
  if (!factsChanged && ops.length === 0) return undefined;
  return { tenantId, customerId, stored, person, ops, factsChanged, setVersion: set.version };
}

/** Writes what weighing decided (a lost race throws, for the caller to weigh again). */
async function writeWeighed(weighed: Weighed): Promise<void> {
  const { tenantId, customerId, stored, person, ops, factsChanged, setVersion } = weighed;
  await writePlan(tenantId, customerId, stored, person, ops, factsChanged, setVersion);
  await rememberNewValues(weighed);
}

/** The region and country of someone whose facts now name another one. */
async function rememberNewValues({ tenantId, stored, person }: Weighed): Promise<void> {
  if (person && (person.facts.region !== stored?.facts.region || person.facts.country !== stored?.facts.country)) {
    await rememberValues(tenantId, person);
  }
}

/**
 * Weighs one person against every segment of their tenant as they are now, and writes what moved.
 * A lost race (their facts, an entry or the set of segments moved meanwhile) reads and decides
 * again, with the set read afresh.
 */
export async function reconcilePerson(tenantId: string, customerId: string, at: Date = now()): Promise<void> {
  let attempt = 0;
  await withLostRaceRetry(async () => {
    attempt += 1;
    const weighed = await weighPerson(tenantId, customerId, at, attempt > 1);
    if (weighed) await writeWeighed(weighed);
  });
}

/** Values this container has added already, per tenant (`regions\nCA`): adding one again would change nothing. */
const addedValues = new Map<string, Set<string>>();
const ADDED_VALUES_LIMIT = 10_000;

/**
 * The regions and countries the console offers: a set of each, added to, never a read first; a
 * value this container has added before is not written again (most people share a few regions).
 */
async function rememberValues(tenantId: string, person: PersonFacts): Promise<void> {
  const known = addedValues.get(tenantId) ?? new Set<string>();
  const adds = [
    ['regions', person.facts.region],
    ['countries', person.facts.country],
  ].filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '' && !known.has(`${entry[0]}\n${entry[1]}`));
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
  if (addedValues.size >= ADDED_VALUES_LIMIT) addedValues.clear();
  for (const [name, value] of adds) known.add(`${name}\n${value}`);
  addedValues.set(tenantId, known);
}

/** Whether a profile change moved anything the segments read: its facts, its place in a list, or its billing address. */
function profileChangeMatters(before: CustomerItem, after: CustomerItem): boolean {
  if (before.defaultBillingAddressId !== after.defaultBillingAddressId) return true;
  const facts = (item: CustomerItem) => personFactsOf({ profile: item, addresses: [] });
  return !samePersonFacts(facts(before), facts(after));
}

const billingFacts = (item: AddressItem | undefined) => (item?.kind === 'billing' ? `${item.id}|${item.region ?? ''}|${item.country ?? ''}|${item.isDefault}` : '');

/** Whom one stream record of a person or an address concerns, when it moved what the segments read. */
function personToWeigh(change: StreamChange): { tenantId: string; customerId: string } | undefined {
  const item = (change.newItem ?? change.oldItem) as { type?: string; tenantId?: string; id?: string; customerId?: string } | undefined;
  if (!item?.tenantId) return undefined;
  if (item.type === 'customer' && item.id) {
    const before = change.oldItem as CustomerItem | undefined;
    const after = change.newItem as CustomerItem | undefined;
    return before && after && !profileChangeMatters(before, after) ? undefined : { tenantId: item.tenantId, customerId: item.id };
  }
  if (item.type === 'address' && item.customerId) {
    if (billingFacts(change.oldItem as AddressItem | undefined) === billingFacts(change.newItem as AddressItem | undefined)) return undefined;
    return { tenantId: item.tenantId, customerId: item.customerId };
  }
  return undefined;
}

/** One stream record of a person or an address: the person it concerns, weighed again when it matters. */
export async function applyPersonChange(change: StreamChange): Promise<void> {
  const person = personToWeigh(change);
  if (person) await reconcilePerson(person.tenantId, person.customerId);
}

/** People weighed at once from one batch. */
const PEOPLE_IN_PARALLEL = 4;
/** People whose facts alone moved, written in one transaction (with the set's check: 100 writes). */
const FACTS_PER_TRANSACTION = 99;

/**
 * A batch of records: each person it concerns weighed once (a new person's profile and billing
 * address come as two records; weighing reads what is stored now, so once is enough). The people
 * whose facts alone moved (an import's new people, when no segment takes them) are written
 * together, a transaction per tenant that checks the set of segments once: each facts item still
 * conditioned on the version it was decided from, so a lost race fails that transaction and its
 * people are weighed again one by one. Those who enter or leave a segment are written one by one
 * (their moves meet on the segment's count).
 */
export async function applyPersonChanges(changes: readonly StreamChange[]): Promise<void> {
  const people = new Map<string, { tenantId: string; customerId: string }>();
  for (const person of changes.map(personToWeigh)) if (person) people.set(`${person.tenantId}\n${person.customerId}`, person);
  const at = now();
  const weighed = (await mapLimited([...people.values()], PEOPLE_IN_PARALLEL, (person) => weighPerson(person.tenantId, person.customerId, at, false))).filter(
    (person): person is Weighed => person !== undefined,
  );
  const together = new Map<string, Weighed[]>();
  const alone: Weighed[] = [];
  for (const person of weighed) {
    if (person.person === null || person.ops.length > 0) alone.push(person);
    else {
      const group = `${person.tenantId}\n${person.setVersion}`;
      together.set(group, [...(together.get(group) ?? []), person]);
    }
  }
  const parts = [...together.values()].flatMap((group) => chunks(group, FACTS_PER_TRANSACTION));
  const again: Weighed[] = [];
  for (const part of parts) {
    const [{ tenantId, setVersion }] = part as [Weighed];
    try {
      await transactWrite([setCheck(tenantId, setVersion), ...part.map((p) => factsWrite(tenantId, p.customerId, p.person!, p.stored?.version))]);
    } catch (error) {
      if (!isLostRace(error)) throw error;
      again.push(...part);
      continue;
    }
    await mapLimited(part, PEOPLE_IN_PARALLEL, rememberNewValues);
  }
  await mapLimited(alone, PEOPLE_IN_PARALLEL, async (person) => {
    try {
      await writeWeighed(person);
    } catch (error) {
      if (!isLostRace(error)) throw error;
      again.push(person);
    }
  });
  await mapLimited(again, PEOPLE_IN_PARALLEL, (person) => reconcilePerson(person.tenantId, person.customerId, at));
}

