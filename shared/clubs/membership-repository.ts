import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isoDate, nowIso } from '../clock';
import { isLive, nextDueOn, transition, type MembershipAction } from './membership';
import {
  assertTakesMembers,
  checkGift,
  checkPauseDates,
  chooseReason,
  chooseVariant,
  currentNames,
  FREE_TEXT_REASON_KEY,
  namesDiffer,
  shippingFields,
} from './membership-rules';
import { assertSelfServiceAllows, type SelfServiceChange } from './self-service';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { CancelBody, JoinClubBody, Membership, PauseBody, UpdateMembershipBody } from './club-schemas';
import { dynamo, tableName } from '../db/client';
import { queryPages } from '../db/query-pages';
import { getItems, itemAt } from '../db/batch-get';
import { getClubItem, type ClubItem } from './club-repository';
import { historyKeys } from '../history/keys';
import { firstStamp, nextStamp } from '../db/item-stamp';
import { allOf, fieldUpdate, fieldUpdateWrite, putIfVersion, putNew, stillEquals } from '../db/item-writes';
import { customerKeys } from '../people/keys';
import type { CustomerItem } from '../people/customer-items';
import { clubItemsOf, toMembership, type MembershipItem } from './club-items';
import { clubsAndClass } from './clubs-and-class';
import { dueKeys, membershipKeys } from './keys';
import { readProfilePage, type ProfilePage } from '../people/profile-page';
import { timelineFields } from '../history/timeline';
import { cachedSettings } from '../settings/settings-repository';
import type { ClubSelfService } from '../settings/settings-schemas';
import { ConditionsFailedError, checkIfMatch, transactWrite, withLostRaceRetry, type NamedWrite } from '../db/transact';

/**
 * Club memberships under the person (`P#M#<id>`, part of the profile page). A guard item per
 * club (`MCLUB#<clubId>`) is written with `attribute_not_exists` in the same transaction as a
 * join or a switch, so a person never holds two live memberships in one club, however many
 * requests race. Every transition also writes an event for the person's timeline.
 *
 * Two sparse indexes (keys in `keys.ts`): a membership with something due (a scheduled pause,
 * a pause's end, a gift's reminder or end) is on gsi2 under its next due day, so the scheduled
 * job (`membership-due.ts`) reads only what is due; a live one is on gsi4 under its club, so a
 * club rename reaches the names it carries.
 */

/**
 * The membership with `nextDueOn` and its index keys set exactly when they apply (due: something
 * scheduled, under that day or today if it is past; club: live).
 */
export function withIndexKeys(item: MembershipItem, today: string = isoDate()): MembershipItem {
  const { gsi2pk: _2pk, gsi2sk: _2sk, gsi4pk: _4pk, gsi4sk: _4sk, ...rest } = item;
  const due = nextDueOn(item);
  return {
    ...rest,
    nextDueOn: due,
    ...(due ? dueKeys.membership(item.tenantId, item.customerId, item.id, due > today ? due : today) : {}),
    ...(isLive(item.status) ? membershipKeys.clubLive(item.tenantId, item.clubId, item.customerId, item.id) : {}),
  };
}

/** A line on a person's timeline about a membership (the member's, or the giver's). */
export function eventWrite(item: MembershipItem, summary: string, at: string, actor: Actor, eventId: string = newId(), customerId = item.customerId): NamedWrite {
  return putNew(`event:${customerId}`, {
    ...historyKeys.item(item.tenantId, customerId, 'MEMBERSHIP', eventId),
    type: 'membership-event',
    tenantId: item.tenantId,
    customerId,
    membershipId: item.id,
    actor,
    ...timelineFields(item.tenantId, customerId, { at, type: 'membership', summary, refId: item.id }),
  });
}

const guardPut = (item: MembershipItem): NamedWrite =>
  putNew('guard', { ...membershipKeys.clubGuard(item.tenantId, item.customerId, item.clubId), type: 'membership-guard', membershipId: item.id });

export const guardDelete = (item: MembershipItem): NamedWrite => ({
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

const fullName = (person: CustomerItem) => `${person.firstName} ${person.lastName}`.trim();

/**
 * The gift's people: the giver must be a person of the winery (a 400 naming `gift.giverId`);
 * their names are kept on the gift for its emails and timeline lines.
 */
async function giftOf(tenantId: string, customerId: string, gift: NonNullable<JoinClubBody['gift']>, today: string) {
  checkGift(gift, customerId, today);
  const keys = [customerKeys.profile(tenantId, gift.giverId), customerKeys.profile(tenantId, customerId)];
  const items = await getItems(keys);
  const giver = itemAt<CustomerItem>(items, keys[0]);
  const recipient = itemAt<CustomerItem>(items, keys[1]);
  if (!giver) throw new ValidationError([{ path: 'gift.giverId', message: 'is not a person of this winery' }]);
  if (!recipient) throw new NotFoundError('customer');
  return {
    giverId: giver.id,
    giverName: fullName(giver),
    recipientName: fullName(recipient),
    message: gift.message ?? null,
    endsOn: gift.endsOn,
    reminderSentOn: null,
  };
}

/**
 * The person's clubs and effective class as their memberships will be (`clubsAndClass`), for the
 * transaction of a join, a switch or a cancel, so the profile (and the discount the next order
 * gets) says it as soon as the change answers. Only those two fields are written, conditioned on
 * what they were decided from: the clubs (every join, switch and cancel moves them) and the own
 * class as read. Another of these, or a new own class, meanwhile is a lost race, read again
 * (`withLostRaceRetry`); an edit of anything else of the person does not collide.
 */
async function profileClubsWrite(page: ProfilePage, memberships: readonly MembershipItem[], actor: Actor, at: string): Promise<NamedWrite> {
  const { profile } = page;
  const clubs = await clubsAndClass(profile.tenantId, profile, memberships);
  return fieldUpdateWrite('profile', customerKeys.profile(profile.tenantId, profile.id), clubs, actor, at, {
    condition: allOf(stillEquals('clubIds', profile.clubIds ?? null, 'clubs'), stillEquals('customerClassId', profile.customerClassId ?? null, 'ownClass')),
  });
}

/** Joins a person to a club, with their clubs and effective class (the club's class may be better than theirs). */
export async function joinClub(tenantId: string, customerId: string, input: JoinClubBody, actor: Actor): Promise<Membership> {
  const today = isoDate();
  const [club, gift] = await Promise.all([getClubItem(tenantId, input.clubId), input.gift ? giftOf(tenantId, customerId, input.gift, today) : null]);
  assertTakesMembers(club);
  const variant = chooseVariant(club, input.variantId);
  return withLostRaceRetry(async () => {
    const page = await readProfilePage(tenantId, customerId);
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
      pausedFrom: null,
      pausedUntil: null,
      scheduledPause: null,
      pauseLog: [],
      pauseReasonKey: null,
      pauseReason: null,
      pauseNote: null,
      pauseBookedAt: null,
      pauseSaved: false,
      joinedAt: at,
      cancelledAt: null,
      cancelReasonKey: null,
      cancelReason: null,
      cancelNote: null,
      gift,
      nextDueOn: null,
      clubsWrittenAt: at,
      ...firstStamp(actor, at),
    });
    const writes = [
      putNew('membership', item),
      guardPut(item),
      eventWrite(item, gift ? `Joined ${club.name}: a gift from ${gift.giverName}, until ${gift.endsOn}` : `Joined ${club.name}`, at, actor),
      await profileClubsWrite(page, [...clubItemsOf(page).memberships, item], actor, at),
    ];
    if (gift) writes.push(eventWrite(item, `Gave ${club.name} to ${gift.recipientName}, until ${gift.endsOn}`, at, actor, newId(), gift.giverId));
    try {
      await transactWrite(writes);
    } catch (error) {
      // A lost race on the profile is read again (`withLostRaceRetry`); the club's guard is a 409.
      if (error instanceof ConditionsFailedError && error.failed.has('guard')) throw ALREADY_MEMBER;
      throw error;
    }
    return toMembership(item);
  });
}

/**
 * What a change may go through: staff (`staff`), or the member in the portal, within the
 * winery's `settings.clubSelfService` (a 403 `not-allowed` beyond it).
 */
export type ChangeChannel = { kind: 'staff' } | { kind: 'self-service'; policy: ClubSelfService };
const STAFF: ChangeChannel = { kind: 'staff' };

/** Change the owner, variant, shipping preference or pickup location. */
export const updateMembership = (
  tenantId: string,
  customerId: string,
  membershipId: string,
  patch: UpdateMembershipBody,
  actor: Actor,
  ifMatch: number | undefined,
  channel: ChangeChannel = STAFF,
) => changeMembership(tenantId, customerId, membershipId, { kind: 'edit', patch }, actor, channel, ifMatch);

/**
 * Pause until a future date, now or from a later day (then the membership stays active with a
 * scheduled pause); pausing a paused membership moves its end. A `reasonKey` must be one of the
 * winery's hold reasons.
 */
export async function pauseMembership(tenantId: string, customerId: string, membershipId: string, body: PauseBody, actor: Actor, channel: ChangeChannel = STAFF) {
  const today = isoDate();
  checkPauseDates(body, today);
  const reason = body.reasonKey ? chooseReason((await cachedSettings(tenantId)).clubReasons.hold, body.reasonKey, 'reasonKey') : null;
  return changeMembership(
    tenantId,
    customerId,
    membershipId,
    { kind: 'pause', from: body.from && body.from > today ? body.from : null, until: body.until, reason, note: body.note ?? null, saveOffer: body.saveOffer ?? false },
    actor,
    channel,
  );
}

/** Resume a paused membership, or drop an active one's scheduled pause. */
export const resumeMembership = (tenantId: string, customerId: string, membershipId: string, actor: Actor, channel: ChangeChannel = STAFF) =>
  changeMembership(tenantId, customerId, membershipId, { kind: 'resume' }, actor, channel);

export const switchMembership = (
  tenantId: string,
  customerId: string,
  membershipId: string,
  to: { clubId: string; variantId?: string },
  actor: Actor,
) => changeMembership(tenantId, customerId, membershipId, { kind: 'switch', ...to }, actor, STAFF);

/** Cancel with one of the winery's reasons (and a note), or with free text (counted as `other`). */
export async function cancelMembership(tenantId: string, customerId: string, membershipId: string, body: CancelBody, actor: Actor, channel: ChangeChannel = STAFF) {
  const reason = body.reasonKey
    ? chooseReason((await cachedSettings(tenantId)).clubReasons.cancel, body.reasonKey, 'reasonKey')
    : { key: FREE_TEXT_REASON_KEY, title: body.reason! };
  return changeMembership(tenantId, customerId, membershipId, { kind: 'cancel', reason, note: body.note ?? null }, actor, channel);
}

type Reason = { key: string; title: string };

type MembershipChange =
  | { kind: 'edit'; patch: UpdateMembershipBody }
  | { kind: 'pause'; from: string | null; until: string; reason: Reason | null; note: string | null; saveOffer: boolean }
  | { kind: 'resume' }
  | { kind: 'switch'; clubId: string; variantId?: string }
  | { kind: 'cancel'; reason: Reason; note: string | null };

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
  channel: ChangeChannel,
  ifMatch?: number,
): Promise<Membership> {
  return withLostRaceRetry(() => applyMembershipChange(tenantId, customerId, membershipId, change, actor, channel, ifMatch));
}

const withReason = (title: string, reason: Reason | null, note: string | null) =>
  [title, reason ? ` (${reason.title})` : '', note ? `: ${note}` : ''].join('');

async function applyMembershipChange(
  tenantId: string,
  customerId: string,
  membershipId: string,
  change: MembershipChange,
  actor: Actor,
  channel: ChangeChannel,
  ifMatch: number | undefined,
): Promise<Membership> {
  const page = await readProfilePage(tenantId, customerId);
  const current = clubItemsOf(page).memberships.find((m) => m.id === membershipId);
  if (!current) throw new NotFoundError('membership');
  checkIfMatch(ifMatch, current.version);
  const today = isoDate();
  const at = nowIso();
  const action: MembershipAction =
    change.kind === 'pause'
      ? { kind: 'pause', from: change.from, until: change.until }
      : change.kind === 'switch'
        ? { kind: 'switch', clubId: change.clubId }
        : { kind: change.kind };
  const state = transition(current, action, today);
  let next: MembershipItem = { ...current, ...state, ...nextStamp(current, actor, at) };
  const writes: NamedWrite[] = [];
  let summary: string;
  let selfService: SelfServiceChange;

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
      selfService = {
        kind: 'edit',
        variant: next.variantId !== current.variantId,
        shipping: next.shippingPreference !== current.shippingPreference || next.pickupLocation !== current.pickupLocation,
      };
      break;
    }
    case 'pause': {
      // A new hold is booked (and counted in the club's stats); moving the dates of the current
      // or scheduled one keeps its booking, and its reason unless another is given.
      const newHold = current.status === 'active' && !current.scheduledPause;
      next = {
        ...next,
        pauseReasonKey: change.reason?.key ?? (newHold ? null : current.pauseReasonKey),
        pauseReason: change.reason?.title ?? (newHold ? null : current.pauseReason),
        pauseNote: change.note ?? (newHold ? null : current.pauseNote),
        pauseBookedAt: newHold ? at : current.pauseBookedAt,
        pauseSaved: newHold ? change.saveOffer : current.pauseSaved,
      };
      const scheduled = state.status === 'active' && state.scheduledPause;
      summary = withReason(
        scheduled ? `Pause of ${current.clubName} booked from ${state.scheduledPause!.from} until ${change.until}` : `Paused ${current.clubName} until ${change.until}`,
        change.reason,
        change.note,
      );
      if (change.saveOffer) summary += ' (instead of cancelling)';
      selfService = { kind: 'pause', before: current, after: next };
      break;
    }
    case 'resume':
      summary = current.status === 'paused' ? `Resumed ${current.clubName}` : `Booked pause of ${current.clubName} dropped`;
      selfService = { kind: 'resume' };
      break;
    case 'cancel':
      next = { ...next, cancelledAt: at, cancelReasonKey: change.reason.key, cancelReason: change.reason.title, cancelNote: change.note };
      writes.push(guardDelete(current));
      summary = `Cancelled ${current.clubName}: ${change.reason.title}${change.note ? ` (${change.note})` : ''}`;
      selfService = { kind: 'cancel' };
      break;
    case 'switch': {
      const club = await getClubItem(tenantId, change.clubId);
      assertTakesMembers(club);
      next = { ...next, clubId: club.id, classId: club.classId, ...chooseVariant(club, change.variantId) };
      writes.push(guardDelete(current), guardPut(next));
      summary = `Switched from ${current.clubName} to ${club.name}`;
      selfService = { kind: 'edit', variant: true, shipping: false };
      break;
    }
  }
  if (channel.kind === 'self-service') assertSelfServiceAllows(channel.policy, selfService);
  next = withIndexKeys(next, today);
  // A cancel or a switch moves the person's clubs (and maybe their class) with it.
  if (change.kind === 'cancel' || change.kind === 'switch') {
    next = { ...next, clubsWrittenAt: at };
    writes.push(await profileClubsWrite(page, clubItemsOf(page).memberships.map((m) => (m.id === next.id ? next : m)), actor, at));
  }
  try {
    await transactWrite([putIfVersion('membership', next, current.version), ...writes, eventWrite(next, summary, at, actor)]);
  } catch (error) {
    if (error instanceof ConditionsFailedError && error.failed.has('guard') && !error.failed.has('membership')) throw ALREADY_MEMBER;
    throw error;
  }
  return toMembership(next);
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
  const pages = queryPages<MembershipItem>({
    IndexName: 'gsi4',
    KeyConditionExpression: 'gsi4pk = :club',
    ExpressionAttributeValues: { ':club': membershipKeys.clubLivePartition(tenantId, clubId) },
    Limit: RENAME_PAGE_SIZE,
  });
  for await (const page of pages) {
    const outcomes = await Promise.all(page.map((item) => writeNames(item, club, actor)));
    renamed += outcomes.filter(Boolean).length;
  }
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
