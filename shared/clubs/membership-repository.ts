import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isoDate, nowIso } from '../clock';
import { isDueToResume, transition, type MembershipAction } from './membership';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { JoinClubBody, Membership, UpdateMembershipBody } from './club-schemas';
import { dynamo, tableName } from '../db/client';
import { getClubItem, type ClubItem } from './club-repository';
import { historyKeys } from '../history/history';
import { firstStamp, nextStamp, systemActor } from '../db/item-stamp';
import { customerExists, putIfVersion, putNew, throwIfNoCustomer } from '../db/item-writes';
import { PAUSE_DUE_PARTITION, membershipKeys, toMembership, type MembershipItem } from './club-items';
import { readProfilePage } from '../people/profile-page';
import { timelineFields } from '../history/timeline';
import { ConditionsFailedError, checkIfMatch, transactWrite, withLostRaceRetry, type NamedWrite } from '../db/transact';

/**
 * Club memberships under the person (`P#M#<id>`, part of the profile page). A guard item per
 * club (`MCLUB#<clubId>`) is written with `attribute_not_exists` in the same transaction as a
 * join or a switch, so a person never holds two live memberships in one club, however many
 * requests race. Every transition also writes an event for the person's timeline.
 *
 * A paused membership is in the sparse index gsi2 under `DUE#PAUSE`, sorted by its
 * `pausedUntil` date, so the pause-expiry job reads only what is due. This is the one index
 * whose partition is not a tenant's: the job is the system working across all tenants.
 */
/** The membership with its due-date index keys set exactly when it is paused. */
export function withDueIndex(item: MembershipItem): MembershipItem {
  const { gsi2pk: _pk, gsi2sk: _sk, ...rest } = item;
  if (item.status !== 'paused' || !item.pausedUntil) return rest;
  return { ...rest, gsi2pk: PAUSE_DUE_PARTITION, gsi2sk: `${item.pausedUntil}#${item.tenantId}#${item.customerId}#${item.id}` };
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

function checkVariant(club: ClubItem, variantId: string | undefined | null): string | null {
  if (club.variants.length === 0) {
    if (variantId) throw new ValidationError([{ path: 'variantId', message: 'this club has no variants' }]);
    return null;
  }
  if (!variantId) throw new ValidationError([{ path: 'variantId', message: 'is required: the club has variants' }]);
  if (!club.variants.some((variant) => variant.id === variantId)) {
    throw new ValidationError([{ path: 'variantId', message: 'is not a variant of this club' }]);
  }
  return variantId;
}

function activeClub(club: ClubItem): ClubItem {
  if (club.status !== 'active') throw new ConflictError('club-retired', 'This club is retired and takes no new members.');
  return club;
}

export async function listMemberships(tenantId: string, customerId: string): Promise<{ items: Membership[]; nextCursor: null }> {
  const page = await readProfilePage(tenantId, customerId);
  const items = ((page.others.membership ?? []) as unknown as MembershipItem[]).map(toMembership);
  return { items, nextCursor: null };
}

export async function joinClub(tenantId: string, customerId: string, input: JoinClubBody, actor: Actor): Promise<Membership> {
  const club = activeClub(await getClubItem(tenantId, input.clubId));
  const variantId = checkVariant(club, input.variantId);
  const at = nowIso();
  const id = newId();
  const item: MembershipItem = {
    ...membershipKeys.membership(tenantId, customerId, id),
    type: 'membership',
    tenantId,
    customerId,
    id,
    clubId: club.id,
    classId: club.classId,
    clubName: club.name,
    variantId,
    ownerId: input.ownerId ?? actor.id,
    status: 'active',
    shippingPreference: input.shippingPreference,
    pickupLocation: input.shippingPreference === 'pickup' ? (input.pickupLocation ?? null) : null,
    pausedUntil: null,
    joinedAt: at,
    cancelledAt: null,
    cancelReason: null,
    ...firstStamp(actor, at),
  };
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

export type MembershipChange =
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
export async function changeMembership(
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
    change.kind === 'pause' ? { kind: 'pause', until: change.until, today: isoDate() } : change.kind === 'switch' ? { kind: 'switch', clubId: change.clubId } : { kind: change.kind };
  const state = transition(current, action);
  let next: MembershipItem = { ...current, ...state, ...nextStamp(current, actor, at) };
  const writes: NamedWrite[] = [];
  let summary: string;

  switch (change.kind) {
    case 'edit': {
      const patch = change.patch;
      const club = patch.variantId !== undefined ? await getClubItem(tenantId, current.clubId) : undefined;
      next = {
        ...next,
        ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
        ...(club ? { variantId: checkVariant(club, patch.variantId) } : {}),
        ...(patch.shippingPreference ? { shippingPreference: patch.shippingPreference } : {}),
        ...(patch.pickupLocation !== undefined ? { pickupLocation: patch.pickupLocation } : {}),
      };
      if (next.shippingPreference === 'pickup' && !next.pickupLocation) {
        throw new ValidationError([{ path: 'pickupLocation', message: 'is required when shippingPreference is pickup' }]);
      }
      if (next.shippingPreference === 'ship') next.pickupLocation = null;
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
      const club = activeClub(await getClubItem(tenantId, change.clubId));
      next = { ...next, clubId: club.id, classId: club.classId, clubName: club.name, variantId: checkVariant(club, change.variantId) };
      writes.push(guardDelete(current), guardPut(next));
      summary = `Switched from ${current.clubName} to ${club.name}`;
      break;
    }
  }
  next = withDueIndex(next);
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
        ExpressionAttributeValues: { ':due': PAUSE_DUE_PARTITION, ':bound': `${today}$` },
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
  const { gsi2pk: _pk, gsi2sk: _sk, ...rest } = item;
  const next: MembershipItem = { ...rest, status: 'active', pausedUntil: null, ...nextStamp(item, actor, at) };
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

