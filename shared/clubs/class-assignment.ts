import { clubNamesChanged, membershipChangeMatters, namesMayBeStale, type ClubFacts } from './membership-rules';
import { copyClubNamesToMembership, copyClubNamesToMemberships } from './membership-repository';
import type { StreamChange } from '../streams/stream-handler';
import type { CustomerItem } from '../people/customer-items';
import { updateProfile } from '../people/customer-repository';
import { MergedPersonError, NotFoundError } from '../errors';
import { systemActor } from '../db/item-stamp';
import { clubItemsOf, type MembershipItem } from './club-items';
import { clubsAndClass, holdsClubsAndClass } from './clubs-and-class';
import type { CustomerClassItem } from '../classes/customer-class-repository';
import { queryPages } from '../db/query-pages';
import { mapLimited } from '../concurrency';
import { listingKeys } from '../people/keys';
import { filterLabel } from '../people/people-listing';
import { membershipKeys } from './keys';

/**
 * Keeps a person's `effectiveClassId` and `clubIds` true to their current memberships, and
 * memberships' club and variant names true to their clubs. Both are recomputed from what is
 * stored now (never from the change that woke it), so they are idempotent under replay and
 * right when changes arrive together or out of order. A join, a switch and a cancel write the
 * person's clubs and class themselves, in their own transaction, and say so on the membership
 * (`clubsWrittenAt` equal to its `updatedAt`): this reads nothing for them. A new own class
 * writes them too (this reads and finds nothing to change); a pause, the due job (a gift's
 * end), a merge or a class's new discount leave them to this consumer. A new discount can make
 * another of a person's classes the best: everyone for whom the class is a candidate is
 * recomputed (`reassignHoldersOf`).
 */
export const CLASS_ASSIGNMENT = 'class-assignment';
const actor = systemActor(CLASS_ASSIGNMENT);

type Item = { type?: string; tenantId?: string; customerId?: string; id?: string };

/** One stream record of a club, a membership or a person: what it changes here. */
export async function applyClubsChange(change: StreamChange): Promise<void> {
  const item = (change.newItem ?? change.oldItem) as Item | undefined;
  if (!item?.tenantId) return;
  if (item.type === 'club' && item.id) {
    if (clubNamesChanged(change.oldItem as ClubFacts | undefined, change.newItem as ClubFacts | undefined)) {
      await copyClubNamesToMemberships(item.tenantId, item.id, actor);
    }
    return;
  }
  if (item.type === 'membership' && item.customerId) {
    const before = change.oldItem as MembershipItem | undefined;
    const after = change.newItem as MembershipItem | undefined;
    if (after && namesMayBeStale(before, after)) await copyClubNamesToMembership(after, actor);
    if (membershipChangeMatters(before, after) && !wroteClubsItself(after)) await reassignClass(item.tenantId, item.customerId);
    return;
  }
  if (item.type === 'customer-class' && item.id) {
    const before = change.oldItem as CustomerClassItem | undefined;
    const after = change.newItem as CustomerClassItem | undefined;
    // A new class is nobody's yet, and a class in use cannot be deleted.
    if (before && after && before.discountPercent !== after.discountPercent) await reassignHoldersOf(item.tenantId, after);
    return;
  }
  if (item.type === 'customer' && item.id && customerChangeMatters(change.oldItem as CustomerItem | undefined, change.newItem as CustomerItem | undefined)) {
    await reassignClass(item.tenantId, item.id);
  }
}

/** People recomputed at once while a class's holders are gone through. */
const HOLDERS_IN_PARALLEL = 8;

/**
 * Everyone for whom a class is a candidate, after its discount changed, recomputed from what is
 * stored now: who holds it as their own or effective class (the listing `CLASS#<id>`), and the
 * live members of its club when it is a club's (the club's live memberships on gsi4). A page at
 * a time; a person found twice is recomputed once. Someone who took the class as their own just
 * before is recomputed by their own change's record. A join or a switch into its club that read
 * the old discount is usually on the club's index by the time the stream brings the new one
 * here; one that is not yet there (the index is eventually consistent) keeps the class it chose
 * until the person's next change of clubs or class.
 */
async function reassignHoldersOf(tenantId: string, customerClass: CustomerClassItem): Promise<void> {
  const done = new Set<string>();
  const reassign = async (page: readonly { customerId: string }[]) => {
    const people = [...new Set(page.map(({ customerId }) => customerId))].filter((customerId) => !done.has(customerId));
    for (const customerId of people) done.add(customerId);
    await mapLimited(people, HOLDERS_IN_PARALLEL, (customerId) => reassignClass(tenantId, customerId));
  };
  const holders = queryPages<{ customerId: string }>({
    KeyConditionExpression: 'pk = :label',
    ExpressionAttributeValues: { ':label': listingKeys.partition(tenantId, filterLabel({ classId: customerClass.id })) },
    ProjectionExpression: 'customerId',
  });
  for await (const page of holders) await reassign(page);
  if (!customerClass.clubId) return;
  const members = queryPages<{ customerId: string }>({
    IndexName: 'gsi4',
    KeyConditionExpression: 'gsi4pk = :club',
    ExpressionAttributeValues: { ':club': membershipKeys.clubLivePartition(tenantId, customerClass.clubId) },
    ProjectionExpression: 'customerId',
  });
  for await (const page of members) await reassign(page);
}

async function reassignClass(tenantId: string, customerId: string): Promise<void> {
  try {
    await updateProfile(tenantId, customerId, actor, async (profile, page) => {
      const next = await clubsAndClass(tenantId, profile, clubItemsOf(page).memberships);
      return holdsClubsAndClass(profile, next) ? undefined : next;
    });
  } catch (error) {
    // The person is gone, or merged into another (a record from before the merge): nothing to assign.
    if (!(error instanceof NotFoundError || error instanceof MergedPersonError)) throw error;
  }
}

/**
 * Whether the membership's write also wrote its person's clubs and class, in one transaction. A
 * merge's move keeps the item's stamps and is not such a write (`movedBy`, which stays on it).
 */
function wroteClubsItself(after: MembershipItem | undefined): boolean {
  return after !== undefined && after.clubsWrittenAt === after.updatedAt && (after as { movedBy?: string }).movedBy === undefined;
}

/** Whether a person's own change could move their effective class (and was not our own write). */
function customerChangeMatters(oldItem: CustomerItem | undefined, newItem: CustomerItem | undefined): boolean {
  if (!newItem || newItem.updatedBy?.id === CLASS_ASSIGNMENT) return false;
  // A new person has no membership yet: the create chose their effective class from their own.
  return oldItem !== undefined && oldItem.customerClassId !== newItem.customerClassId;
}
