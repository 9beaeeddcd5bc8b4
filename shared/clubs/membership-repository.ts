import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isoDate, nowIso } from '../clock';
import { isDueToResume, isLive, transition, type MembershipAction } from './membership';
import { assertTakesMembers, checkPauseDate, chooseVariant, currentNames, namesDiffer, shippingFields } from './membership-rules';
import { ConflictError, NotFoundError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { JoinClubBody, Membership, UpdateMembershipBody } from './club-schemas';
import { dynamo, tableName } from '../db/client';
import { getClubItem, type ClubItem } from './club-repository';
import { historyKeys } from '../history/keys';
import { firstStamp, nextStamp, systemActor } from '../db/item-stamp';
import { allOf, fieldUpdate, putIfVersion, putNew, stillEquals } from '../db/item-writes';
import { customerExists, throwIfNoCustomer } from '../people/customer-exists';
import { clubItemsOf, toMembership, type MembershipItem } from './club-items';
import { PAUSE_DUE_PARTITION, membershipKeys } from './keys';
import { readProfilePage } from '../people/profile-page';
import { timelineFields } from '../history/timeline';
import { ConditionsFailedError, checkIfMatch, transactWrite, withLostRaceRetry, type NamedWrite } from '../db/transact';

/**
 * Club memberships under the person (`P#M#<id>`, part of the profile page). A guard item per
 * club (`MCLUB#<clubId>`) is written with `attribute_not_exists` in the same transaction as a
 * join or a switch, so a person never holds two live memberships in one club, however many
 * requests race. Every transition also writes an event for the person's timeline.
 *
 * Two sparse indexes (keys in `keys.ts`): a paused membership is on gsi2 under `DUE#PAUSE` by
 * its `pausedUntil` date, so the pause-expiry job reads only what is due; a live one is on gsi4
 * under its club, so a club rename reaches the names it carries.
 */

/** The membership with its index keys set exactly when they apply (due: paused; club: live). */
export function withIndexKeys(item: MembershipItem): MembershipItem {
  const { gsi2pk: _2pk, gsi2sk: _2sk, gsi4pk: _4pk, gsi4sk: _4sk, ...rest } = item;
  return {
    ...rest,
    ...(item.status === 'paused' && item.pausedUntil ? membershipKeys.pauseDue(item.tenantId, item.customerId, item.id, item.pausedUntil) : {}),
    ...(isLive(item.status) ? membershipKeys.clubLive(item.tenantId, item.clubId, item.customerId, item.id) : {}),
  };
}

function eventWrite(item: MembershipItem, summary: string, at: string, actor: Actor, eventId: string = newId()): NamedWrite {
  return putNew('event', {
    ...historyKeys.item(item.tenantId, item.customerId, 'MEMBERSHIP', eventId),
    type: 'membership-event',
    tenantId: item.tenantId,
    customerId: item.customerId,
    membershipId: item.id,
    actor,
    ...timelineFields(item.tenantId, item.customerId, { at, type: 'membership', summary, refId: item.id }),
  });
}

const guardPut = (item: MembershipItem): NamedWrite =>
  putNew('guard', { ...membershipKeys.clubGuard(item.tenantId, item.customerId, item.clubId), type: 'membership-guard', membershipId: item.id });

const guardDelete = (item: MembershipItem): NamedWrite => ({
  name: 'oldGuard',
  write: { Delete: { TableName: tableName, Key: membershipKeys.clubGuard(item.tenantId, item.customerId, item.clubId) } },
});

const ALREADY_MEMBER = new ConflictError('membership-exists', 'The person already has an active or paused membership in this club.');

/** A person's memberships, from the profile page (one Query; the names are on the items). */
export async function listMembershipsOf(tenantId: string, customerId: string): Promise<{ items: Membership[]; nextCursor: null }> {
  const page = await readProfilePage(tenantId, customerId);
  const items = clubItemsOf(page).memberships.map(toMembership);
  return { items, nextCursor: null };
}

export async function joinClub(tenantId: string, customerId: string, input: JoinClubBody, actor: Actor): Promise<Membership> {
  const club = await getClubItem(tenantId, input.clubId);
  assertTakesMembers(club);
  const variant = chooseVariant(club, input.variantId);
  const at = nowIso();
  const id = newId();
  const item = withIndexKeys({
    ...membershipKeys.membership(tenantId, customerId, id),
    type: 'membership',
    tenantId,
    customerId,
    id,
    clubId: club.id,
    classId: club.classId,
    ...variant,
    ownerId: input.ownerId ?? actor.id,
    status: 'active',
    ...shippingFields(input.shippingPreference, input.pickupLocation),
    pausedUntil: null,
    joinedAt: at,
    cancelledAt: null,
    cancelReason: null,
    ...firstStamp(actor, at),
  });
  try {
    await transactWrite([
      putNew('membership', item),
      guardPut(item),
      eventWrite(item, `Joined ${club.name}`, at, actor),
      customerExists(tenantId, customerId),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailedError) {
      throwIfNoCustomer(error);
      if (error.failed.has('guard')) throw ALREADY_MEMBER;
    }
    throw error;
  }
  return toMembership(item);
}

async function getMembershipItem(tenantId: string, customerId: string, membershipId: string): Promise<MembershipItem> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: membershipKeys.membership(tenantId, customerId, membershipId), ConsistentRead: true }),
  );
  if (!result.Item) throw new NotFoundError('membership');
  return result.Item as MembershipItem;
}

/** Change the owner, variant, shipping preference or pickup location. */
export const updateMembership = (
  tenantId: string,
  customerId: string,
  membershipId: string,
  patch: UpdateMembershipBody,
  actor: Actor,
  ifMatch: number | undefined,
) => changeMembership(tenantId, customerId, membershipId, { kind: 'edit', patch }, actor, ifMatch);

/** Pause until a future date; pausing a paused membership moves its date. */
export function pauseMembership(tenantId: string, customerId: string, membershipId: string, until: string, actor: Actor) {
  checkPauseDate(until, isoDate());
  return changeMembership(tenantId, customerId, membershipId, { kind: 'pause', until }, actor);
}

export const resumeMembership = (tenantId: string, customerId: string, membershipId: string, actor: Actor) =>
  changeMembership(tenantId, customerId, membershipId, { kind: 'resume' }, actor);

export const switchMembership = (
  tenantId: string,
  customerId: string,
  membershipId: string,
  to: { clubId: string; variantId?: string },
  actor: Actor,
) => changeMembership(tenantId, customerId, membershipId, { kind: 'switch', ...to }, actor);

export const cancelMembership = (tenantId: string, customerId: string, membershipId: string, reason: string, actor: Actor) =>
  changeMembership(tenantId, customerId, membershipId, { kind: 'cancel', reason }, actor);

type MembershipChange =
  | { kind: 'edit'; patch: UpdateMembershipBody }
  | { kind: 'pause'; until: string }
  | { kind: 'resume' }
  | { kind: 'switch'; clubId: string; variantId?: string }
  | { kind: 'cancel'; reason: string };

/**
 * Applies one change through the state machine and writes it with its timeline event,
 * conditioned on the version read. A lost race reads again and re-applies the change to what
 * is there now (so a pause that lost to a cancel is a 409, not a 412).
 */
function changeMembership(
  tenantId: string,
  customerId: string,
  membershipId: string,
  change: MembershipChange,
  actor: Actor,
  ifMatch?: number,
): Promise<Membership> {
  return withLostRaceRetry(() => applyMembershipChange(tenantId, customerId, membershipId, change, actor, ifMatch));
}

async function applyMembershipChange(
  tenantId: string,
  customerId: string,
  membershipId: string,
  change: MembershipChange,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<Membership> {
  const current = await getMembershipItem(tenantId, customerId, membershipId);
  checkIfMatch(ifMatch, current.version);
  const at = nowIso();
  const action: MembershipAction =
    change.kind === 'pause' ? { kind: 'pause', until: change.until } : change.kind === 'switch' ? { kind: 'switch', clubId: change.clubId } : { kind: change.kind };
  const state = transition(current, action);
  let next: MembershipItem = { ...current, ...state, ...nextStamp(current, actor, at) };
  const writes: NamedWrite[] = [];
  let summary: string;

  switch (change.kind) {
    case 'edit': {
      const patch = change.patch;
      const club: ClubItem | undefined = patch.variantId !== undefined ? await getClubItem(tenantId, current.clubId) : undefined;
      next = {
        ...next,
        ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
        ...(club ? chooseVariant(club, patch.variantId) : {}),
        ...shippingFields(
          patch.shippingPreference ?? current.shippingPreference,
          patch.pickupLocation !== undefined ? patch.pickupLocation : current.pickupLocation,
        ),
      };
      summary = `Membership in ${current.clubName} changed`;
      break;
    }
    case 'pause':
      summary = `Paused ${current.clubName} until ${change.until}`;
      break;
    case 'resume':
      summary = `Resumed ${current.clubName}`;
      break;
    case 'cancel':
      next = { ...next, cancelledAt: at, cancelReason: change.reason };
      writes.push(guardDelete(current));
      summary = `Cancelled ${current.clubName}: ${change.reason}`;
      break;
    case 'switch': {
      const club = await getClubItem(tenantId, change.clubId);
      assertTakesMembers(club);
      next = { ...next, clubId: club.id, classId: club.classId, ...chooseVariant(club, change.variantId) };
      writes.push(guardDelete(current), guardPut(next));
      summary = `Switched from ${current.clubName} to ${club.name}`;
      break;
    }
  }
  next = withIndexKeys(next);
  try {
    await transactWrite([putIfVersion('membership', next, current.version), ...writes, eventWrite(next, summary, at, actor)]);
  } catch (error) {
    if (error instanceof ConditionsFailedError && error.failed.has('guard') && !error.failed.has('membership')) throw ALREADY_MEMBER;
    throw error;
  }
  return toMembership(next);
}

/**
 * The pause-expiry job: resumes every paused membership whose date has come, in every tenant,
 * reading only those (the sparse due index). Each resume is conditioned on the membership
 * still being paused until the date that was read, and its event id is derived from that, so
 * two runs at once resume each membership once.
 */
export async function resumeDueMemberships(today: string): Promise<{ read: number; resumed: number }> {
  let read = 0;
  let resumed = 0;
  let startKey: Record<string, unknown> | undefined;
  const actor = systemActor('pause-expiry');
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :due AND gsi2sk < :bound',
        ExpressionAttributeValues: { ':due': PAUSE_DUE_PARTITION, ':bound': membershipKeys.pauseDueBound(today) },
        ExclusiveStartKey: startKey,
      }),
    );
    startKey = page.LastEvaluatedKey;
    const due = ((page.Items ?? []) as MembershipItem[]).filter((item) => isDueToResume(item, today));
    read += page.Items?.length ?? 0;
    const outcomes = await Promise.all(due.map((item) => resumeOne(item, actor)));
    resumed += outcomes.filter(Boolean).length;
  } while (startKey);
  return { read, resumed };
}

async function resumeOne(item: MembershipItem, actor: Actor): Promise<boolean> {
  const at = nowIso();
  const next = withIndexKeys({ ...item, status: 'active', pausedUntil: null, ...nextStamp(item, actor, at) });
  try {
    await transactWrite([
      putIfVersion('membership', next, item.version),
      eventWrite(next, `Resumed ${item.clubName} (pause ended ${item.pausedUntil})`, at, actor, `resume-${item.id}-${item.pausedUntil}`),
    ]);
    return true;
  } catch (error) {
    if (error instanceof ConditionsFailedError) return false;
    throw error;
  }
}

/** Live memberships of one club are renamed a page at a time, each page's writes in parallel. */
const RENAME_PAGE_SIZE = 100;

/**
 * Copies a club's current names (club and variants) onto its live memberships. Called by the
 * `class-assignment` stream consumer when a club's names change: a club may have thousands of
 * members, too many writes for the `PATCH` that renamed it, and the consumer retries a failure
 * and is idempotent (it copies what the club says now, never what the record said). The index
 * is eventually consistent: a membership that joins while this runs is covered by
 * `copyClubNamesToMembership`, which runs for the join's own record.
 */
export async function copyClubNamesToMemberships(tenantId: string, clubId: string, actor: Actor): Promise<number> {
  const club = await getClubItem(tenantId, clubId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!club) return 0;
  let renamed = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :club',
        ExpressionAttributeValues: { ':club': membershipKeys.clubLivePartition(tenantId, clubId) },
        Limit: RENAME_PAGE_SIZE,
        ExclusiveStartKey: startKey,
      }),
    );
    startKey = page.LastEvaluatedKey;
    const outcomes = await Promise.all(((page.Items ?? []) as MembershipItem[]).map((item) => writeNames(item, club, actor)));
    renamed += outcomes.filter(Boolean).length;
  } while (startKey);
  return renamed;
}

/**
 * Makes one live membership carry its club's current names (after a join or a switch that
 * may have read the club just before a rename). One club read; no write when they match.
 */
export async function copyClubNamesToMembership(item: MembershipItem, actor: Actor): Promise<void> {
  if (!isLive(item.status)) return;
  const club = await getClubItem(item.tenantId, item.clubId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (club) await writeNames(item, club, actor);
}

/**
 * A field-level update of the two names, only while the membership is still live, in that club,
 * with that variant: one that moved meanwhile gets its names from its own change. Answers
 * whether it wrote.
 */
async function writeNames(item: MembershipItem, club: ClubItem, actor: Actor): Promise<boolean> {
  const names = currentNames(club, item.variantId ?? null);
  if (!namesDiffer(item, names)) return false;
  const key = membershipKeys.membership(item.tenantId, item.customerId, item.id);
  const condition = allOf(
    stillEquals('clubId', item.clubId, 'club'),
    stillEquals('variantId', item.variantId ?? null, 'variant'),
    // A cancelled membership keeps the names it ended with (the stream image may predate the cancel).
    { expression: '#liveStatus IN (:active, :paused)', names: { '#liveStatus': 'status' }, values: { ':active': 'active', ':paused': 'paused' } },
  );
  try {
    await dynamo.send(new UpdateCommand(fieldUpdate(key, { ...names }, actor, nowIso(), { condition })));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
